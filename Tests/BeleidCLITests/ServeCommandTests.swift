import BeleidTestSupport
import Foundation
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

@Suite("beleid serve, the command")
struct ServeCommandTests {
  @Test("it prints its URL, answers over HTTP, logs the request, and SIGTERM stops it with exit 0")
  func servesAndStops() throws {
    let corpus = try TestCorpus()
    try corpus.add("a.md", title: "Cloud", body: "Het kabinet kiest voor soevereine cloud.", lang: "nl")
    let index = try corpus.indexFolder()
    try #require(try Beleid.run(["index", "--index", index, corpus.folder.path]).status == 0)

    let server = try Beleid.start(["serve", "--index", index, "--port", "0"])
    // The first line names the URL.
    var printed = Data()
    let reader = server.stdout.fileHandleForReading
    let deadline = Date().addingTimeInterval(30)
    while !printed.contains(UInt8(ascii: "\n")) && Date() < deadline {
      let chunk = reader.availableData
      if chunk.isEmpty { break }
      printed.append(chunk)
    }
    let line = String(decoding: printed, as: UTF8.self)
    let url = try #require(line.split(separator: " ").first { $0.hasPrefix("http://127.0.0.1:") }, "printed: \(line)")
    let answer = try Data(contentsOf: URL(string: url + "api/search?q=cloud")!)
    let body = try #require(try JSONSerialization.jsonObject(with: answer) as? [String: Any])
    #expect(((body["results"] as? [String: Any])?["hits"] as? [Any])?.count == 1)

    kill(server.process.processIdentifier, SIGTERM)
    server.process.waitUntilExit()
    #expect(server.process.terminationStatus == 0)
    let log = String(decoding: server.stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(log.contains("GET /api/search 200 "))
    #expect(!log.contains("q=cloud"))
  }

  @Test("a port out of range is a usage error")
  func badPort() throws {
    let result = try Beleid.run(["serve", "--port", "70000"])
    #expect(result.status == 2)
    #expect(result.error.contains("--port"))
  }
}
