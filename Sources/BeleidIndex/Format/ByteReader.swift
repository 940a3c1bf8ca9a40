/// Reads what `ByteWriter` wrote, checking every bound.
///
/// Running past the end throws `corrupted` instead of reading garbage: a
/// damaged file must never be answered from.
struct ByteReader {
  let bytes: UnsafeRawBufferPointer
  var offset: Int
  let path: String

  init(_ bytes: UnsafeRawBufferPointer, offset: Int = 0, path: String) {
    self.bytes = bytes
    self.offset = offset
    self.path = path
  }

  var isAtEnd: Bool { offset >= bytes.count }

  func corrupted(_ detail: String) -> IndexError { IndexError(.corrupted(detail), path: path) }

  mutating func need(_ count: Int) throws {
    guard count >= 0, offset + count <= bytes.count else { throw corrupted("unexpected end of data") }
  }

  mutating func u8() throws -> UInt8 {
    try need(1)
    defer { offset += 1 }
    return bytes[offset]
  }

  mutating func u16() throws -> UInt16 {
    try need(2)
    defer { offset += 2 }
    return bytes.loadUnaligned(fromByteOffset: offset, as: UInt16.self).littleEndian
  }

  mutating func u32() throws -> UInt32 {
    try need(4)
    defer { offset += 4 }
    return bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian
  }

  mutating func u64() throws -> UInt64 {
    try need(8)
    defer { offset += 8 }
    return bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian
  }

  mutating func i32() throws -> Int32 { Int32(bitPattern: try u32()) }

  /// A u64 offset or length, which must fit a file (below 2⁴⁸): garbage in
  /// a damaged file throws instead of trapping on conversion.
  mutating func offset64() throws -> Int {
    let value = try u64()
    guard value < 1 << 48 else { throw corrupted("offset out of range") }
    return Int(value)
  }

  mutating func varint() throws -> UInt64 {
    var result: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      guard offset < bytes.count else { throw corrupted("unexpected end of data in a number") }
      let byte = bytes[offset]
      offset += 1
      result |= UInt64(byte & 0x7F) << shift
      if byte < 0x80 { return result }
      shift += 7
      guard shift < 64 else { throw corrupted("number too long") }
    }
  }

  /// Skips `count` varints without decoding them: counts the bytes that end
  /// one (high bit clear), sixteen at a time while that cannot overshoot
  /// (each byte ends at most one), then eight at a time, finding the last
  /// one's byte in a word by clearing the lower ends.
  mutating func skipVarints(_ count: Int) throws {
    var remaining = count
    var index = offset
    let end = bytes.count
    while remaining > 16 && index + 16 <= end {
      let chunk = bytes.loadUnaligned(fromByteOffset: index, as: SIMD16<UInt8>.self)
      remaining -= Int((~chunk &>> 7).wrappedSum())
      index += 16
    }
    while remaining > 0 && index + 8 <= end {
      let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
      var ends = ~word & 0x8080_8080_8080_8080
      let found = ends.nonzeroBitCount
      if found < remaining {
        remaining -= found
        index += 8
        continue
      }
      for _ in 1..<remaining { ends &= ends &- 1 }
      index += ends.trailingZeroBitCount / 8 + 1
      remaining = 0
    }
    while remaining > 0 {
      guard index < end else { throw corrupted("unexpected end of data in a number") }
      if bytes[index] < 0x80 { remaining -= 1 }
      index += 1
    }
    offset = index
  }

  mutating func int() throws -> Int {
    let value = try varint()
    guard value <= UInt64(Int32.max) * 1024 else { throw corrupted("number out of range") }
    return Int(value)
  }

  mutating func slice(_ count: Int) throws -> UnsafeRawBufferPointer {
    try need(count)
    defer { offset += count }
    return UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)])
  }

  mutating func string() throws -> String {
    let length = try int()
    return String(decoding: try slice(length), as: UTF8.self)
  }
}
