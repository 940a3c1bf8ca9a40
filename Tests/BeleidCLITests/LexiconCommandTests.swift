import BeleidTestSupport
import Foundation
import Testing

@Suite("beleid lexicon import and show")
struct LexiconCommandTests {
  /// A lexicon folder with one small resource written for this test.
  static func folder() throws -> URL {
    let folder = try makeTemporaryDirectory()
    try """
    # small: a test resource, public domain
    supply chain\ttoeleveringsketen\tx
    obligation\tverplichting\tx
    obligation\tplicht\tx
    duty\tplicht\tx
    """.write(to: folder.appendingPathComponent("small-en-nl.tsv"), atomically: true, encoding: .utf8)
    return folder
  }

  @Test("import compiles a named lexicon; show lists its attribution and translations; search explains the source")
  func importAndShow() throws {
    let folder = try Self.folder()
    let table = folder.appendingPathComponent("out/lexicon.tables").path
    let environment = ["BELEID_LEXICON": table]
    let imported = try Beleid.run(
      ["lexicon", "import", "--no-defaults", "--lexicon", "small", folder.path], environment: environment)
    #expect(imported.status == 0, "\(imported.error)")
    #expect(imported.output.contains("3 English and 3 Dutch words and phrases from small"), "\(imported.output)")
    let shown = try Beleid.run(["lexicon", "show"], environment: environment)
    #expect(shown.output.contains("small: small: a test resource, public domain"))
    let word = try Beleid.run(["lexicon", "show", "obligations"], environment: environment)
    #expect(word.output.contains("verplichting") && word.output.contains("0.500"), "\(word.output)")

    let corpus = try TestCorpus()
    try corpus.add("a.md", title: "Plichten", body: "Elke plicht van de aanbieder staat hier.", lang: "nl")
    let index = try corpus.indexFolder()
    _ = try Beleid.run(["index", "--index", index, corpus.folder.path])
    let search = try Beleid.run(
      ["search", "--index", index, "--lang", "en", "--explain", "duty"], environment: environment)
    #expect(search.status == 0, "\(search.error)")
    #expect(search.output.contains("dictionary duty → plicht [small; p 1.00]"), "\(search.output)")
  }

  @Test(
    "bad input is exit 2 with a message",
    arguments: [
      (["lexicon", "import", "--no-defaults", "--lexicon", "nothing"], "no lexicon 'nothing'"),
      (["lexicon", "import", "--lexicon", "small"], "cannot read the lexicon file"),
    ])
  func badInput(_ example: ([String], String)) throws {
    let folder = try Self.folder()
    let environment = ["BELEID_LEXICON": folder.appendingPathComponent("lexicon.tables").path]
    let result = try Beleid.run(example.0 + [folder.path], environment: environment)
    #expect(result.status == 2)
    #expect(result.error.contains(example.1), "\(result.error)")
  }

  @Test("--version names every translation resource's licence, MUSE as an opt-in")
  func version() throws {
    let result = try Beleid.run(["--version"])
    #expect(result.status == 0)
    #expect(result.output.contains("muse (opt-in)") && result.output.contains("CC BY-NC 4.0"))
    #expect(result.output.contains("GPL-2+") && result.output.contains("Open Dutch WordNet"))
  }
}
