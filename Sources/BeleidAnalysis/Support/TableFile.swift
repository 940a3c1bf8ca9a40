/// Writes tables into the byte layout `TableFileReader` maps back.
///
/// Every value is a little-endian integer or a run of them; each run is
/// preceded by its element count and starts on an 8-byte boundary, so that
/// a mapped file can be read in place.
struct TableFileWriter {
  private(set) var bytes: [UInt8] = []

  mutating func write(_ value: UInt64) {
    withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
  }

  mutating func write(_ text: String) {
    write(UInt64(text.utf8.count))
    bytes.append(contentsOf: text.utf8)
    align()
  }

  mutating func write<Element: BitwiseCopyable>(_ buffer: TableBuffer<Element>) {
    write(UInt64(buffer.count))
    align()
    buffer.withUnsafeBytes { bytes.append(contentsOf: $0) }
    align()
  }

  private mutating func align() {
    while bytes.count % 8 != 0 { bytes.append(0) }
  }
}

/// Reads what `TableFileWriter` wrote, from a mapped file, checking every
/// count against the file's size.
struct TableFileReader {
  /// The file is shorter than its counts say, or a value is out of range.
  struct Damaged: Error {}

  let file: MappedFile
  private var offset = 0

  init(file: MappedFile) {
    self.file = file
  }

  mutating func readUInt64() throws -> UInt64 {
    guard offset + 8 <= file.bytes.count else { throw Damaged() }
    let value = file.bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
    offset += 8
    return UInt64(littleEndian: value)
  }

  mutating func readInt(atMost limit: Int = Int(UInt32.max)) throws -> Int {
    let value = try readUInt64()
    guard value <= UInt64(limit) else { throw Damaged() }
    return Int(value)
  }

  mutating func readString() throws -> String {
    let count = try readInt(atMost: 1 << 20)
    guard offset + count <= file.bytes.count else { throw Damaged() }
    let text = String(decoding: UnsafeRawBufferPointer(rebasing: file.bytes[offset..<(offset + count)]), as: UTF8.self)
    offset += count
    align()
    return text
  }

  mutating func readBuffer<Element: BitwiseCopyable>(_: Element.Type = Element.self) throws -> TableBuffer<Element> {
    let count = try readInt()
    align()
    let size = count * MemoryLayout<Element>.stride
    guard offset + size <= file.bytes.count else { throw Damaged() }
    let buffer = TableBuffer<Element>(file: file, offset: offset, count: count)
    offset += size
    align()
    return buffer
  }

  private mutating func align() {
    offset = (offset + 7) & ~7
  }
}

extension ByteStringTable {
  /// Appends the table to a table file.
  func write(to writer: inout TableFileWriter) {
    writer.write(UInt64(mask))
    writer.write(arena)
    writer.write(starts)
    writer.write(hashes)
    writer.write(slots)
  }

  /// Maps a table written by `write(to:)`, checking its structure: offsets
  /// that rise within the arena, one hash per key, a power-of-two slot
  /// array at most half full.
  ///
  /// - Complexity: O(*n*) in the number of keys (the offsets are checked).
  init(reading reader: inout TableFileReader) throws {
    self.init(capacity: 1)
    mask = try reader.readInt()
    arena = try reader.readBuffer()
    starts = try reader.readBuffer()
    hashes = try reader.readBuffer()
    slots = try reader.readBuffer()
    let count = hashes.count
    guard starts.count == count + 1, slots.count == mask + 1, slots.count & mask == 0, count * 2 <= slots.count
    else { throw TableFileReader.Damaged() }
    let valid = starts.withUnsafeBufferPointer { starts in
      var previous: UInt32 = 0
      for start in starts {
        if start < previous { return false }
        previous = start
      }
      return starts[0] == 0 && Int(previous) == arena.count
    }
    guard valid else { throw TableFileReader.Damaged() }
  }
}

extension PrefixFilter {
  /// Appends the filter to a table file.
  func write(to writer: inout TableFileWriter) {
    writer.write(words)
  }

  /// Maps a filter written by `write(to:)`.
  init(reading reader: inout TableFileReader) throws {
    let words: TableBuffer<UInt64> = try reader.readBuffer()
    guard words.count == Self.bitCount / 64 else { throw TableFileReader.Damaged() }
    self.init(words: words)
  }
}

extension FrequencyTable {
  /// Appends the table to a table file.
  func write(to writer: inout TableFileWriter) {
    words.write(to: &writer)
    writer.write(counts)
  }

  /// Maps a table written by `write(to:)`.
  init(reading reader: inout TableFileReader) throws {
    self.init()
    words = try ByteStringTable(reading: &reader)
    counts = try reader.readBuffer()
    guard counts.count == words.count else { throw TableFileReader.Damaged() }
  }
}
