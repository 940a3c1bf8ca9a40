import BeleidAnalysis
import BeleidGlossary
import BeleidTestSupport
import BeleidTranslation
import Foundation
import Testing

/// The compiled FreeDict: mapped from the cache, it answers as the
/// dictionary read from dictd's files does, and a damaged file is refused.
@Suite(
  "FreeDict cache", .serialized,
  .enabled(if: freeDictInstalled, "needs dict-freedict-eng-nld and dict-freedict-nld-eng"))
struct FreeDictionaryCacheTests {
  /// Words looked up both ways: headwords, inflected forms, translations,
  /// and words in neither dictionary.
  static let words = [
    "security", "chains", "agreement", "supply", "veiligheid", "ketens", "overeenkomst", "ministeries",
    "qwxzy", "chain", "government", "beleid",
  ]

  /// Every answer of a dictionary for the words.
  static func answers(_ dictionary: FreeDictionary) throws -> [String] {
    try words.map { word in
      let forward = try dictionary.translations(of: word).joined(separator: ",")
      let backward = try dictionary.headwords(translatedAs: word).map { "\($0.headword)@\($0.position)" }
      return "\(word): \(forward) | \(backward.joined(separator: ","))"
    }
  }

  @Test("built, written, then mapped: the same answers both ways", arguments: [Language.english, .dutch])
  func roundTrip(_ language: Language) throws {
    let cache = try makeTemporaryDirectory().path
    let plain = try FreeDictionary(from: language, cacheFolder: nil)
    let first = try FreeDictionary(from: language, cacheFolder: cache)
    let files = try FileManager.default.contentsOfDirectory(atPath: cache)
    #expect(files.count == 1 && files[0].hasPrefix("freedict-"), "\(files)")
    let mapped = try FreeDictionary(from: language, cacheFolder: cache)
    #expect(try Self.answers(first) == Self.answers(plain))
    #expect(try Self.answers(mapped) == Self.answers(plain))
    #expect(mapped.count == plain.count && plain.count > 5_000)
  }

  @Test("a damaged cache file is refused and replaced", arguments: [0, 1, 2])
  func damaged(_ kind: Int) throws {
    let cache = try makeTemporaryDirectory().path
    let plain = try FreeDictionary(from: .dutch, cacheFolder: nil)
    _ = try FreeDictionary(from: .dutch, cacheFolder: cache)
    try damageOnlyFile(in: cache) { bytes in
      switch kind {
      case 0: bytes.removeLast(bytes.count / 3)
      case 1: bytes[0] ^= 0x55
      default: for index in (bytes.count - 48)..<bytes.count { bytes[index] = 0xFF }
      }
    }
    let reopened = try FreeDictionary(from: .dutch, cacheFolder: cache)
    #expect(try Self.answers(reopened) == Self.answers(plain))
    // The damaged tail holds the reverse table's last values, the stems
    // late in the alphabet: look many of them up (ids are checked on use).
    let list = (try? String(contentsOfFile: AnalysisResources.englishWordListPath, encoding: .utf8)) ?? ""
    let mapped = try FreeDictionary(from: .dutch, cacheFolder: cache)
    for word in list.split(separator: "\n").suffix(3_000) {
      _ = try mapped.headwords(translatedAs: String(word))
    }
  }
}
