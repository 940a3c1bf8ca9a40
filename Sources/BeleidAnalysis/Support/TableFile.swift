import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Writes tables into the byte layout `TableFileReader` maps back.
///
/// Every value is a little-endian integer or a run of them; each run is
/// preceded by its element count and starts on an 8-byte boundary, so that
/// a mapped file can be read in place.
package struct TableFileWriter {
  package private(set) var bytes: [UInt8] = []

  package init() {}

  package mutating func write(_ value: UInt64) {
    withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
  }

  package mutating func write(_ text: String) {
    write(UInt64(text.utf8.count))
    bytes.append(contentsOf: text.utf8)
    align()
  }

  package mutating func write<Element: BitwiseCopyable>(_ buffer: TableBuffer<Element>) {
    write(UInt64(buffer.count))
    align()
    buffer.withUnsafeBytes { bytes.append(contentsOf: $0) }
    align()
  }

  private mutating func align() {
    while bytes.count % 8 != 0 { bytes.append(0) }
  }

  /// Writes the bytes to `path` atomically (a temporary name, then a
  /// rename), then removes the folder's older files whose names start with
  /// `prefix`, beyond the newest `keep`.
  ///
  /// Two builds of beleid (debug and release, or two installs) have cache
  /// files of their own and would otherwise delete each other's at every
  /// start.
  /// Writes `bytes` to a new file, flushes it, and drops its pages from the
  /// page cache.
  ///
  /// Pages written in one go stay cached as large folios, and a mapping
  /// that touches one byte of a large folio is charged for all of it: a
  /// search then counted 20 MB of a 25 MB table file against 8 MB once the
  /// file was read back page by page (`MappedFile` asks for no read-ahead).
  private static func writeUncached(_ bytes: [UInt8], to path: String) -> Bool {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    var written = 0
    while written < bytes.count {
      let count = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + written, $0.count - written) }
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else { return false }
      written += count
    }
    guard fdatasync(descriptor) == 0 else { return false }
    _ = posix_fadvise(descriptor, 0, 0, POSIX_FADV_DONTNEED)
    return true
  }

  package func save(to path: String, pruning prefix: String, keep: Int) throws {
    let manager = FileManager.default
    let folder = (path as NSString).deletingLastPathComponent
    try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let temporary = path + ".tmp-\(getpid())"
    guard Self.writeUncached(bytes, to: temporary) else {
      unlink(temporary)
      throw AnalysisError.resourceUnreadable(name: temporary)
    }
    guard rename(temporary, path) == 0 else {
      unlink(temporary)
      throw AnalysisError.resourceUnreadable(name: path)
    }
    let others = ((try? manager.contentsOfDirectory(atPath: folder)) ?? [])
      .filter { $0.hasPrefix(prefix) && !$0.contains(".tmp-") }
      .map { (folder as NSString).appendingPathComponent($0) }
      .map { ($0, (try? manager.attributesOfItem(atPath: $0)[.modificationDate] as? Date) ?? .distantPast) }
      .sorted { $0.1 > $1.1 }
    for (old, _) in others.dropFirst(keep) where old != path { unlink(old) }
  }
}

/// Reads what `TableFileWriter` wrote, from a mapped file, checking every
/// count against the file's size.
package struct TableFileReader {
  /// The file is shorter than its counts say, or a value is out of range.
  package struct Damaged: Error {
    package init() {}
  }

  package let file: MappedFile
  private var offset = 0

  package init(file: MappedFile) {
    self.file = file
  }

  package mutating func readUInt64() throws -> UInt64 {
    guard offset + 8 <= file.bytes.count else { throw Damaged() }
    let value = file.bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
    offset += 8
    return UInt64(littleEndian: value)
  }

  package mutating func readInt(atMost limit: Int = Int(UInt32.max)) throws -> Int {
    let value = try readUInt64()
    guard value <= UInt64(limit) else { throw Damaged() }
    return Int(value)
  }

  package mutating func readString() throws -> String {
    let count = try readInt(atMost: 1 << 20)
    guard offset + count <= file.bytes.count else { throw Damaged() }
    let text = String(decoding: UnsafeRawBufferPointer(rebasing: file.bytes[offset..<(offset + count)]), as: UTF8.self)
    offset += count
    align()
    return text
  }

  package mutating func readBuffer<Element: BitwiseCopyable>(_: Element.Type = Element.self) throws -> TableBuffer<
    Element
  > {
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

extension TableBuffer where Element == UInt32 {
  /// Whether these are the start offsets of consecutive runs that fill
  /// `total` elements: from 0, never falling, ending at `total`.
  ///
  /// - Complexity: O(*n*); it reads every offset once.
  package func areOffsets(into total: Int) -> Bool {
    withUnsafeBufferPointer { starts in
      guard let first = starts.first, first == 0 else { return false }
      var previous: UInt32 = 0
      for start in starts {
        if start < previous { return false }
        previous = start
      }
      return Int(previous) == total
    }
  }
}

extension ByteStringTable {
  /// Appends the table to a table file.
  package func write(to writer: inout TableFileWriter) {
    writer.write(UInt64(mask))
    writer.write(arena)
    writer.write(starts)
    writer.write(hashes)
    writer.write(slots)
  }

  /// Maps a table written by `write(to:)`, checking its structure: one
  /// offset and one hash per key, a power-of-two slot array at most half
  /// full.
  ///
  /// The offsets are checked where they are read (`bounds(of:)`, the
  /// probe), not here: reading them all would bring every page of them
  /// into memory, and a command probes only a few.
  ///
  /// - Complexity: O(1).
  package init(reading reader: inout TableFileReader) throws {
    self.init(capacity: 1)
    mask = try reader.readInt()
    arena = try reader.readBuffer()
    starts = try reader.readBuffer()
    hashes = try reader.readBuffer()
    slots = try reader.readBuffer()
    let count = hashes.count
    guard starts.count == count + 1, slots.count == mask + 1, slots.count & mask == 0, count * 2 <= slots.count
    else { throw TableFileReader.Damaged() }
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
