import BeleidTestSupport
import Foundation
import Testing

@testable import BeleidAnalysis

/// The compiled analysis resources: a mapped cache answers as the tables
/// built from the word lists do, and a damaged or stale one is not used.
@Suite("Compiled analysis resources")
struct AnalysisCacheTests {
  /// Words probed in every table: lexicon entries, compounds, stop words,
  /// stem overrides, and words in no list.
  static let probes = [
    "keten", "veiligheid", "ketenveiligheid", "de", "the", "omzetting", "uitvoering", "overheid",
    "qqqzzz", "supply", "chain", "beleid", "hyperscalers", "cyberbeveiligingswet", "",
  ]

  /// The answers of every table for the probes, to compare two resources.
  static func answers(_ resources: AnalysisResources) -> [String] {
    var result = [resources.fingerprint]
    for word in probes {
      var key = word
      let hash = key.withUTF8 { ByteStringTable.hash(UnsafeRawBufferPointer($0)) }
      let found = resources.tables.map { String($0.find(word)) }.joined(separator: ",")
      let override = key.withUTF8 { resources.dutchStemOverride(UnsafeRawBufferPointer($0)) }.map {
        String(decoding: $0, as: UTF8.self)
      }
      result.append(
        "\(word): \(found) f\(resources.frequencies.frequency(word)) p\(resources.dutchLexiconPrefixes.contains(hash)) o\(override ?? "-")"
          + " s\(Array(word.utf8).withUnsafeBytes { resources.wordShapes.englishLogOdds($0) })"
      )
    }
    result.append(resources.tables.map { "\($0.count)/\($0.byteCount)" }.joined(separator: " "))
    return result
  }

  @Test("the cache is written once, then mapped, and answers as the built tables do")
  func roundTrip() throws {
    let folder = try makeTemporaryDirectory().path
    let built = AnalysisResources()
    try #require(built.warnings.isEmpty, "needs wdutch and wbritish: \(built.warnings)")
    let first = AnalysisResources.compiled(cacheFolder: folder)
    let files = try FileManager.default.contentsOfDirectory(atPath: folder)
    #expect(files.count == 1 && files[0].hasPrefix("analysis-"), "\(files)")
    let path = (folder as NSString).appendingPathComponent(files[0])
    let file = try #require(MappedFile(path: path))
    let mapped = try AnalysisResources.read(file)
    #expect(Self.answers(mapped) == Self.answers(built))
    #expect(Self.answers(first) == Self.answers(built))
    // A mapped table can still be added to: it copies itself first.
    var table = mapped.dutchStopWords
    let id = table.insert("nieuwwoord")
    #expect(table.find("nieuwwoord") == id && table.find("de") == mapped.dutchStopWords.find("de"))
  }

  /// Structure is checked (counts, offsets, sizes), not content: a flipped
  /// bit inside a key is not found at start-up (see docs/analysis-cache.md).
  @Test(
    "a damaged cache is refused and rebuilt, never read out of bounds",
    arguments: [("truncated", 0), ("magic", 1), ("offsets", 2), ("empty", 3)])
  func damaged(_ name: String, _ kind: Int) throws {
    let folder = try makeTemporaryDirectory().path
    _ = AnalysisResources.compiled(cacheFolder: folder)
    let file = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first)
    let path = (folder as NSString).appendingPathComponent(file)
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    switch kind {
    case 0: bytes.removeLast(bytes.count / 2)
    case 1: bytes[0] ^= 0xFF
    case 2:
      // The end of the last run: the offsets of the stem overrides.
      for index in (bytes.count - 64)..<bytes.count { bytes[index] = 0xFF }
    default: bytes = []
    }
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    if let mapped = MappedFile(path: path) {
      #expect(throws: (any Error).self) { try AnalysisResources.read(mapped) }
    }
    // Whatever the damage, compiled() gives the right answers.
    let resources = AnalysisResources.compiled(cacheFolder: folder)
    #expect(Self.answers(resources) == Self.answers(AnalysisResources()))
  }

  /// The offsets of a mapped table are checked where they are read, not
  /// when it is mapped: damaged ones make a miss or an empty key, never a
  /// read out of bounds.
  @Test(
    "damaged offsets in a mapped table: misses and empty keys, never out of bounds",
    arguments: [("past the end", 0), ("falling", 1), ("all ones", 2)])
  func damagedOffsets(_ name: String, _ kind: Int) throws {
    let words = ["keten", "veiligheid", "ketenveiligheid", "de", "toeleveringsketen"]
    var table = ByteStringTable()
    for word in words { table.insert(word) }
    var writer = TableFileWriter()
    table.write(to: &writer)
    var grouped = TableFileWriter()
    GroupedTable(groups: words.map { (Array($0.utf8), [UInt64($0.utf8.count)]) }).write(to: &grouped)
    for (bytes, isGrouped) in [(writer.bytes, false), (grouped.bytes, true)] {
      var bytes = bytes
      // mask, then the arena run (count, bytes padded to 8), then the starts.
      let arenaCount = Int(bytes.withUnsafeBytes { $0.load(fromByteOffset: 8, as: UInt64.self) })
      let startsRun = 16 + (arenaCount + 7) / 8 * 8
      func setStart(_ index: Int, _ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) {
          bytes.replaceSubrange((startsRun + 8 + 4 * index)..<(startsRun + 12 + 4 * index), with: $0)
        }
      }
      switch kind {
      case 0: setStart(3, 1_000_000)
      case 1: setStart(2, 2)
      default: for index in 0...words.count { setStart(index, .max) }
      }
      let path = try makeTemporaryDirectory().appendingPathComponent("table").path
      try Data(bytes).write(to: URL(fileURLWithPath: path))
      var reader = TableFileReader(file: try #require(MappedFile(path: path)))
      if isGrouped {
        let mapped = try GroupedTable(reading: &reader)
        for id in 0..<Int32(words.count) {
          let values = mapped.values(ofID: id)
          #expect(values.count <= 1)
        }
        _ = words.map { mapped.values(of: $0) }
        #expect(mapped.values(ofID: -1).isEmpty && mapped.values(ofID: 99).isEmpty)
      } else {
        let mapped = try ByteStringTable(reading: &reader)
        // The keys whose own two offsets are intact are still found.
        let intact: [Set<Int>] = [[0, 1, 4], [0, 3, 4], []]
        for (id, word) in words.enumerated() {
          #expect(mapped.find(word) == (intact[kind].contains(id) ? Int32(id) : -1), "\(name): \(word)")
          let text = mapped.string(Int32(id))
          if intact[kind].contains(id) {
            #expect(text == word)
          } else if !(kind == 1 && id == 2) {
            // (Case 1 leaves key 2 in order and in bounds, over other bytes.)
            #expect(text.isEmpty, "\(name): \(id) → \(text)")
          }
        }
        #expect(mapped.idsInKeyOrder().count == words.count)
        #expect(mapped.string(-1).isEmpty && mapped.string(99).isEmpty)
      }
    }
  }

  /// A lower-case word for a round (word lists keep letters-only words).
  static func word(_ round: Int) -> String {
    "zorgplicht" + String(UnicodeScalar(UInt8(97 + round)))
  }

  @Test("a changed word list makes a new cache file; a folder keeps the newest four")
  func stale() throws {
    let folder = try makeTemporaryDirectory()
    let dutch = folder.appendingPathComponent("dutch")
    let english = folder.appendingPathComponent("english")
    try "chain\nsupply\n".write(to: english, atomically: true, encoding: .utf8)
    let cache = folder.appendingPathComponent("cache").path
    var words = ["keten", "veiligheid"]
    var seen: [String] = []
    for round in 0..<6 {
      try (words.joined(separator: "\n") + "\n").write(to: dutch, atomically: true, encoding: .utf8)
      let resources = AnalysisResources.compiled(
        dutchWordList: dutch.path, englishWordList: english.path, cacheFolder: cache)
      #expect(resources.dutchLexicon.find(words.last!) >= 0, "round \(round)")
      #expect(resources.dutchLexicon.find(Self.word(round)) < 0)
      let files = try FileManager.default.contentsOfDirectory(atPath: cache)
      #expect(files.count == min(round + 1, AnalysisResources.cacheFilesKept), "\(files)")
      let new = Set(files).subtracting(seen)
      #expect(new.count == 1, "round \(round): a new file for the changed list")
      seen += new
      words.append(Self.word(round))
    }
  }

  @Test("resources built with warnings are not cached")
  func warningsNotCached() throws {
    let cache = try makeTemporaryDirectory().path
    let resources = AnalysisResources.compiled(dutchWordList: "/no/such/list", cacheFolder: cache)
    #expect(!resources.warnings.isEmpty)
    #expect(try FileManager.default.contentsOfDirectory(atPath: cache).isEmpty)
  }
}
