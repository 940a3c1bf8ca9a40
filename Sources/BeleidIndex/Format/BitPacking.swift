/// Packs blocks of 128 unsigned integers into `width` bits each.
///
/// A block of 128 values at width *w* takes exactly 16·*w* bytes, low bits
/// first (little-endian bit order). Width 0 stores nothing: all values are 0.
enum BitPacking {
  static let blockSize = 128

  /// The bits needed for the largest value.
  static func width(_ values: UnsafeBufferPointer<UInt32>) -> Int {
    var all: UInt32 = 0
    for value in values { all |= value }
    return all == 0 ? 0 : 32 - all.leadingZeroBitCount
  }

  /// Appends 128 values packed at `width` bits.
  static func pack(_ values: UnsafeBufferPointer<UInt32>, width: Int, into writer: inout ByteWriter) {
    precondition(values.count == blockSize)
    guard width > 0 else { return }
    var accumulator: UInt64 = 0
    var bits = 0
    for value in values {
      accumulator |= UInt64(value) << UInt64(bits)
      bits += width
      while bits >= 8 {
        writer.bytes.append(UInt8(truncatingIfNeeded: accumulator))
        accumulator >>= 8
        bits -= 8
      }
    }
    // 128 × width is a multiple of 8, so nothing is left over.
  }

  /// Unpacks 128 document gaps of `width` bits from `source` into the
  /// documents they lead to, after `previous`: each document is the one
  /// before it plus its gap plus 1. Returns the last document.
  ///
  /// The same as `unpack` followed by a running sum, in one pass.
  @inline(__always)
  static func unpackDocuments(
    _ source: UnsafeRawPointer, width: Int, after previous: Int64, into output: UnsafeMutablePointer<UInt32>
  ) -> Int64 {
    var running = previous
    guard width > 0 else {
      for i in 0..<blockSize {
        running += 1
        output[i] = UInt32(truncatingIfNeeded: running)
      }
      return running
    }
    let mask: UInt64 = width == 32 ? 0xFFFF_FFFF : (1 << UInt64(width)) - 1
    let size = 16 * width
    let direct = min(blockSize, ((size - 8) * 8) / width + 1)
    var bitOffset = 0
    for i in 0..<direct {
      let word = source.loadUnaligned(fromByteOffset: bitOffset >> 3, as: UInt64.self).littleEndian
      running += Int64((word >> UInt64(bitOffset & 7)) & mask) + 1
      output[i] = UInt32(truncatingIfNeeded: running)
      bitOffset += width
    }
    for i in direct..<blockSize {
      running += Int64(tailValue(source, size: size, bitOffset: bitOffset, mask: mask)) + 1
      output[i] = UInt32(truncatingIfNeeded: running)
      bitOffset += width
    }
    return running
  }

  /// The value at `bitOffset` near the end of a block of `size` bytes,
  /// read byte by byte so as not to read past it.
  @inline(__always)
  private static func tailValue(_ source: UnsafeRawPointer, size: Int, bitOffset: Int, mask: UInt64) -> UInt64 {
    let byte = bitOffset >> 3
    var word: UInt64 = 0
    var k = 0
    while byte + k < size && k < 8 {
      word |= UInt64(source.load(fromByteOffset: byte + k, as: UInt8.self)) << UInt64(8 * k)
      k += 1
    }
    return (word >> UInt64(bitOffset & 7)) & mask
  }

  /// Unpacks 128 values of `width` bits from `source` into `output`.
  ///
  /// The caller has checked that `source` holds 16·`width` bytes.
  @inline(__always)
  static func unpack(_ source: UnsafeRawPointer, width: Int, into output: UnsafeMutablePointer<UInt32>) {
    guard width > 0 else {
      output.update(repeating: 0, count: blockSize)
      return
    }
    let mask: UInt64 = width == 32 ? 0xFFFF_FFFF : (1 << UInt64(width)) - 1
    let size = 16 * width
    // Values whose 8-byte window lies inside the block, read with one load
    // each and no bounds check; the last few are read byte by byte.
    let direct = min(blockSize, ((size - 8) * 8) / width + 1)
    var bitOffset = 0
    for i in 0..<direct {
      let word = source.loadUnaligned(fromByteOffset: bitOffset >> 3, as: UInt64.self).littleEndian
      output[i] = UInt32(truncatingIfNeeded: (word >> UInt64(bitOffset & 7)) & mask)
      bitOffset += width
    }
    for i in direct..<blockSize {
      output[i] = UInt32(truncatingIfNeeded: tailValue(source, size: size, bitOffset: bitOffset, mask: mask))
      bitOffset += width
    }
  }
}
