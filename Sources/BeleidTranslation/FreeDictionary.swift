import BeleidAnalysis
import CDeflate
import Foundation

/// A general bilingual dictionary: FreeDict's English-Dutch or Dutch-English
/// dictionary as Debian installs it for dictd.
///
/// Reads `/usr/share/dictd/freedict-eng-nld.{index,dict.dz}` (or
/// `nld-eng`) at run time; the data is not copied into beleid. The index
/// lists each headword with the base64 offset and length of its entry in
/// the gzip-compressed dictionary; an entry is the headword and its
/// pronunciation, then one line of translations per sense ("1. safety,
/// security").
///
/// The parsed index, the inflated entries and two derived tables (stem →
/// headwords, target-language stem → headwords that list it) are kept in a
/// compiled file in the analysis cache folder and memory-mapped on later
/// starts (see `FreeDictionary+Cache.swift`); without a cache they are
/// built, the derived tables on first use.
///
/// Not `Sendable`: it builds the derived tables on first use.
package final class FreeDictionary {
  /// Where Debian's dict-freedict packages put their files.
  package static let folder = "/usr/share/dictd"

  /// The language of the headwords.
  package let source: Language
  /// The inflated dictionary text.
  let data: TableBuffer<UInt8>
  /// Folded headword → its entries in `data`, each `offset << 32 | length`.
  let entries: GroupedTable
  /// Stem of a one-word headword → the ids of its headwords, by headword.
  var byStem: GroupedTable?
  /// Stem of a one-word translation → `headword id << 32 | position`, by
  /// position, then headword.
  var reverse: GroupedTable?
  private var analyzer: Analyzer?
  private var targetAnalyzer: Analyzer?

  /// The Debian package that holds the dictionary from `source`.
  package static func package(from source: Language) -> String {
    source == .english ? "dict-freedict-eng-nld" : "dict-freedict-nld-eng"
  }

  /// The dictionary's base path (without `.index`, `.dict.dz`).
  static func basePath(from source: Language, folder: String) -> String {
    (folder as NSString).appendingPathComponent(source == .english ? "freedict-eng-nld" : "freedict-nld-eng")
  }

  /// Opens the dictionary from `source` into the other language: mapped
  /// from the compiled cache when it is current, else read from dictd's
  /// files (and cached, with both derived tables, when `cacheFolder` is
  /// given).
  ///
  /// - Throws: `TranslationError` if the package is not installed or its files
  ///   cannot be read.
  package convenience init(
    from source: Language, folder: String = FreeDictionary.folder,
    cacheFolder: String? = AnalysisResources.cacheFolder
  ) throws {
    let base = Self.basePath(from: source, folder: folder)
    let path = cacheFolder.flatMap { Self.cachePath(base: base, folder: $0) }
    if let path, let file = MappedFile(path: path), let cached = try? Self.read(file) {
      self.init(source: source, data: cached.data, entries: cached.entries)
      byStem = cached.byStem
      reverse = cached.reverse
      return
    }
    let (data, entries) = try Self.parse(base: base)
    self.init(source: source, data: data, entries: entries)
    if let path {
      try? stemTable()
      try? reverseTable()
      try? writeCache(to: path)
    }
  }

  init(source: Language, data: TableBuffer<UInt8>, entries: GroupedTable) {
    self.source = source
    self.data = data
    self.entries = entries
  }

  /// Reads dictd's index and inflates its data.
  private static func parse(base: String) throws -> (TableBuffer<UInt8>, GroupedTable) {
    guard let index = FileManager.default.contents(atPath: base + ".index"),
      let compressed = FileManager.default.contents(atPath: base + ".dict.dz")
    else {
      let source: Language = base.hasSuffix("eng-nld") ? .english : .dutch
      throw TranslationError(
        "FreeDict is not installed (apt-get install \(Self.package(from: source)))", file: base + ".index")
    }
    let data = try Self.gunzip([UInt8](compressed), file: base + ".dict.dz")
    var order: [String] = []
    var found: [String: [UInt64]] = [:]
    for line in String(decoding: index, as: UTF8.self).split(separator: "\n") {
      let fields = line.split(separator: "\t")
      guard fields.count == 3, !fields[0].hasPrefix("00database"),
        let offset = Self.base64Number(fields[1]), let length = Self.base64Number(fields[2]),
        offset + length <= data.count, offset <= Int(UInt32.max), length <= Int(UInt32.max)
      else { continue }
      let key = TextFolding.fold(String(fields[0]))
      if found[key] == nil { order.append(key) }
      found[key, default: []].append(UInt64(offset) << 32 | UInt64(length))
    }
    return (TableBuffer(data), GroupedTable(groups: order.map { (Array($0.utf8), found[$0]!) }))
  }

  /// How many headwords the dictionary has.
  package var count: Int { entries.count }

  /// The translations of a word, first sense first, each once; looked up
  /// as written, then by stem (chains → chain, ministeries → ministerie).
  ///
  /// - Complexity: O(1) for a headword; without a cache, the first
  ///   inflected lookup stems every headword once, O(*h*).
  package func translations(of word: String) throws -> [String] {
    let key = TextFolding.fold(word)
    if let found = entries.values(of: key) { return parse(found) }
    guard let ids = try stemTable().values(of: try stemOf(key)) else { return [] }
    // Ids from a mapped file are checked here, where they are used.
    return ids.filter { $0 < UInt64(entries.count) }.flatMap { parse(entries.values(ofID: Int32($0))) }.reduce(
      into: [String]()
    ) {
      if !$0.contains($1) { $0.append($1) }
    }
  }

  /// The headwords whose translations include `word`, a word of the target language.
  ///
  /// Each comes with the word's place in the entry's list (0: the first
  /// translation of the first sense). This reads the dictionary backwards:
  /// Dutch-English gives English words their Dutch equivalents.
  ///
  /// - Complexity: O(1) with a cache or after the first call, which parses
  ///   every entry once.
  package func headwords(translatedAs word: String) throws -> [(headword: String, position: Int)] {
    if targetAnalyzer == nil { targetAnalyzer = try Analyzer(language: source.other) }
    let stem = try Self.stem(TextFolding.fold(word), targetAnalyzer!)
    // Ids from a mapped file are checked here, where they are used.
    return (try reverseTable().values(of: stem) ?? []).filter { $0 >> 32 < UInt64(entries.count) }.map { value in
      (entries.keys.string(Int32(value >> 32)), Int(value & 0xFFFF_FFFF))
    }
  }

  /// The reverse table, built on first use.
  private func reverseTable() throws -> GroupedTable {
    if let reverse { return reverse }
    if targetAnalyzer == nil { targetAnalyzer = try Analyzer(language: source.other) }
    var table: [String: [(headword: String, id: Int, position: Int)]] = [:]
    for id in 0..<entries.count {
      let headword = entries.keys.string(Int32(id))
      guard !headword.contains(" ") else { continue }
      for (position, item) in parse(entries.values(ofID: Int32(id))).enumerated() where !item.contains(" ") {
        let key = try Self.stem(TextFolding.fold(item), targetAnalyzer!)
        if !(table[key]?.contains { $0.id == id } ?? false) {
          table[key, default: []].append((headword, id, position))
        }
      }
    }
    let groups = table.keys.sorted().map { key in
      let sorted = table[key]!.sorted {
        $0.position != $1.position ? $0.position < $1.position : $0.headword < $1.headword
      }
      return (Array(key.utf8), sorted.map { UInt64($0.id) << 32 | UInt64($0.position) })
    }
    let built = GroupedTable(groups: groups)
    reverse = built
    return built
  }

  private func stemOf(_ word: String) throws -> String {
    if analyzer == nil { analyzer = try Analyzer(language: source) }
    return try Self.stem(word, analyzer!)
  }

  /// A single word's stem under `analyzer`; other text unchanged.
  static func stem(_ word: String, _ analyzer: Analyzer) throws -> String {
    var tokens: [Token] = []
    var text = word
    try text.withUTF8 { _ = try analyzer.analyze(UnsafeRawBufferPointer($0), into: &tokens) }
    let words = tokens.filter { $0.kind != .compoundPart && $0.kind != .joined }
    return words.count == 1 ? analyzer.stem(words[0].stem) : word
  }

  /// The stem table, built on first use.
  private func stemTable() throws -> GroupedTable {
    if let byStem { return byStem }
    var table: [String: [(headword: String, id: Int)]] = [:]
    for id in 0..<entries.count {
      let headword = entries.keys.string(Int32(id))
      guard !headword.contains(" ") else { continue }
      table[try stemOf(headword), default: []].append((headword, id))
    }
    let groups = table.keys.sorted().map { key in
      (Array(key.utf8), table[key]!.sorted { $0.headword < $1.headword }.map { UInt64($0.id) })
    }
    let built = GroupedTable(groups: groups)
    byStem = built
    return built
  }

  /// The translations in entries: every sense line's comma- or
  /// semicolon-separated items, notes in parentheses removed.
  private func parse(_ found: [UInt64]) -> [String] {
    var result: [String] = []
    for value in found {
      let (offset, length) = (Int(value >> 32), Int(value & 0xFFFF_FFFF))
      guard offset + length <= data.count else { continue }
      let text = data.withUnsafeBufferPointer { String(decoding: $0[offset..<(offset + length)], as: UTF8.self) }
      for line in text.split(separator: "\n").dropFirst() {
        var body = Substring(line.trimmingCharacters(in: .whitespaces))
        if let dot = body.firstIndex(of: "."), body[..<dot].allSatisfy(\.isNumber), !body[..<dot].isEmpty {
          body = body[body.index(after: dot)...]
        }
        let cleaned = body.replacingOccurrences(of: #"\([^)]*\)"#, with: "", options: .regularExpression)
        for item in cleaned.split(whereSeparator: { $0 == "," || $0 == ";" }) {
          // Ligatures such as ĳ become ij.
          let translation = item.trimmingCharacters(in: .whitespaces).precomposedStringWithCompatibilityMapping
          if !translation.isEmpty && !result.contains(translation) { result.append(translation) }
        }
      }
    }
    return result
  }

  /// A dictd base64 number: digits A–Z a–z 0–9 + /, most significant first.
  static func base64Number(_ text: Substring) -> Int? {
    var value = 0
    for byte in text.utf8 {
      let digit: Int
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"): digit = Int(byte) - 65
      case UInt8(ascii: "a")...UInt8(ascii: "z"): digit = Int(byte) - 97 + 26
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = Int(byte) - 48 + 52
      case UInt8(ascii: "+"): digit = 62
      case UInt8(ascii: "/"): digit = 63
      default: return nil
      }
      value = value * 64 + digit
    }
    return value
  }

  /// Inflates a gzip (or dictzip) file.
  static func gunzip(_ bytes: [UInt8], file: String) throws -> [UInt8] {
    var stream = z_stream()
    guard inflateInit2_(&stream, 16 + MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
      throw TranslationError("zlib could not start", file: file)
    }
    defer { inflateEnd(&stream) }
    var output: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    var input = bytes
    var status: Int32 = Z_OK
    input.withUnsafeMutableBufferPointer { source in
      stream.next_in = source.baseAddress
      stream.avail_in = uInt(source.count)
      repeat {
        chunk.withUnsafeMutableBufferPointer { target in
          stream.next_out = target.baseAddress
          stream.avail_out = uInt(target.count)
          status = inflate(&stream, Z_NO_FLUSH)
          output += target[0..<(target.count - Int(stream.avail_out))]
        }
      } while status == Z_OK
    }
    guard status == Z_STREAM_END else {
      throw TranslationError("the compressed dictionary is damaged (zlib \(status))", file: file)
    }
    return output
  }
}
