import BeleidAnalysis
import BeleidTestSupport
import Foundation
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

@Suite("beleid serve, the command")
struct ServeCommandTests {
  /// The first `count` lines the server prints (fewer if it stops or
  /// 30 seconds pass).
  static func lines(_ count: Int, from pipe: Pipe) -> String {
    var printed = Data()
    let deadline = Date().addingTimeInterval(30)
    while printed.filter({ $0 == UInt8(ascii: "\n") }).count < count && Date() < deadline {
      let chunk = pipe.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      printed.append(chunk)
    }
    return String(decoding: printed, as: UTF8.self)
  }

  @Test("it prints its URL, answers over HTTP, logs the request, and SIGTERM stops it with exit 0")
  func servesAndStops() throws {
    let corpus = try TestCorpus()
    try corpus.add("a.md", title: "Cloud", body: "Het kabinet kiest voor soevereine cloud.", lang: "nl")
    let index = try corpus.indexFolder()
    try #require(try Beleid.run(["index", "--index", index, corpus.folder.path]).status == 0)

    let server = try Beleid.start(["serve", "--index", index, "--port", "0"])
    // The first line names the URL.
    let line = Self.lines(1, from: server.stdout)
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

  @Test("--allow-index prints a token once, which POST /api/index takes")
  func allowIndex() throws {
    let corpus = try TestCorpus()
    try corpus.add("a.md", title: "Cloud", body: "Het kabinet kiest voor soevereine cloud.", lang: "nl")
    let index = try corpus.indexFolder()
    try #require(try Beleid.run(["index", "--index", index, corpus.folder.path]).status == 0)
    let server = try Beleid.start(["serve", "--index", index, "--port", "0", "--allow-index", corpus.folder.path])
    let text = Self.lines(2, from: server.stdout)
    let url = try #require(text.split(separator: " ").first { $0.hasPrefix("http://127.0.0.1:") }, "printed: \(text)")
    let token = try #require(text.split(separator: " ").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) })
    #expect(token.count == 64, "printed: \(text)")
    try corpus.add("b.md", title: "Quantum", body: "De quantumcomputer bedreigt versleuteling.", lang: "nl")
    var request = URLRequest(url: URL(string: url + "api/index")!)
    request.httpMethod = "POST"
    request.httpBody = Data(#"{"path": "\#(corpus.folder.path)"}"#.utf8)
    request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
    let status = Locked(0)
    let done = DispatchSemaphore(value: 0)
    URLSession.shared.dataTask(with: request) { _, response, _ in
      status.withLock { $0 = (response as? HTTPURLResponse)?.statusCode ?? 0 }
      done.signal()
    }.resume()
    done.wait()
    #expect(status.withLock { $0 } == 200)
    kill(server.process.processIdentifier, SIGTERM)
    server.process.waitUntilExit()
    #expect(server.process.terminationStatus == 0)
  }

  @Test("a port out of range is a usage error")
  func badPort() throws {
    let result = try Beleid.run(["serve", "--port", "70000"])
    #expect(result.status == 2)
    #expect(result.error.contains("--port"))
  }
}
