import BeleidTestSupport
import Foundation
import Testing

@testable import BeleidAnalysis

/// The word iterator's ASCII fast path gives exactly ICU's segments.
///
/// Each case splits a text twice, with the fast path (the analyzer's
/// setting) and with ICU reading every byte, and compares every boundary and
/// rule status.
@Suite("Word breaks: the ASCII fast path against ICU")
struct WordBreakTests {
  /// Splits `text` both ways.
  static func segments(_ text: String, locale: String = "nl") throws -> (
    fast: [String], icu: [String]
  ) {
    var text = text
    return try text.withUTF8 { bytes in
      let raw = UnsafeRawBufferPointer(bytes)
      func describe(_ segments: [(end: Int, status: Int32)]) -> [String] {
        var start = 0
        return segments.map { segment in
          defer { start = segment.end }
          return "\(String(decoding: raw[start..<segment.end], as: UTF8.self))|\(segment.status)"
        }
      }
      return (
        describe(try ICUInfo.wordSegments(raw, locale: locale, asciiFastPath: true)),
        describe(try ICUInfo.wordSegments(raw, locale: locale, asciiFastPath: false))
      )
    }
  }

  @Test(
    "the rules ICU applies, one case each",
    arguments: [
      // Words, numbers and their statuses (letters 200, numbers 100).
      "Cyberbeveiligingswet", "NIS2 D66 12ab a1_ _1_ 1__ __ _ a_1 1_a",
      // Inner punctuation: a.b and 3.5 join, a:b and a..b do not.
      "a.b 3.5 3,5 3;5 3:5 a:b a'b 1'2 a.1 1.a a..b a.b.c x.y:z 1,2,3 a,b a;b",
      // ICU counts @ as a letter.
      "naam@example.nl @beleid 2021@80fff @ @@",
      // At the ends of the text.
      "a.", ".a", "3,", "'s", "a'", "_",
      // Spaces, tabs and line breaks.
      "a  b\tc\r\nd\re\nf\u{0B}g\u{0C}h   ", "\r\n\r\n", " ",
      // Other characters: the fast path must hand them to ICU.
      "café één coördinatie", "’s-Hertogenbosch mkb’ers", "a\u{0301}b e\u{0301}",
      " \u{0301}a", "a \u{0301} b", ".\u{0301}", "a.\u{00E9}", "3.\u{0663}",
      "a\u{00A0}b", "a\u{2003} b", "x\u{200D}\u{1F600} y", "\u{1F1F3}\u{1F1F1} NL",
      "Ελληνικά και English", "中文 text", "שלום\"ב a", "a\u{00AD}b", "1\u{066B}5",
      "§ 3 lid 2, € 1.000,50 — art. 5:1 Awb", "nl\u{2019}s \u{2018}t",
    ])
  func cases(_ text: String) throws {
    let (fast, icu) = try Self.segments(text)
    #expect(fast == icu)
  }

  @Test("the same segments in English", arguments: ["don't U.S. 3.5% e-mail", "naïve café’s"])
  func english(_ text: String) throws {
    let (fast, icu) = try Self.segments(text, locale: "en")
    #expect(fast == icu)
  }

  @Test("random texts of ASCII and other characters", arguments: [1, 2, 3])
  func randomTexts(seed: UInt64) throws {
    // Every ASCII character, and non-ASCII letters, marks, spaces, digits
    // and punctuation, so every hand-over to ICU is tried.
    let ascii = (1..<128).map { String(UnicodeScalar(UInt8($0))) }
    let common = Array("aZ09._',;:@-  \n").map(String.init)
    let other = ["é", "\u{0301}", "\u{00A0}", "\u{2003}", "’", "\u{0663}", "ß", "\u{200D}", "€", "中", "\r\n"]
    var random = SeededRandom(seed: seed)
    for _ in 0..<1000 {
      let length = Int(random.next() % 40)
      // Mostly the characters of words, as real text is.
      let text = (0..<length).map { _ -> String in
        switch random.next() % 8 {
        case 0: ascii[Int(random.next() % UInt64(ascii.count))]
        case 1: other[Int(random.next() % UInt64(other.count))]
        default: common[Int(random.next() % UInt64(common.count))]
        }
      }.joined()
      let (fast, icu) = try Self.segments(text)
      #expect(fast == icu, "text: \(text.debugDescription)")
    }
  }

  @Test("the bundled Corpus")
  func bundledCorpus() throws {
    try Self.compareFiles(in: BundledData.corpus)
  }

  @Test(
    "../shared/data/corpus",
    .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason)))
  func sharedCorpus() throws {
    try Self.compareFiles(in: SharedData.url("corpus"))
  }

  /// Compares the segments of every text file under `folder`.
  static func compareFiles(in folder: URL) throws {
    let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)!
      .compactMap { $0 as? URL }
      .filter { ["txt", "md", "html", "xml"].contains($0.pathExtension) }
    #expect(!files.isEmpty)
    for file in files {
      let bytes = UTF8Repair.repair(Array(try Data(contentsOf: file))).bytes
      try bytes.withUnsafeBytes { text in
        let fast = try ICUInfo.wordSegments(text, asciiFastPath: true)
        let icu = try ICUInfo.wordSegments(text, asciiFastPath: false)
        let first = zip(fast, icu).enumerated().first { $1.0.end != $1.1.end || $1.0.status != $1.1.status }?.offset
        #expect(fast.count == icu.count && first == nil, "\(file.lastPathComponent): segment \(first ?? -1)")
      }
    }
  }
}
