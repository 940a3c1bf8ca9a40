import BeleidAnalysis
import BeleidGlossary
import BeleidTestSupport
import Foundation
import Testing

/// The matcher's compiled indexes: the same matches as ones built from the
/// terms, new files for an edited glossary, and a damaged file ignored.
@Suite("Compiled matcher indexes", .serialized)
struct TermMatcherCacheTests {
  /// Texts in both languages with terms inflected, compounded and plain.
  static let texts: [(String, Language)] = [
    ("De ketenveiligheid en de meldplichten van essentiële entiteiten onder de Cyberbeveiligingswet.", .dutch),
    ("Toeleveringsketens, digitale soevereiniteit en de AI-verordening.", .dutch),
    ("Supply chain security and incident reporting obligations under the NIS2 Directive.", .english),
    ("Digital sovereignty, cloud services and the AI Act.", .english),
  ]

  /// Every occurrence and lookup answer of a matcher.
  static func answers(_ matcher: TermMatcher) throws -> [String] {
    var result: [String] = []
    for (text, language) in texts {
      for occurrence in try matcher.occurrences(in: text, language: language) {
        result.append("\(occurrence.range) \(occurrence.kind) \(occurrence.refs.map { "\($0.concept).\($0.term)" })")
      }
    }
    for word in ["ketens", "meldplichten", "supply chains", "AI-systemen"] {
      result.append(try matcher.lookup(word).matches.map { "\($0)" }.joined(separator: ";"))
    }
    return result
  }

  @Test("built, cached, then read back: the same matches")
  func roundTrip() throws {
    let glossary = try Glossary.read(BundledData.glossary.path).0
    let cache = try makeTemporaryDirectory().path
    let plain = try Self.answers(TermMatcher(glossary: glossary, cacheFolder: nil))
    #expect(try Self.answers(TermMatcher(glossary: glossary, cacheFolder: cache)) == plain)
    let files = try FileManager.default.contentsOfDirectory(atPath: cache)
    #expect(
      files.count == 3 && files.allSatisfy { $0.hasPrefix("matcher-") }, "surfaces, and one per language: \(files)")
    #expect(try Self.answers(TermMatcher(glossary: glossary, cacheFolder: cache)) == plain)
    #expect(!plain.isEmpty)
  }

  @Test("an edited glossary gets an index of its own")
  func edited() throws {
    var glossary = try Glossary.read(BundledData.glossary.path).0
    let cache = try makeTemporaryDirectory().path
    _ = try Self.answers(TermMatcher(glossary: glossary, cacheFolder: cache))
    glossary.concepts.removeFirst(10)
    let plain = try Self.answers(TermMatcher(glossary: glossary, cacheFolder: nil))
    #expect(try Self.answers(TermMatcher(glossary: glossary, cacheFolder: cache)) == plain)
    #expect(try FileManager.default.contentsOfDirectory(atPath: cache).count == 6)
  }

  @Test("a damaged index file is ignored", arguments: [0, 1])
  func damaged(_ kind: Int) throws {
    let glossary = try Glossary.read(BundledData.glossary.path).0
    let cache = try makeTemporaryDirectory().path
    _ = try Self.answers(TermMatcher(glossary: glossary, cacheFolder: cache))
    for name in try FileManager.default.contentsOfDirectory(atPath: cache) {
      let url = URL(fileURLWithPath: cache).appendingPathComponent(name)
      var bytes = [UInt8](try Data(contentsOf: url))
      if kind == 0 {
        bytes.removeLast(bytes.count / 2)
      } else {
        // The last values: term references past the glossary's end.
        for index in (bytes.count - 64)..<bytes.count { bytes[index] = 0x7F }
      }
      try Data(bytes).write(to: url)
    }
    let plain = try Self.answers(TermMatcher(glossary: glossary, cacheFolder: nil))
    #expect(try Self.answers(TermMatcher(glossary: glossary, cacheFolder: cache)) == plain)
  }
}
