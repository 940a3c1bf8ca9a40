import CBitPacking

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
  /// The same as `unpack` followed by a running sum, in one pass
  /// (`CBitPacking`, one unrolled loop per width).
  @inline(__always)
  static func unpackDocuments(
    _ source: UnsafeRawPointer, width: Int, after previous: Int64, into output: UnsafeMutablePointer<UInt32>
  ) -> Int64 {
    cbitpacking_unpack_documents(source, Int32(width), previous, output)
  }

  /// Unpacks 128 values of `width` bits from `source` into `output`
  /// (`CBitPacking`, one unrolled loop per width).
  ///
  /// The caller has checked that `source` holds 16·`width` bytes.
  @inline(__always)
  static func unpack(_ source: UnsafeRawPointer, width: Int, into output: UnsafeMutablePointer<UInt32>) {
    cbitpacking_unpack(source, Int32(width), output)
  }
}
