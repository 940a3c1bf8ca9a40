import BeleidAnalysis
import Foundation

/// The matcher's indexes, compiled into the analysis cache folder and
/// mapped back.
///
/// Building them hashes every term of the glossary (about 2,000 for the
/// bundled one) by its surface key, and analyses every term in both
/// languages for the stem keys, at each start of a search. The compiled
/// copies are named by a hash of every term in order (and, for the stem
/// keys, of the analysis fingerprint and the language), so an edited
/// glossary or changed analysis makes new ones; the newest six are kept. A
/// file is mapped, not decoded: its references are checked against the
/// glossary once, and its offsets where they are read.
extension TermMatcher {
  /// "BLDTMI" and the layout version.
  static let indexMagic: UInt64 = 0x0200_494D_5444_4C42

  /// How many matcher files a cache folder keeps (three per glossary).
  static let indexFilesKept = 6

  /// The cache file of the index `kind` ("surface", or the stem keys of a
  /// language under an analysis), or nil without a cache folder.
  func cachePath(_ kind: String) -> String? {
    guard let cacheFolder else { return nil }
    var hash = ByteStringTable.hashSeed
    for byte in "v2 \(kind)".utf8 { hash = ByteStringTable.hashStep(hash, byte) }
    for shift in stride(from: 0, to: 64, by: 8) {
      hash = ByteStringTable.hashStep(hash, UInt8(truncatingIfNeeded: termsHash >> UInt64(shift)))
    }
    return (cacheFolder as NSString).appendingPathComponent("matcher-\(String(hash, radix: 16)).tables")
  }

  /// A hash of every term of the glossary, in order.
  static func termsHash(_ glossary: Glossary) -> UInt64 {
    var hash = ByteStringTable.hashSeed
    for concept in glossary.concepts {
      hash = ByteStringTable.hashStep(hash, 1)
      for term in concept.terms {
        for byte in term.text.utf8 { hash = ByteStringTable.hashStep(hash, byte) }
        hash = ByteStringTable.hashStep(hash, 0)
      }
    }
    return hash
  }

  /// `count` indexes mapped from their cache file, or nil when the file is
  /// missing, damaged or names terms `glossary` lacks.
  static func readIndexes(_ path: String, count: Int, glossary: Glossary) -> [TermIndex]? {
    guard let file = MappedFile(path: path) else { return nil }
    var reader = TableFileReader(file: file)
    guard (try? reader.readUInt64()) == indexMagic else { return nil }
    var indexes: [TermIndex] = []
    for _ in 0..<count {
      guard let table = try? GroupedTable(reading: &reader), let index = TermIndex(mapped: table, glossary: glossary)
      else { return nil }
      indexes.append(index)
    }
    return indexes
  }

  /// Writes indexes to their cache file; failures are ignored (they are
  /// built again next time).
  static func writeIndexes(_ indexes: [TermIndex], to path: String) {
    var writer = TableFileWriter()
    writer.write(indexMagic)
    for index in indexes { index.write(to: &writer) }
    try? writer.save(to: path, pruning: "matcher-", keep: indexFilesKept)
  }
}
