import BeleidTestSupport
import Foundation
import Testing

@Suite("beleid command")
struct CLITests {
  @Test("analyze --json shows parts, joined forms and one stem for both apostrophes")
  func analyzeJSON() throws {
    let result = try Beleid.run([
      "analyze", "--json", "De NIS2-richtlijn wordt de Cyberbeveiligingswet; ketenveiligheid en mkb’ers.",
    ])
    #expect(result.status == 0)
    let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    let tokens = try #require(json["tokens"] as? [[String: Any]])
    let forms = tokens.compactMap { $0["form"] as? String }
    #expect(forms.contains("nis2richtlijn") && forms.contains("nis2") && forms.contains("richtlijn"))
    let keten = try #require(tokens.first { $0["form"] as? String == "ketenveiligheid" })
    #expect(keten["parts"] as? [String] == ["keten", "veiligheid"])
  }

  @Test("analyze --sentences keeps titles and references inside a sentence")
  func analyzeSentences() throws {
    let result = try Beleid.run(["analyze", "--sentences", "Dhr. Jansen las art. 5 lid 2 voor. Daarna sprak hij."])
    #expect(result.output.contains("Dhr. Jansen las art. 5 lid 2 voor."))
    #expect(result.output.contains("Daarna sprak hij."))
  }

  @Test(
    "a malformed query exits 2 and names the column",
    arguments: [(#"zorg "plicht"#, "column 6"), ("(a OR b", "column 1"), ("OR", "column 1"), ("de het", "stop words")])
  func badQuery(_ example: (String, String)) throws {
    let corpus = try TestCorpus()
    try corpus.add("a.md", title: "A", body: "zorgplicht")
    let index = try corpus.indexFolder()
    _ = try Beleid.run(["index", "--index", index, corpus.folder.path])
    let result = try Beleid.run(["search", "--index", index, example.0])
    #expect(result.status == 2)
    #expect(result.error.contains(example.1), "\(result.error)")
  }

  @Test("a missing or damaged index is reported with advice, exit 2")
  func missingIndex() throws {
    let folder = try makeTemporaryDirectory().path
    let result = try Beleid.run(["search", "--index", folder, "cloud"])
    #expect(result.status == 2)
    #expect(result.error.contains("beleid index"))
  }

  @Test("without an index, search builds one from the bundled corpus and answers")
  func embeddedDefault() throws {
    let corpus = try TestCorpus()
    try corpus.add("a.md", title: "Ketenveiligheid", body: "ketenveiligheid in de cloud")
    let work = try makeTemporaryDirectory()
    let result = try Beleid.run(
      ["search", "ketenveiligheid"], in: work, environment: ["BELEID_CORPUS": corpus.folder.path])
    #expect(result.status == 0, "\(result.error)")
    #expect(result.error.contains("No index yet"))
    #expect(result.output.contains("Ketenveiligheid"))
    #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent(".beleid/MANIFEST").path))
  }

  @Test("batch mode prints TREC run lines")
  func batch() throws {
    let corpus = try TestCorpus()
    try corpus.add("a.md", title: "A", body: "zorgplicht cloud")
    try corpus.add("b.md", title: "B", body: "cloud")
    let index = try corpus.indexFolder()
    _ = try Beleid.run(["index", "--index", index, corpus.folder.path])
    let queries = corpus.folder.appendingPathComponent("q.tsv")
    try "q1\tcloud\nq2\tzorgplicht\n".write(to: queries, atomically: true, encoding: .utf8)
    let result = try Beleid.run(["search", "--index", index, "--queries", queries.path])
    let lines = result.output.split(separator: "\n")
    #expect(lines.count == 3)
    #expect(lines.allSatisfy { $0.split(separator: " ").count == 6 && $0.hasSuffix(" beleid") })
  }

  @Test("two writers: the second fails naming the first's process")
  func lockedIndex() throws {
    let corpus = try TestCorpus()
    var lines: [String] = []
    for index in 0..<30_000 { lines.append(#"{"id": "\#(index)", "text": "cloud zorgplicht \#(index)"}"#) }
    try lines.joined(separator: "\n").write(
      to: corpus.folder.appendingPathComponent("bulk.jsonl"), atomically: true, encoding: .utf8)
    let index = try corpus.indexFolder()
    let first = try Beleid.start(["index", "--index", index, corpus.folder.path])
    let lock = (index as NSString).appendingPathComponent("write.lock")
    let deadline = Date().addingTimeInterval(20)
    while Date() < deadline
      && ((try? String(contentsOfFile: lock, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        .isEmpty
    {
      usleep(2_000)
    }
    let second = try Beleid.run(["index", "--index", index, corpus.folder.path])
    first.process.waitUntilExit()
    #expect(second.status == 2)
    #expect(second.error.contains("locked by process \(first.process.processIdentifier)"), "\(second.error)")
  }
}
