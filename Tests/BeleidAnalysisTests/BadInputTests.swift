import BeleidAnalysis
import BeleidTestSupport
import Testing

@Suite("Bad input")
struct BadInputTests {
  @Test("invalid UTF-8 is replaced with U+FFFD, counted, and analysed")
  func invalidUTF8() throws {
    let bytes: [UInt8] = Array("over".utf8) + [0xFF] + Array("heid en ".utf8) + [0xE2, 0x82] + Array(" wet".utf8)
    let analysis = try Analyzer(language: .dutch).analysis(of: bytes)
    #expect(analysis.replacedInvalidSequences == 2)
    #expect(analysis.tokens.map(\.form).contains("wet"))
  }

  @Test(
    "repair follows Unicode's maximal-subpart rule",
    arguments: [
      ([0x61, 0xFF, 0x62] as [UInt8], "a\u{FFFD}b", 1),
      ([0xE2, 0x82, 0x61], "\u{FFFD}a", 1),
      ([0xED, 0xA0, 0x80], "\u{FFFD}\u{FFFD}\u{FFFD}", 3),
      ([0xF0, 0x9F, 0x98, 0x80], "😀", 0),
      ([0xC0, 0xAF], "\u{FFFD}\u{FFFD}", 2),
    ])
  func repair(_ example: ([UInt8], String, Int)) {
    let result = UTF8Repair.repair(example.0)
    #expect(String(decoding: result.bytes, as: UTF8.self) == example.1)
    #expect(result.replacements == example.2)
    // Swift's own decoder agrees on the text.
    #expect(String(decoding: example.0, as: UTF8.self) == example.1)
  }

  @Test("empty input gives no tokens")
  func empty() throws {
    let analysis = try Analyzer(language: .dutch).analysis(of: [UInt8]())
    #expect(analysis.tokens.isEmpty)
    let english = try Analyzer(language: .english).analysis(of: "   \n\t")
    #expect(english.tokens.isEmpty)
  }

  @Test("words over 255 bytes are skipped and counted")
  func longTokens() throws {
    let long = String(repeating: "a", count: 300)
    let joinedLong = String(repeating: "b", count: 200) + "-" + String(repeating: "c", count: 100)
    let analysis = try Analyzer(language: .dutch).analysis(of: "kort \(long) \(joinedLong) ook")
    #expect(analysis.skippedLongTokens == 2)
    #expect(analysis.tokens.map(\.form) == ["kort", "ook"])
    #expect(analysis.tokens.map(\.position) == [0, 1])
  }

  @Test("a 20 MB single-line text is analysed completely")
  func hugeLine() throws {
    let unit = "ketenveiligheid voor de overheid, NIS2-richtlijn; "
    let repeats = 20_000_000 / unit.utf8.count
    let text = Array(String(repeating: unit, count: repeats).utf8)
    let analyzer = try Analyzer(language: .dutch)
    var tokens: [Token] = []
    try text.withUnsafeBytes { _ = try analyzer.analyze($0, into: &tokens) }
    // Per unit: keten­veiligheid + 2 parts, voor, de, overheid, joined + 2 parts.
    #expect(tokens.count == repeats * 9)
    #expect(tokens.last.map { Int($0.end) } == text.count - 2)
  }

  @Test("random bytes never break the analyzer's invariants")
  func randomBytes() throws {
    var random = SeededRandom(seed: 20_261_129)
    let alphabet: [[UInt8]] = [
      Array("a".utf8), Array("Z".utf8), Array("-".utf8), Array("'".utf8), Array(".".utf8),
      Array(" ".utf8), Array("\n".utf8), Array("é".utf8), Array("’".utf8), Array("3".utf8),
      [0xFF], [0xE2, 0x80], Array("ﬁ".utf8), Array("ĳ".utf8), Array("‑".utf8),
    ]
    for language in Language.allCases {
      let analyzer = try Analyzer(language: language)
      for _ in 0..<500 {
        var bytes: [UInt8] = []
        for _ in 0..<Int.random(in: 0..<60, using: &random) {
          bytes += alphabet[Int.random(in: 0..<alphabet.count, using: &random)]
        }
        let repaired = UTF8Repair.repair(bytes).bytes
        var tokens: [Token] = []
        try repaired.withUnsafeBytes { _ = try analyzer.analyze($0, into: &tokens) }
        var lastPosition: Int32 = 0
        for token in tokens {
          #expect(token.start >= 0 && token.start < token.end && Int(token.end) <= repaired.count)
          #expect(token.position >= lastPosition)
          #expect(token.positionLength >= 1)
          lastPosition = token.position
        }
      }
    }
  }
}
