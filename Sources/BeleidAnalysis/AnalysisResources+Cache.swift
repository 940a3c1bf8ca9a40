import Foundation

/// The compiled form of `AnalysisResources`: one file of hash tables that
/// is memory-mapped instead of rebuilt from the word lists at every start.
///
/// Building the tables from the OpenTaal and wbritish lists and the bundled
/// files takes about 130 ms; mapping the file takes well under one, and a
/// command then reads only the pages of the tables it probes. The file is
/// named by a key over the inputs' paths, sizes and modification times and
/// the layout version, so an edited resource or an upgraded word list makes
/// a new one. It is written to a temporary name and renamed, so a reader
/// never sees half a file, and its structure is checked when mapped; a file
/// that fails the check is ignored and rebuilt.
extension AnalysisResources {
  /// The layout of the cache file; bump it when the tables' layout changes.
  static let cacheVersion: UInt64 = 4

  /// How many analysis caches a folder keeps, newest first.
  static let cacheFilesKept = 4

  /// The magic number at the start of a cache file: "BLDANA" and a version.
  static let cacheMagic: UInt64 = 0x0100_414E_4144_4C42

  /// Where compiled resources are kept: `$BELEID_CACHE`, else
  /// `$XDG_CACHE_HOME/beleid`, else `~/.cache/beleid`; nil to build every
  /// time (`BELEID_CACHE=off`).
  package static var cacheFolder: String? {
    if let folder = ProcessEnvironment.value("BELEID_CACHE") { return folder == "off" ? nil : folder }
    if let xdg = ProcessEnvironment.value("XDG_CACHE_HOME") { return xdg + "/beleid" }
    if let home = ProcessEnvironment.value("HOME") { return home + "/.cache/beleid" }
    return nil
  }

  /// The cache file for these inputs in `folder`, or nil when there is no cache folder
  /// or the bundled resources are missing.
  package static func cachePath(dutchWordList: String?, englishWordList: String?, folder: String?) -> String? {
    guard let folder, let resources = BeleidHome.resourceFolder(target: "BeleidAnalysis") else {
      return nil
    }
    var key = FNV64()
    key.add(Array("v\(cacheVersion)".utf8))
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: resources.path)) ?? []).sorted()
    let paths =
      names.map { resources.appendingPathComponent($0).path } + [dutchWordList, englishWordList].map { $0 ?? "" }
    for path in paths {
      var info = stat()
      let found = stat(path, &info) == 0
      key.add(
        Array(
          "\(path):\(found ? info.st_size : -1):\(found ? info.st_mtim.tv_sec : 0).\(found ? info.st_mtim.tv_nsec : 0)\n"
            .utf8))
    }
    return folder + "/analysis-" + String(key.value, radix: 16) + ".tables"
  }

  /// The resources for these word lists: mapped from the cache when it is
  /// current, else built, and cached when they built without warnings.
  package static func compiled(
    dutchWordList: String? = AnalysisResources.dutchWordListPath,
    englishWordList: String? = AnalysisResources.englishWordListPath,
    cacheFolder: String? = AnalysisResources.cacheFolder
  ) -> AnalysisResources {
    let path = cachePath(dutchWordList: dutchWordList, englishWordList: englishWordList, folder: cacheFolder)
    if let path, let file = MappedFile(path: path), let cached = try? read(file) { return cached }
    let built = AnalysisResources(dutchWordList: dutchWordList, englishWordList: englishWordList)
    if let path, built.warnings.isEmpty { try? built.writeCache(to: path) }
    return built
  }

  /// Reads resources from a mapped cache file.
  static func read(_ file: MappedFile) throws -> AnalysisResources {
    var reader = TableFileReader(file: file)
    guard try reader.readUInt64() == cacheMagic else { throw TableFileReader.Damaged() }
    let fingerprint = try reader.readString()
    let tableCount = try reader.readInt(atMost: 64)
    var tables: [ByteStringTable] = []
    for _ in 0..<tableCount { tables.append(try ByteStringTable(reading: &reader)) }
    guard tables.count == 8 else { throw TableFileReader.Damaged() }
    let prefixes = try PrefixFilter(reading: &reader)
    let frequencies = try FrequencyTable(reading: &reader)
    guard
      let shapes = WordShapeModel(
        dutch: try reader.readBuffer(), english: try reader.readBuffer(), totals: try reader.readBuffer())
    else {
      throw TableFileReader.Damaged()
    }
    let bytes: TableBuffer<UInt8> = try reader.readBuffer()
    let starts: TableBuffer<UInt32> = try reader.readBuffer()
    guard starts.count == tables[4].count + 1, starts.areOffsets(into: bytes.count) else {
      throw TableFileReader.Damaged()
    }
    let overrideStems = (0..<(starts.count - 1)).map { id in
      bytes.withUnsafeBufferPointer { Array($0[Int(starts[id])..<Int(starts[id + 1])]) }
    }
    return AnalysisResources(
      tables: tables, prefixes: prefixes, frequencies: frequencies, overrideStems: overrideStems,
      wordShapes: shapes, fingerprint: fingerprint)
  }

  /// Writes the compiled resources to `path` atomically, and removes the
  /// folder's older analysis caches beyond the newest `cacheFilesKept`.
  package func writeCache(to path: String) throws {
    var writer = TableFileWriter()
    writer.write(Self.cacheMagic)
    writer.write(fingerprint)
    let tables = self.tables
    writer.write(UInt64(tables.count))
    for table in tables { table.write(to: &writer) }
    dutchLexiconPrefixes.write(to: &writer)
    frequencies.write(to: &writer)
    writer.write(wordShapes.dutch)
    writer.write(wordShapes.english)
    writer.write(wordShapes.totals)
    // The override stems by id: their bytes, and where each starts.
    var starts: [UInt32] = [0]
    var bytes: [UInt8] = []
    for stem in dutchStemOverrideStems {
      bytes += stem
      starts.append(UInt32(bytes.count))
    }
    writer.write(TableBuffer(bytes))
    writer.write(TableBuffer(starts))

    try writer.save(to: path, pruning: "analysis-", keep: Self.cacheFilesKept)
  }
}
