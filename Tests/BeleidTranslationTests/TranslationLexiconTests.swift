import BeleidAnalysis
import BeleidSearch
import BeleidTestSupport
import BeleidTranslation
import Foundation
import Testing

@Suite("Translation lexicon")
struct TranslationLexiconTests {
  /// Two small resources in the lexicon format, written for these tests:
  /// a wordnet-like one (a line per sense) and a thesaurus-like one.
  static func folder() throws -> URL {
    let folder = try makeTemporaryDirectory()
    try """
    # alpha: a wordnet-like test resource, one line per sense
    obligation\tplicht\ts1
    obligation\tverplichting\ts2
    obligation\tplicht\ts3
    security\tveiligheid\ts4
    security\tonderpand\ts5
    administrative body\tbestuurslichaam\ts6
    """.write(to: folder.appendingPathComponent("alpha-en-nl.tsv"), atomically: true, encoding: .utf8)
    try """
    # beta: a thesaurus-like test resource
    obligation\tverplichting\tt1
    security\tbeveiliging\tt2
    a line without a tab
    """.write(to: folder.appendingPathComponent("beta-en-nl.tsv"), atomically: true, encoding: .utf8)
    return folder
  }

  static func compiled() throws -> (lexicon: TranslationLexicon, notes: [String], folder: URL) {
    let folder = try Self.folder()
    let resources = try ["alpha", "beta"].map { try TranslationLexicon.resource(named: $0, folder: folder.path) }
    let (lexicon, notes) = try TranslationLexicon.compile(folder: folder.path, resources: resources)
    return (lexicon, notes, folder)
  }

  /// A word and its expected translations.
  struct Example: Sendable, CustomTestStringConvertible {
    var word: String
    var expected: [Expected]
    var testDescription: String { word }
  }

  /// A translation's text, probability and sources.
  struct Expected: Sendable {
    var text: String
    var probability: Double
    var sources: [String]
    init(_ text: String, _ probability: Double, _ sources: [String]) {
      (self.text, self.probability, self.sources) = (text, probability, sources)
    }
  }

  static let examples: [Example] = [
    // alpha: plicht 2/3, verplichting 1/3; beta: verplichting 1.
    Example(
      word: "obligation",
      expected: [.init("verplichting", 2.0 / 3, ["alpha", "beta"]), .init("plicht", 1.0 / 3, ["alpha"])]),
    // Inflected: found by stem, as the key it begins with.
    Example(
      word: "obligations",
      expected: [.init("verplichting", 2.0 / 3, ["alpha", "beta"]), .init("plicht", 1.0 / 3, ["alpha"])]
    ),
    // alpha: veiligheid 1/2, onderpand 1/2; beta: beveiliging 1.
    Example(
      word: "Security",
      expected: [
        .init("beveiliging", 0.5, ["beta"]), .init("onderpand", 0.25, ["alpha"]), .init("veiligheid", 0.25, ["alpha"]),
      ]),
    Example(word: "administrative  body", expected: [.init("bestuurslichaam", 1.0, ["alpha"])]),
    Example(word: "qwxzy", expected: []),
  ]

  @Test("p(d|e) is the mean of each resource's distribution: agreement raises a translation", arguments: examples)
  func probabilities(_ example: Example) throws {
    let lexicon = try Self.compiled().lexicon
    let found = try lexicon.translations(of: example.word)
    #expect(found.map(\.text) == example.expected.map(\.text))
    for (translation, expected) in zip(found, example.expected) {
      #expect(abs(translation.probability - expected.probability) < 0.001, "\(translation)")
      #expect(translation.sources == expected.sources)
    }
  }

  @Test(
    "read backwards, the same lines translate Dutch words into English, inflected forms by their lemma",
    arguments: [
      ("verplichting", "obligation", ["alpha", "beta"]), ("verplichtingen", "obligation", ["alpha", "beta"]),
      ("bestuurslichaam", "administrative body", ["alpha"]), ("beveiliging", "security", ["beta"]),
    ])
  func reverse(_ example: (String, String, [String])) throws {
    let found = try Self.compiled().lexicon.translations(of: example.0, from: .dutch)
    #expect(found.map(\.text) == [example.1])
    #expect(found.first?.sources == example.2 && found.first?.probability == 1)
  }

  @Test("the compiled file maps back with the same translations, sources and attributions")
  func roundTrip() throws {
    let (lexicon, notes, folder) = try Self.compiled()
    #expect(notes.count == 1 && notes[0].contains("1 lines") && notes[0].contains("line 4"), "\(notes)")
    let path = folder.appendingPathComponent("lexicon.tables").path
    try lexicon.write(to: path)
    let mapped = try #require(try TranslationLexicon(path: path))
    #expect(mapped.count(from: .english) == lexicon.count(from: .english) && mapped.count(from: .english) == 3)
    #expect(mapped.count(from: .dutch) == 6)
    #expect(mapped.longestKey(from: .english) == 2)
    #expect(
      mapped.attributions == [
        "alpha: alpha: a wordnet-like test resource, one line per sense",
        "beta: beta: a thesaurus-like test resource",
      ])
    for word in ["obligation", "obligations", "security", "administrative body"] {
      #expect(try mapped.translations(of: word) == (try lexicon.translations(of: word)))
    }
    for word in ["verplichting", "verplichtingen", "bestuurslichaam"] {
      #expect(try mapped.translations(of: word, from: .dutch) == (try lexicon.translations(of: word, from: .dutch)))
    }
    #expect(try TranslationLexicon(path: folder.appendingPathComponent("none.tables").path) == nil)
  }

  @Test("a table made under another analysis gets new stem tables once, written back")
  func otherAnalysis() throws {
    let (lexicon, _, folder) = try Self.compiled()
    let path = folder.appendingPathComponent("lexicon.tables").path
    try lexicon.write(to: path)
    let original = try Data(contentsOf: URL(fileURLWithPath: path))
    // The fingerprint string follows the magic and its length (16 bytes).
    var other = original
    other[16] = other[16] == UInt8(ascii: "x") ? UInt8(ascii: "y") : UInt8(ascii: "x")
    try other.write(to: URL(fileURLWithPath: path))
    let mapped = try #require(try TranslationLexicon(path: path))
    #expect(try mapped.translations(of: "obligations") == (try lexicon.translations(of: "obligations")))
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == original)
  }

  @Test(
    "bad files are clear errors naming the file (and line)",
    arguments: [
      ("binary", Data([0x6F, 0x62, 0x00, 0x09, 0x70]), "binary"),
      ("utf8", Data("# header\nok\tgoed\nbad\t".utf8) + Data([0xFF, 0xFE]) + Data("\n".utf8), ":3: not UTF-8"),
    ])
  func badFiles(_ example: (String, Data, String)) throws {
    let folder = try makeTemporaryDirectory()
    try example.1.write(to: folder.appendingPathComponent("\(example.0)-en-nl.tsv"))
    let resource = TranslationLexicon.Resource(
      name: example.0, file: "\(example.0)-en-nl.tsv", attribution: "test", isDefault: false)
    let error = try #require(throws: TranslationError.self) {
      try TranslationLexicon.compile(folder: folder.path, resources: [resource])
    }
    #expect(error.description.contains(example.2), "\(error)")
  }

  @Test("a damaged table is an error that says to import again; names are checked")
  func damaged() throws {
    let folder = try makeTemporaryDirectory()
    let path = folder.appendingPathComponent("lexicon.tables").path
    try Data(repeating: 7, count: 100).write(to: URL(fileURLWithPath: path))
    let error = try #require(throws: TranslationError.self) { try TranslationLexicon(path: path) }
    #expect(error.reason.contains("import again"))
    #expect(throws: TranslationError.self) { try TranslationLexicon.resource(named: "nothing", folder: folder.path) }
    // A file without the '#' line that names its source is refused.
    try "a\tb\n".write(to: folder.appendingPathComponent("bare-en-nl.tsv"), atomically: true, encoding: .utf8)
    #expect(throws: TranslationError.self) { try TranslationLexicon.resource(named: "bare", folder: folder.path) }
  }

  @Test("WordNet's sense order weighs a wordnet's senses: sense k by 1/k, shared by its Dutch words")
  func senseOrder() throws {
    let folder = try makeTemporaryDirectory()
    // index.noun's layout: lemma pos synset_cnt p_cnt [ptrs] sense_cnt tagsense_cnt offsets, most frequent first.
    try """
      \u{20} header lines start with a space
    security n 3 1 @ 3 1 00000003 00000001 00000002  \n
    """.write(to: folder.appendingPathComponent("index.noun"), atomically: true, encoding: .utf8)
    let senses = try #require(SenseOrder(folder: folder.path))
    #expect(senses.rank(of: "security", in: "00000003-n") == 1)
    #expect(senses.rank(of: "security", in: "00000002-n") == 3)
    #expect(senses.rank(of: "security", in: "00000002-v") == nil)
    #expect(SenseOrder(folder: folder.appendingPathComponent("none").path) == nil)
    try """
    # wn: a wordnet-like test resource with synsets
    security\tveiligheid\twn:00000003-n
    security\tonderpand\twn:00000001-n
    security\tpand\twn:00000001-n
    security\tzekerheid\twn:00000002-n
    """.write(to: folder.appendingPathComponent("wn-en-nl.tsv"), atomically: true, encoding: .utf8)
    let resource = TranslationLexicon.Resource(
      name: "wn", file: "wn-en-nl.tsv", attribution: "test", isDefault: false, hasSynsets: true)
    let weighed = try TranslationLexicon.compile(folder: folder.path, resources: [resource], senses: senses).lexicon
    // Senses weigh 1, 1/2 (two words, 1/4 each) and 1/3; of 11/6 in all.
    let p = Dictionary(uniqueKeysWithValues: try weighed.translations(of: "security").map { ($0.text, $0.probability) })
    #expect(abs(p["veiligheid"]! - 6.0 / 11) < 0.001 && abs(p["zekerheid"]! - 2.0 / 11) < 0.001)
    #expect(abs(p["onderpand"]! - 1.5 / 11) < 0.001 && abs(p["pand"]! - 1.5 / 11) < 0.001)
    // Without the sense order every sense weighs alike.
    let (flat, notes) = try TranslationLexicon.compile(folder: folder.path, resources: [resource], senses: nil)
    #expect(notes.contains { $0.contains("wordnet-base") })
    #expect(abs(try flat.translations(of: "security").first { $0.text == "zekerheid" }!.probability - 1.0 / 3) < 0.001)
  }

  @Test(
    "an English inflection of a key is looked up with it; a longer word is not its inflection",
    arguments: [
      ("roads", "road", true), ("agencies", "agency", true), ("applied", "apply", true),
      ("processing", "process", true),
      ("convention", "convent", false), ("generally", "general", false), ("road", "road", false),
    ])
  func inflections(_ example: (String, String, Bool)) {
    #expect(TranslationLexicon.isInflection(example.0, of: example.1) == example.2)
  }

  @Test("the default resources are the openly licensed ones; MUSE (CC BY-NC) is an opt-in")
  func licences() throws {
    let defaults = TranslationLexicon.resources.filter(\.isDefault).map(\.name)
    #expect(defaults == ["omw", "freedict", "gemet", "eurovoc", "isocodes"])
    let muse = try TranslationLexicon.resource(named: "muse", folder: "/nonexistent")
    #expect(!muse.isDefault && muse.attribution.contains("CC BY-NC 4.0"))
  }

  @Test("an English word's lexicon translations are weighted by probability and name their sources")
  func expansion() throws {
    let (lexicon, _, folder) = try Self.compiled()
    let path = folder.appendingPathComponent("lexicon.tables").path
    try lexicon.write(to: path)
    let expander = CrossLanguageExpander(glossary: nil, dictionary: true, lexiconPath: path)
    let alternatives = try #require(try expander.expand(["obligations"], language: .english).first).alternatives
    let verplichting = try #require(alternatives.first { $0.text == "verplichting" })
    let plicht = try #require(alternatives.first { $0.text == "plicht" })
    // The best translation has the dictionary weight, the others their share of it.
    #expect(abs(verplichting.weight - expander.weights.dictionary) < 1e-9)
    #expect(abs(plicht.weight - expander.weights.dictionary / 2) < 0.001)
    #expect(verplichting.provenance.description == "dictionary obligations → verplichting [alpha, beta; p 0.67]")
    // A lexicon phrase translates as a whole, over both its words.
    let phrase = try #require(try expander.expand(["administrative", "body", "obligation"], language: .english).first)
    #expect(phrase.words == 0..<2)
    #expect(phrase.alternatives.contains { $0.text == "bestuurslichaam" })
    // A Dutch word translates into English the same way, read backwards.
    let dutch = try #require(try expander.expand(["verplichtingen"], language: .dutch).first).alternatives
    #expect(dutch.contains { $0.text == "obligation" && $0.language == .english })
  }
}
