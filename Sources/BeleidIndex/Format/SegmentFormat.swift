/// Constants of the segment file format; docs/index-format.md defines them.
enum SegmentFormat {
  static let magic = "BLSG"

  /// Section ids in a segment file.
  enum Section: UInt32 {
    case meta = 1
    case termBlocks = 2
    case termIndex = 3
    case formBlocks = 4
    case formIndex = 5
    case postings = 6
    case positions = 7
    case norms = 8
    case dates = 9
    case languages = 10
    case sources = 11
    case keys = 12
    case storedBlocks = 13
    case storedIndex = 14
    /// Per document its path, title, date (as written), URL and format,
    /// five strings each (a string table): what a hit shows, without decoding the stored
    /// document. Segments written before it lack the section.
    case hitFields = 15
    /// Per document its type ("wet", "EU directive"), laid out as
    /// `sources` is. Segments written before it lack the section: no
    /// document there has a type.
    case types = 16
  }

  /// Documents per postings block.
  static let blockSize = 128
  /// Entries per term or form dictionary block.
  static let dictionaryBlockSize = 32
  /// Values of a term's dictionary entry: document frequency, postings
  /// offset and length, positions offset and length.
  static let termValueCount = 5
  /// Bytes of one skip entry: last doc, block end, positions end (u32 each),
  /// max body tf (u16), max title tf (u8), min body norm (u8), min title
  /// norm (u8), then padding to 20.
  static let skipEntrySize = 20
  /// Body positions start here; title positions lie below.
  static let bodyPositionOffset: UInt32 = 1 << 16
  /// Title words beyond this many are not indexed.
  static let maximumTitleTokens = 60_000
  /// Uncompressed bytes of stored fields per compressed block (at least one document).
  static let storedBlockSize = 64 * 1024
  /// No date.
  static let noDate = Int32.min
}

/// Language codes in the languages column.
extension SegmentFormat {
  static func languageCode(_ code: String?) -> UInt8 {
    switch code {
    case "nl": 0
    case "en": 1
    default: 255
    }
  }

  static func languageName(_ code: UInt8) -> String? {
    switch code {
    case 0: "nl"
    case 1: "en"
    default: nil
    }
  }
}

/// A table of strings: count (u32), count + 1 offsets (u32), then the bytes.
enum StringTable {
  static func encode(_ strings: [String]) -> [UInt8] { encode(strings.map { Array($0.utf8) }) }

  static func encode(_ entries: [[UInt8]]) -> [UInt8] {
    var writer = ByteWriter()
    var offsets: [UInt32] = [0]
    var data: [UInt8] = []
    for entry in entries {
      data.append(contentsOf: entry)
      offsets.append(UInt32(data.count))
    }
    writer.u32(UInt32(entries.count))
    for offset in offsets { writer.u32(offset) }
    writer.append(data)
    return writer.bytes
  }
}

/// Reads a `StringTable`.
struct StringTableReader {
  private let offsets: UnsafeRawBufferPointer
  private let data: UnsafeRawBufferPointer
  let count: Int

  init(_ bytes: UnsafeRawBufferPointer, path: String) throws {
    var reader = ByteReader(bytes, path: path)
    count = Int(try reader.u32())
    offsets = try reader.slice((count + 1) * 4)
    data = UnsafeRawBufferPointer(rebasing: bytes[reader.offset...])
    let last = Int(offsets.loadUnaligned(fromByteOffset: count * 4, as: UInt32.self).littleEndian)
    guard last == data.count else { throw IndexError(.corrupted("string table sizes do not add up"), path: path) }
  }

  private func offset(_ index: Int) -> Int {
    Int(offsets.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self).littleEndian)
  }

  /// The bytes of entry `index`.
  func bytes(_ index: Int) -> UnsafeRawBufferPointer {
    let start = offset(index)
    let end = max(start, min(offset(index + 1), data.count))
    return UnsafeRawBufferPointer(rebasing: data[start..<end])
  }

  /// Entry `index` as a string.
  func string(_ index: Int) -> String { String(decoding: bytes(index), as: UTF8.self) }
}
