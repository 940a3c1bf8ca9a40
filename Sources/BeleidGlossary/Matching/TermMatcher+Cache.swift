public import BeleidAnalysis
import Foundation

/// The matcher's stem index, compiled into the analysis cache folder.
///
/// Building it analyses every term of the glossary (about 2,000 for the
/// bundled one) at each start of a search. The compiled copy is named by a
/// hash of the analysis fingerprint, the language and every term in order,
/// so an edited glossary or changed analysis makes a new one; the newest
/// four are kept.
extension TermMatcher {
  /// "BLDTMI" and the layout version.
  static let stemIndexMagic: UInt64 = 0x0100_494D_5444_4C42

  /// The stem index and partial keys of one language.
  typealias StemIndex = (index: [String: [TermRef]], partials: Set<String>)

  /// The cache file for `glossary`'s stem index in `language`, or nil
  /// without a cache folder.
  static func stemIndexPath(_ glossary: Glossary, _ language: Language, folder: String?) -> String? {
    guard let folder else { return nil }
    var hash = ByteStringTable.hashSeed
    func add(_ text: String) {
      for byte in text.utf8 { hash = ByteStringTable.hashStep(hash, byte) }
      hash = ByteStringTable.hashStep(hash, 0)
    }
    add("v1 \(AnalysisResources.shared.fingerprint) \(language.code)")
    for concept in glossary.concepts {
      add("\u{1}")
      for term in concept.terms { add(term.text) }
    }
    return (folder as NSString).appendingPathComponent("matcher-\(String(hash, radix: 16)).tables")
  }

  /// A stem index read from its cache file, checked: every reference must
  /// name a term of `glossary`.
  static func readStemIndex(_ path: String, glossary: Glossary) -> StemIndex? {
    guard let file = MappedFile(path: path) else { return nil }
    var reader = TableFileReader(file: file)
    guard (try? reader.readUInt64()) == stemIndexMagic,
      let table = try? GroupedTable(reading: &reader), let partialTable = try? GroupedTable(reading: &reader)
    else { return nil }
    var index: [String: [TermRef]] = [:]
    for id in 0..<Int32(table.count) {
      var refs: [TermRef] = []
      for value in table.values(ofID: id) {
        let (concept, term) = (Int(value >> 32), Int(value & 0xFFFF_FFFF))
        guard concept < glossary.concepts.count, term < glossary.concepts[concept].terms.count else { return nil }
        refs.append(TermRef(concept: concept, term: term))
      }
      index[table.keys.string(id)] = refs
    }
    let partials = Set((0..<Int32(partialTable.count)).map { partialTable.keys.string($0) })
    return (index, partials)
  }

  /// Writes a stem index to its cache file; failures are ignored (the
  /// index is built again next time).
  static func writeStemIndex(_ stems: StemIndex, to path: String) {
    var writer = TableFileWriter()
    writer.write(stemIndexMagic)
    let keys = stems.index.keys.sorted()
    GroupedTable(
      groups: keys.map { key in
        (Array(key.utf8), stems.index[key]!.map { UInt64($0.concept) << 32 | UInt64($0.term) })
      }
    ).write(to: &writer)
    GroupedTable(groups: stems.partials.sorted().map { (Array($0.utf8), []) }).write(to: &writer)
    try? writer.save(to: path, pruning: "matcher-", keep: 4)
  }
}
