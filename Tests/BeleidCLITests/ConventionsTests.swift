import BeleidTestSupport
import Foundation
import Testing

/// The command-line conventions users expect from grep and ripgrep.
///
/// Exit codes, colour, JSON, "did you mean", and errors instead of silence;
/// each case failed at fdeb881.
@Suite("CLI conventions")
struct ConventionsTests {
  /// A small index of three Markdown documents.
  static func smallIndex() throws -> (corpus: TestCorpus, index: String) {
    let corpus = try TestCorpus()
    try corpus.add("keten.md", title: "Ketenveiligheid", body: "ketenveiligheid en de zorgplicht van leveranciers")
    try corpus.add("cloud.md", title: "Cloud", body: "de cloud en soevereiniteit, hyperscalers en de zorgplicht")
    try corpus.add("inkoop.md", title: "Inkoop", body: "ketenveiligheid bij de inkoop van clouddiensten")
    let index = try corpus.indexFolder()
    let result = try Beleid.run(["index", "--index", index, corpus.folder.path])
    #expect(result.status == 0, "\(result.error)")
    return (corpus, index)
  }

  /// Arguments and the exit code they must give: 0 a match, 1 none, 2 an
  /// error (64, ArgumentParser's usage code, is gone).
  static let exitCodes: [(arguments: [String], status: Int32)] = [
    (["search", "ketenveiligheid"], 0),
    (["search", "kernfusiereactor"], 1),
    (["search", "--queries", "-"], 1),  // empty standard input: nothing matched
    (["search", "--limit", "x", "cloud"], 2),
    (["search"], 2),
    (["search", "--no-such-option", "cloud"], 2),
    (["search", "(cloud"], 2),
    (["search", "--threads", "2", "cloud"], 2),  // threads are for --queries
    (["search", "--threads", "0", "--queries", "-"], 2),
    (["serach", "cloud"], 2),
    (["glossary", "lookup", "ketenveiligheid"], 0),
    (["glossary", "lookup", "qqqqzzzz"], 1),
    (["summarize", "--sentences", "0", "x"], 2),
    (["newsletter", "--since", "2026-02-30", "--query", "cloud"], 2),
  ]

  @Test("exit codes: 0 a match, 1 nothing matched, 2 usage or input errors", arguments: exitCodes.indices)
  func exitCode(_ index: Int) throws {
    let (_, folder) = try Self.smallIndex()
    let (arguments, status) = Self.exitCodes[index]
    let withIndex = arguments.first == "glossary" ? arguments : arguments + ["--index", folder]
    let result = try Beleid.run(withIndex)
    #expect(result.status == status, "\(arguments): \(result.status) \(result.error)")
  }

  @Test("a misspelt subcommand gets a suggestion, at each level")
  func subcommandSuggestion() throws {
    let top = try Beleid.run(["serach", "cloud"])
    #expect(top.status == 2)
    #expect(top.error.contains("did you mean 'beleid search'?"), "\(top.error)")
    let nested = try Beleid.run(["glossary", "lokup", "cloud"])
    #expect(nested.status == 2)
    #expect(nested.error.contains("did you mean 'beleid glossary lookup'?"), "\(nested.error)")
    let far = try Beleid.run(["frobnicate"])
    #expect(far.status == 2 && !far.error.contains("did you mean") && far.error.contains("commands: search"))
  }

  /// Unknown fields, Dutch or misspelt, and what the error suggests.
  static let unknownFields: [(query: String, message: String)] = [
    ("titel:cloud", "unknown field 'titel'; did you mean title:?"),
    ("datum:2026", "unknown field 'datum'; did you mean date:?"),
    ("lnag:nl cloud", "unknown field 'lnag'; did you mean lang:?"),
    ("cloud foo:bar", "unknown field 'foo'; (fields:"),
  ]

  @Test("an unknown field is an error with a suggestion, not a word", arguments: unknownFields.indices)
  func unknownField(_ index: Int) throws {
    let (_, folder) = try Self.smallIndex()
    let (query, message) = Self.unknownFields[index]
    let result = try Beleid.run(["search", "--index", folder, query])
    #expect(result.status == 2)
    #expect(result.error.contains(message), "\(result.error)")
  }

  @Test("a quoted field name, a URL and a time are searched as text")
  func notFields() throws {
    let (_, folder) = try Self.smallIndex()
    for query in ["\"titel:cloud\"", "https://example.org", "cloud 10:30"] {
      let result = try Beleid.run(["search", "--index", folder, query])
      #expect(result.status != 2, "\(query): \(result.error)")
    }
  }

  @Test("a query word in no document gets a hint on stderr; the query is not changed")
  func spellingHint() throws {
    let (_, folder) = try Self.smallIndex()
    let result = try Beleid.run(["search", "--index", folder, "--no-translate", "ketenveilgheid"])
    #expect(
      result.error.contains("hint: 'ketenveilgheid' is in no document; did you mean 'ketenveiligheid'"),
      "\(result.error)")
    // The hint is not applied: nothing matched.
    #expect(result.status == 1)
    #expect(result.output.isEmpty)
    let known = try Beleid.run(["search", "--index", folder, "--no-translate", "cloud"])
    #expect(!known.error.contains("hint:"))
  }

  @Test(
    "bold only on request or on a terminal that allows it",
    arguments: [
      (["--color", "always"], [String: String](), true),
      (["--color", "always"], ["NO_COLOR": "1"], true),
      (["--color", "never"], [:], false),
      ([], [:], false),  // a pipe
    ] as [([String], [String: String], Bool)])
  func color(_ options: [String], _ environment: [String: String], _ bold: Bool) throws {
    let (_, folder) = try Self.smallIndex()
    let result = try Beleid.run(["search", "--index", folder, "cloud"] + options, environment: environment)
    #expect(result.output.contains("\u{1B}[1m") == bold, "\(result.output)")
    #expect(result.output.contains("«") == !bold)
  }

  @Test("NO_COLOR and TERM=dumb turn bold off on a terminal", arguments: [["NO_COLOR": "1"], ["TERM": "dumb"]])
  func colorOnTerminal(_ environment: [String: String]) throws {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else {
      print("skipped: needs script(1) from bsdutils for a terminal")
      return
    }
    let (_, folder) = try Self.smallIndex()
    let command = "\(Beleid.path) search --index \(folder) cloud"
    // NO_COLOR set to "" counts as unset.
    let terminal = ["TERM": "xterm", "NO_COLOR": ""]
    let plain = try Beleid.run(["-qec", command, "/dev/null"], environment: terminal, executable: "/usr/bin/script")
    #expect(plain.output.contains("\u{1B}[1m"), "a terminal gets bold: \(plain.output)")
    let result = try Beleid.run(
      ["-qec", command, "/dev/null"], environment: terminal.merging(environment) { $1 },
      executable: "/usr/bin/script")
    #expect(!result.output.contains("\u{1B}[1m"), "\(environment): \(result.output)")
  }

  @Test("--json prints one compact object with every field, nulls included; --jsonl a hit per line")
  func json() throws {
    let (_, folder) = try Self.smallIndex()
    let result = try Beleid.run(["search", "--index", folder, "--json", "ketenveiligheid"])
    #expect(result.status == 0)
    let lines = result.output.split(separator: "\n")
    #expect(lines.count == 1)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    let hits = try #require((object["results"] as? [String: Any])?["hits"] as? [[String: Any]])
    #expect(hits.count == 2)
    for hit in hits {
      #expect(hit.keys.contains("url") && hit["url"] is NSNull)
      #expect(hit.keys.contains("explanation"))
    }
    let lined = try Beleid.run(["search", "--index", folder, "--jsonl", "ketenveiligheid"])
    let jsonLines = lined.output.split(separator: "\n")
    #expect(jsonLines.count == 2)
    for line in jsonLines {
      #expect((try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["rank"] != nil)
    }
  }

  @Test("--queries with --jsonl prints one line per query")
  func batchJSONLines() throws {
    let (_, folder) = try Self.smallIndex()
    let file = try makeTemporaryDirectory().appendingPathComponent("q.tsv")
    try "q1\tcloud\nq2\tkernfusiereactor\n".write(to: file, atomically: true, encoding: .utf8)
    let result = try Beleid.run(["search", "--index", folder, "--queries", file.path, "--jsonl"])
    #expect(result.status == 0, "\(result.error)")
    let ids = try result.output.split(separator: "\n").map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])["qid"] as? String
    }
    #expect(ids == ["q1", "q2"])
  }

  @Test("the README's JSON example has the fields of a real run, in the same shapes")
  func readmeSchema() throws {
    let readme = try String(contentsOf: SharedData.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
    let marker = "`beleid search --json` prints one compact line; laid out, it is:\n\n"
    let start = try #require(readme.range(of: marker)).upperBound
    let block = try #require(readme[start...].components(separatedBy: "\n\n").first)
    let example = block.split(separator: "\n").map { $0.dropFirst(4) }.joined(separator: "\n")
    let documented = try JSONSerialization.jsonObject(with: Data(example.utf8))
    let (_, folder) = try Self.smallIndex()
    let result = try Beleid.run(["search", "--index", folder, "--json", "ketenveiligheid"])
    let real = try JSONSerialization.jsonObject(with: Data(result.output.utf8))
    let differences = Self.differences(documented, real, at: "$")
    #expect(differences.isEmpty, "\(differences)")
  }

  /// Where two JSON values differ in keys or kinds; arrays are compared by
  /// their first elements, and null matches any kind (a field may be absent
  /// for one document and present for another).
  static func differences(_ a: Any, _ b: Any, at path: String) -> [String] {
    if a is NSNull || b is NSNull { return [] }
    switch (a, b) {
    case (let x as [String: Any], let y as [String: Any]):
      guard Set(x.keys) == Set(y.keys) else {
        return ["\(path): keys \(x.keys.sorted()) against \(y.keys.sorted())"]
      }
      return x.keys.sorted().flatMap { differences(x[$0]!, y[$0]!, at: "\(path).\($0)") }
    case (let x as [Any], let y as [Any]):
      guard let first = x.first, let second = y.first else { return [] }
      return differences(first, second, at: path + "[0]")
    case (is String, is String), (is NSNumber, is NSNumber):
      return []
    default:
      return ["\(path): \(type(of: a)) against \(type(of: b))"]
    }
  }

  @Test("summarize, keywords and newsletter take the number and key search --json prints, and relative paths")
  func documentIDs() throws {
    let (corpus, folder) = try Self.smallIndex()
    let search = try Beleid.run(["search", "--index", folder, "--json", "--no-translate", "hyperscalers"])
    let object = try #require(try JSONSerialization.jsonObject(with: Data(search.output.utf8)) as? [String: Any])
    let hit = try #require(((object["results"] as? [String: Any])?["hits"] as? [[String: Any]])?.first)
    let number = try #require(hit["document"] as? Int)
    let key = try #require(hit["key"] as? String)
    for spec in [String(number), key] {
      for command in ["summarize", "keywords"] {
        let result = try Beleid.run([command, "--index", folder, spec])
        #expect(result.status == 0, "\(command) \(spec): \(result.error)")
      }
    }
    let relative = try Beleid.run(
      ["summarize", "--index", folder, "cloud.md"], in: corpus.folder)
    #expect(relative.status == 0, "\(relative.error)")
    let letter = try Beleid.run(["newsletter", "--index", folder, "--format", "text", String(number), key])
    #expect(letter.status == 0, "\(letter.error)")
    #expect(letter.output.contains("Cloud"))
    let missing = try Beleid.run(["summarize", "--index", folder, "999"])
    #expect(missing.status == 2 && missing.error.contains("'document' number"), "\(missing.error)")
  }

  @Test("remove names a path that matched nothing, and writes no commit for it")
  func removeUnmatched() throws {
    let (corpus, folder) = try Self.smallIndex()
    let manifest = try Data(contentsOf: URL(fileURLWithPath: folder).appendingPathComponent("MANIFEST"))
    let none = try Beleid.run(["remove", "--index", folder, "nosuch.md"], in: corpus.folder)
    #expect(none.status == 1)
    #expect(none.error.contains("nosuch.md") && none.error.contains("matches no indexed file"), "\(none.error)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: folder).appendingPathComponent("MANIFEST")) == manifest)
    let relative = try Beleid.run(["remove", "--index", folder, "cloud.md"], in: corpus.folder)
    #expect(relative.status == 0 && relative.output.contains("removed 1 document"), "\(relative.output)")
  }

  @Test("an incremental run that changes nothing writes no commit")
  func noOpRun() throws {
    let (corpus, folder) = try Self.smallIndex()
    let manifestURL = URL(fileURLWithPath: folder).appendingPathComponent("MANIFEST")
    let before = try Data(contentsOf: manifestURL)
    let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    let again = try Beleid.run(["index", "--index", folder, corpus.folder.path])
    #expect(again.status == 0)
    #expect(again.output.contains("nothing changed: no new commit"), "\(again.output)")
    #expect(try Data(contentsOf: manifestURL) == before)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == files)
    try corpus.add("nieuw.md", title: "Nieuw", body: "een nieuw document over cloud")
    let changed = try Beleid.run(["index", "--index", folder, corpus.folder.path])
    #expect(!changed.output.contains("nothing changed"))
    #expect(try Data(contentsOf: manifestURL) != before)
  }

  @Test("search --help carries the query language and examples, and the exit codes")
  func help() throws {
    let result = try Beleid.run(["search", "--help"])
    #expect(result.status == 0)
    for line in ["title:cloud", "soeverein*", "\"digitale autonomie\"", "$ beleid search", "Exit codes: 0"] {
      #expect(result.output.contains(line), "\(line)")
    }
  }
}
