import BeleidAnalysis
import BeleidTestSupport
import Testing

@Suite("Analyzer tokens")
struct AnalyzerTests {
  /// The entries of `text`, checking every offset against the original bytes.
  static func entries(_ text: String, _ language: Language = .dutch) throws -> [Analysis.Entry] {
    let analysis = try Analyzer(language: language).analysis(of: text)
    let bytes = Array(text.utf8)
    for entry in analysis.tokens {
      #expect(entry.start < entry.end && entry.end <= bytes.count)
      #expect(String(decoding: bytes[entry.start..<entry.end], as: UTF8.self) == entry.text)
    }
    return analysis.tokens
  }

  /// One expected token: the original text it covers, its form and kind.
  struct Expected: Sendable, CustomTestStringConvertible {
    let input: String
    let text: String
    let form: String
    let kind: String
    var testDescription: String { "\(input): \(text) → \(form) (\(kind))" }
  }

  @Test(
    "tricky tokens keep their bytes and normalise",
    arguments: [
      Expected(input: "mkb’ers", text: "mkb’ers", form: "mkb'ers", kind: "word"),
      Expected(input: "auto's", text: "auto's", form: "auto's", kind: "word"),
      Expected(input: "zo'n", text: "zo'n", form: "zo'n", kind: "word"),
      Expected(input: "NIS2", text: "NIS2", form: "nis2", kind: "word"),
      Expected(input: "D66", text: "D66", form: "d66", kind: "word"),
      Expected(input: "5G", text: "5G", form: "5g", kind: "word"),
      Expected(input: "2026", text: "2026", form: "2026", kind: "number"),
      Expected(input: "1.234,56", text: "1.234,56", form: "1.234,56", kind: "number"),
      Expected(input: "o.a.", text: "o.a", form: "oa", kind: "word"),
      Expected(input: "d.w.z.", text: "d.w.z", form: "dwz", kind: "word"),
      Expected(input: "www.overheid.nl", text: "www.overheid.nl", form: "wwwoverheidnl", kind: "joined"),
      Expected(input: "www.overheid.nl", text: "overheid", form: "overheid", kind: "hyphen-part"),
      Expected(input: "README.md", text: "README", form: "readme", kind: "hyphen-part"),
      Expected(input: "README.md", text: "md", form: "md", kind: "hyphen-part"),
      Expected(input: "U.S.", text: "U.S", form: "us", kind: "word"),
      Expected(input: "v1.2", text: "v1.2", form: "v1.2", kind: "word"),
      Expected(input: "ﬁets", text: "ﬁets", form: "fiets", kind: "word"),
      Expected(input: "Ĳssel", text: "Ĳssel", form: "ijssel", kind: "word"),
      Expected(input: "geënt", text: "geënt", form: "geent", kind: "word"),
      Expected(input: "Yeşilgöz", text: "Yeşilgöz", form: "yesilgoz", kind: "word"),
      Expected(input: "NIS2-richtlijn", text: "NIS2-richtlijn", form: "nis2richtlijn", kind: "joined"),
      Expected(input: "NIS2-richtlijn", text: "NIS2", form: "nis2", kind: "hyphen-part"),
      Expected(input: "NIS2-richtlijn", text: "richtlijn", form: "richtlijn", kind: "hyphen-part"),
      Expected(input: "IT-aanbestedingen", text: "IT-aanbestedingen", form: "itaanbestedingen", kind: "joined"),
      Expected(input: "co-financiering", text: "co", form: "co", kind: "hyphen-part"),
      Expected(input: "security-by-design", text: "security-by-design", form: "securitybydesign", kind: "joined"),
      Expected(input: "security-by-design", text: "by", form: "by", kind: "hyphen-part"),
      Expected(input: "NIS2‑richtlijn", text: "NIS2‑richtlijn", form: "nis2richtlijn", kind: "joined"),
      Expected(input: "'s-Hertogenbosch", text: "'s-Hertogenbosch", form: "shertogenbosch", kind: "joined"),
      Expected(input: "'s-Hertogenbosch", text: "Hertogenbosch", form: "hertogenbosch", kind: "hyphen-part"),
      Expected(input: "ketenveiligheid", text: "keten", form: "keten", kind: "compound-part"),
      Expected(input: "ketenveiligheid", text: "veiligheid", form: "veiligheid", kind: "compound-part"),
    ])
  func trickyToken(_ expected: Expected) throws {
    let entries = try Self.entries(expected.input)
    let match = entries.first { $0.text == expected.text && $0.kind == expected.kind }
    #expect(match?.form == expected.form, "tokens: \(entries.map { "\($0.text)/\($0.form)/\($0.kind)" })")
  }

  @Test("the issue's sentence gives parts, joined forms and one stem for both apostrophes")
  func issueSentence() throws {
    let entries = try Self.entries(
      "De NIS2-richtlijn wordt de Cyberbeveiligingswet; ketenveiligheid en mkb’ers. Ook mkb'ers.")
    let nis2 = entries.filter { $0.position == 1 }
    #expect(Set(nis2.map(\.form)) == ["nis2", "nis2richtlijn"])
    #expect(entries.contains { $0.form == "richtlijn" && $0.kind == "hyphen-part" && $0.position == 2 })
    let keten = try #require(entries.first { $0.form == "ketenveiligheid" })
    #expect(keten.parts == ["keten", "veiligheid"])
    let cbw = try #require(entries.first { $0.form == "cyberbeveiligingswet" })
    #expect(cbw.parts == ["cyber", "beveiliging", "wet"])
    let mkb = entries.filter { $0.form == "mkb'ers" }
    #expect(mkb.count == 2)
    #expect(Set(mkb.map(\.stem)).count == 1)
  }

  @Test("positions: hyphen parts are consecutive, compound parts share their word's")
  func positions() throws {
    let entries = try Self.entries("de NIS2-richtlijn en ketenveiligheid nu")
    let positions = entries.map { "\($0.form)@\($0.position)+\($0.positionLength)" }
    #expect(
      positions == [
        "de@0+1", "nis2richtlijn@1+2", "nis2@1+1", "richtlijn@2+1", "en@3+1", "ketenveiligheid@4+1",
        "keten@4+1", "veiligheid@4+1", "nu@5+1",
      ])
  }

  @Test("compound parts cover their own bytes")
  func compoundPartOffsets() throws {
    let entries = try Self.entries("Het inlichtingendiensten-rapport")
    let parts = entries.filter { $0.kind == "compound-part" }.map(\.text)
    #expect(parts == ["inlichting", "diensten"])
  }

  @Test("stop words are marked, not dropped; één is not the stop word een")
  func stopWords() throws {
    let entries = try Self.entries("één of een")
    #expect(entries.map(\.form) == ["één", "of", "een"])
    #expect(entries.map(\.stopWord) == [false, true, true])
    #expect(entries[0].stem != entries[2].stem)
    #expect(entries.map(\.position) == [0, 1, 2])
  }

  @Test("numbers in ranges are not joined")
  func numberRange() throws {
    let entries = try Self.entries("2021-2025")
    #expect(entries.map(\.form) == ["2021", "2025"])
    #expect(entries.allSatisfy { $0.kind == "number" })
  }

  @Test(
    "English stems with Snowball english",
    arguments: [("security", "secur"), ("governments", "govern"), ("government's", "govern"), ("chains", "chain")])
  func english(_ pair: (String, String)) throws {
    let entries = try Self.entries(pair.0, .english)
    #expect(entries.first?.stem == pair.1)
  }

  @Test("English stop words are marked")
  func englishStopWords() throws {
    let entries = try Self.entries("the supply of data", .english)
    #expect(entries.map(\.stopWord) == [true, false, true, false])
  }

  @Test(
    "a word's form in running text is its form alone (the cache of recent spellings)",
    arguments: [
      // Lengths around the cache's 8- and 16-byte loads, shared prefixes,
      // case variants, and words too long for the cache.
      "a ab abc abcdefg abcdefgh abcdefghi abcdefghijklmno abcdefghijklmnop abcdefghijklmnopq",
      "Beleid beleid BELEID beleids beleidsregel Beleidsregels beleidsregels beleid",
      "wet Wet wetten wetsvoorstel wetsvoorstellen Wetsvoorstel wet",
      "één een Één ÉÉN financiële financiele Financiële coördinatie coordinatie",
      "ministerie ministeries Ministerie ministeriële ministerie",
      "o.a. oa O.A. d.w.z. dwz art. 5 art 5 artikel",
    ])
  func formsInRunningText(_ words: String) throws {
    // Every word three times, so the second and third come from the cache.
    let text = Array(repeating: words, count: 3).joined(separator: " ")
    let running = try Self.entries(text)
    let alone = try words.split(separator: " ").flatMap { try Self.entries(String($0)) }
    let forms = running.map { [$0.text, $0.form, $0.stem, $0.kind] }
    let expected = Array(repeating: alone.map { [$0.text, $0.form, $0.stem, $0.kind] }, count: 3).flatMap { $0 }
    #expect(forms == expected)
  }

  @Test("thousands of words sharing their first eight bytes keep their own forms", arguments: [7, 8])
  func formsOfSimilarWords(seed: UInt64) throws {
    // More distinct words than the cache of recent spellings has entries,
    // in groups that share a prefix of 8 to 10 bytes, so that entries are
    // replaced and words that differ only after their eighth byte meet.
    var random = SeededRandom(seed: seed)
    let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
    func word(_ length: Int) -> String {
      String((0..<length).map { _ in letters[Int(random.next() % UInt64(letters.count))] })
    }
    let prefixes = (0..<6).map { _ in word(8 + Int(random.next() % 3)) }
    var words: [String] = []
    for index in 0..<12_000 {
      words.append(prefixes[index % prefixes.count] + word(Int(random.next() % 9)))
    }
    words.shuffle(using: &random)
    let text = (words + words.reversed()).joined(separator: " ")
    let tokens = try Analyzer(language: .dutch).analysis(of: text).tokens.filter { $0.kind == "word" }
    #expect(tokens.count == 2 * words.count)
    let wrong = tokens.filter { $0.form != $0.text.lowercased() }.map { "\($0.text) → \($0.form)" }
    #expect(wrong.count == 0, "\(wrong.prefix(3))")
  }
}
