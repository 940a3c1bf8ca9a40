import CDeflate

/// Compresses documents' stored fields in blocks with zlib.
///
/// Record (one per document, in doc order): key, path, title, body, date,
/// language, source, url, format (each a varint length and UTF-8), the page
/// starts (count, then gaps, varints) and the metadata as a JSON object.
/// Records are gathered into blocks of about 64 KiB and each block is
/// compressed on its own, so reading one document inflates one block.
/// Index: block count (u32), then per block its first doc (u32), offset
/// (u64), compressed and uncompressed lengths (u32).
struct StoredFieldsWriter {
  private(set) var blocks = ByteWriter()
  private var index: [(firstDoc: UInt32, offset: UInt64, compressed: UInt32, uncompressed: UInt32)] = []
  private var pending = ByteWriter()
  private var pendingFirstDoc: UInt32 = 0
  private var nextDoc: UInt32 = 0

  /// Adds the next document's record.
  mutating func add(_ record: [UInt8]) {
    if pending.count == 0 { pendingFirstDoc = nextDoc }
    pending.append(record)
    nextDoc += 1
    if pending.count >= SegmentFormat.storedBlockSize { flushBlock() }
  }

  private mutating func flushBlock() {
    guard pending.count > 0 else { return }
    let compressed = Self.deflate(pending.bytes)
    index.append((pendingFirstDoc, UInt64(blocks.count), UInt32(compressed.count), UInt32(pending.count)))
    blocks.append(compressed)
    pending = ByteWriter()
  }

  /// The compressed blocks and their index.
  mutating func finish() -> (blocks: [UInt8], index: [UInt8]) {
    flushBlock()
    var writer = ByteWriter()
    writer.u32(UInt32(index.count))
    for entry in index {
      writer.u32(entry.firstDoc)
      writer.u64(entry.offset)
      writer.u32(entry.compressed)
      writer.u32(entry.uncompressed)
    }
    return (blocks.bytes, writer.bytes)
  }

  /// zlib at level 1: stored text is read rarely, written once per document.
  static func deflate(_ bytes: [UInt8]) -> [UInt8] {
    var bound = compressBound(uLong(bytes.count))
    var output = [UInt8](repeating: 0, count: Int(bound))
    let status = output.withUnsafeMutableBufferPointer { out in
      bytes.withUnsafeBufferPointer { input in
        compress2(out.baseAddress, &bound, input.baseAddress, uLong(input.count), 1)
      }
    }
    precondition(status == Z_OK, "zlib compress2 failed with \(status)")
    output.removeSubrange(Int(bound)...)
    return output
  }

  /// Inflates a block of known uncompressed size.
  static func inflate(_ bytes: UnsafeRawBufferPointer, size: Int) -> [UInt8]? {
    var output = [UInt8](repeating: 0, count: size)
    var length = uLong(size)
    let status = output.withUnsafeMutableBufferPointer { out in
      uncompress(out.baseAddress, &length, bytes.baseAddress?.assumingMemoryBound(to: Bytef.self), uLong(bytes.count))
    }
    guard status == Z_OK, Int(length) == size else { return nil }
    return output
  }
}
