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
    var bitOffset = 0
    for i in 0..<blockSize {
      let byte = bitOffset >> 3
      let shift = UInt64(bitOffset & 7)
      // Read 8 bytes when they are inside the block, else byte by byte.
      var word: UInt64
      if byte + 8 <= 16 * width {
        word = source.loadUnaligned(fromByteOffset: byte, as: UInt64.self).littleEndian
      } else {
        word = 0
        var k = 0
        while byte + k < 16 * width && k < 8 {
          word |= UInt64(source.load(fromByteOffset: byte + k, as: UInt8.self)) << UInt64(8 * k)
          k += 1
        }
      }
      output[i] = UInt32(truncatingIfNeeded: (word >> shift) & mask)
      bitOffset += width
    }
  }
}
