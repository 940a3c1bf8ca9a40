public import BeleidAnalysis
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
/// Not `Sendable`: it builds a stem table on first use of an inflected form.
public final class FreeDictionary {
  /// Where Debian's dict-freedict packages put their files.
  public static let folder = "/usr/share/dictd"

  /// The language of the headwords.
  public let source: Language
  private let data: [UInt8]
  private var entries: [String: [(offset: Int, length: Int)]] = [:]
  private var byStem: [String: [String]]?
  private var analyzer: Analyzer?
  private var reverse: [String: [(headword: String, position: Int)]]?
  private var targetAnalyzer: Analyzer?

  /// The Debian package that holds the dictionary from `source`.
  public static func package(from source: Language) -> String {
    source == .english ? "dict-freedict-eng-nld" : "dict-freedict-nld-eng"
  }

  /// Opens the dictionary from `source` into the other language.
  ///
  /// - Throws: `GlossaryError` if the package is not installed or its files
  ///   cannot be read.
  public init(from source: Language, folder: String = FreeDictionary.folder) throws {
    self.source = source
    let name = source == .english ? "freedict-eng-nld" : "freedict-nld-eng"
    let base = (folder as NSString).appendingPathComponent(name)
    guard let index = FileManager.default.contents(atPath: base + ".index"),
      let compressed = FileManager.default.contents(atPath: base + ".dict.dz")
    else {
      throw GlossaryError(
        "FreeDict is not installed (apt-get install \(Self.package(from: source)))", file: base + ".index")
    }
    data = try Self.gunzip([UInt8](compressed), file: base + ".dict.dz")
    for line in String(decoding: index, as: UTF8.self).split(separator: "\n") {
      let fields = line.split(separator: "\t")
      guard fields.count == 3, !fields[0].hasPrefix("00database"),
        let offset = Self.base64Number(fields[1]), let length = Self.base64Number(fields[2]),
        offset + length <= data.count
      else { continue }
      entries[TextFolding.fold(String(fields[0])), default: []].append((offset, length))
    }
  }

  /// How many headwords the dictionary has.
  public var count: Int { entries.count }

  /// The translations of a word, first sense first, each once; looked up
  /// as written, then by stem (chains → chain, ministeries → ministerie).
  ///
  /// - Complexity: O(1) for a headword; the first inflected lookup stems
  ///   every headword once, O(*h*).
  public func translations(of word: String) throws -> [String] {
    let key = TextFolding.fold(word)
    if let found = entries[key] { return parse(found) }
    let stem = try stemOf(key)
    guard let table = try stemTable()[stem] else { return [] }
    return table.flatMap { parse(entries[$0] ?? []) }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
  }

  /// The headwords whose translations include `word`, a word of the target language.
  ///
  /// Each comes with the word's place in the entry's list (0: the first
  /// translation of the first sense). This reads the dictionary backwards:
  /// Dutch-English gives English words their Dutch equivalents.
  ///
  /// - Complexity: O(1) after the first call, which parses every entry once.
  public func headwords(translatedAs word: String) throws -> [(headword: String, position: Int)] {
    if reverse == nil {
      if targetAnalyzer == nil { targetAnalyzer = try Analyzer(language: source.other) }
      var table: [String: [(headword: String, position: Int)]] = [:]
      for (headword, found) in entries where !headword.contains(" ") {
        for (position, item) in parse(found).enumerated() where !item.contains(" ") {
          let key = try Self.stem(TextFolding.fold(item), targetAnalyzer!)
          if !(table[key]?.contains { $0.headword == headword } ?? false) {
            table[key, default: []].append((headword, position))
          }
        }
      }
      for key in table.keys {
        table[key]!.sort { $0.position != $1.position ? $0.position < $1.position : $0.headword < $1.headword }
      }
      reverse = table
    }
    if targetAnalyzer == nil { targetAnalyzer = try Analyzer(language: source.other) }
    return reverse?[try Self.stem(TextFolding.fold(word), targetAnalyzer!)] ?? []
  }

  private func stemOf(_ word: String) throws -> String {
    if analyzer == nil { analyzer = try Analyzer(language: source) }
    return try Self.stem(word, analyzer!)
  }

  /// A single word's stem under `analyzer`; other text unchanged.
  private static func stem(_ word: String, _ analyzer: Analyzer) throws -> String {
    var tokens: [Token] = []
    var text = word
    try text.withUTF8 { _ = try analyzer.analyze(UnsafeRawBufferPointer($0), into: &tokens) }
    let words = tokens.filter { $0.kind != .compoundPart && $0.kind != .joined }
    return words.count == 1 ? analyzer.stem(words[0].stem) : word
  }

  private func stemTable() throws -> [String: [String]] {
    if let byStem { return byStem }
    var table: [String: [String]] = [:]
    for headword in entries.keys where !headword.contains(" ") {
      table[try stemOf(headword), default: []].append(headword)
    }
    for key in table.keys { table[key]!.sort() }
    byStem = table
    return table
  }

  /// The translations in entries: every sense line's comma- or
  /// semicolon-separated items, notes in parentheses removed.
  private func parse(_ found: [(offset: Int, length: Int)]) -> [String] {
    var result: [String] = []
    for (offset, length) in found {
      let text = String(decoding: data[offset..<(offset + length)], as: UTF8.self)
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
      throw GlossaryError("zlib could not start", file: file)
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
      throw GlossaryError("the compressed dictionary is damaged (zlib \(status))", file: file)
    }
    return output
  }
}
