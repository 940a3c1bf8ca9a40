import BeleidAnalysis
import Foundation

/// The compiled form of a FreeDict dictionary, in the analysis cache folder.
///
/// Reading dictd's index folds each of 30,000 headwords with ICU, and the
/// stem and reverse tables stem every headword and translation: together
/// 70–100 ms at each start. The compiled file holds them all, mapped in
/// place. Its name carries a key over the dictd files' paths, sizes and
/// modification times and the analysis fingerprint (the stems depend on
/// it); the layout is in docs/analysis-cache.md.
extension FreeDictionary {
  /// "BLDFDC" and the layout version.
  static let cacheMagic: UInt64 = 0x0100_4344_4644_4C42

  /// The cache file for the dictionary at `base` in `folder`.
  static func cachePath(base: String, folder: String) -> String? {
    var key = "v1 \(AnalysisResources.shared.fingerprint)"
    for path in [base + ".index", base + ".dict.dz"] {
      var info = stat()
      guard stat(path, &info) == 0 else { return nil }
      key += " \(path):\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }
    var hash = ByteStringTable.hashSeed
    for byte in key.utf8 { hash = ByteStringTable.hashStep(hash, byte) }
    let name = (base as NSString).lastPathComponent
    return (folder as NSString).appendingPathComponent("\(name)-\(String(hash, radix: 16)).tables")
  }

  /// The parts of a mapped cache file.
  static func read(_ file: MappedFile) throws -> (
    data: TableBuffer<UInt8>, entries: GroupedTable, byStem: GroupedTable, reverse: GroupedTable
  ) {
    var reader = TableFileReader(file: file)
    guard try reader.readUInt64() == cacheMagic else { throw TableFileReader.Damaged() }
    let data: TableBuffer<UInt8> = try reader.readBuffer()
    let entries = try GroupedTable(reading: &reader)
    let byStem = try GroupedTable(reading: &reader)
    let reverse = try GroupedTable(reading: &reader)
    return (data, entries, byStem, reverse)
  }

  /// Writes the dictionary and both derived tables to `path`, atomically;
  /// nothing when a derived table is not built.
  func writeCache(to path: String) throws {
    guard let byStem, let reverse else { return }
    var writer = TableFileWriter()
    writer.write(Self.cacheMagic)
    writer.write(data)
    entries.write(to: &writer)
    byStem.write(to: &writer)
    reverse.write(to: &writer)
    // "freedict-eng-nld-KEY.tables": keep the newest two of this dictionary.
    let name = (path as NSString).lastPathComponent
    let prefix = name.lastIndex(of: "-").map { String(name[...$0]) } ?? name
    try writer.save(to: path, pruning: prefix, keep: 2)
  }
}
