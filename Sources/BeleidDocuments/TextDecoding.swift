import BeleidAnalysis

/// Turns file bytes into text, detecting the encoding.
///
/// UTF-8 (with or without a byte-order mark) and UTF-16 with a byte-order
/// mark are read as they are; other bytes that are not UTF-8 but look like
/// text are read as Windows-1252 (a superset of Latin-1's printable range).
/// Bytes with NULs or many control characters are binary.
package enum TextDecoding {
  /// Decoded text and how it was decoded.
  package struct Result: Sendable {
    /// The text, valid Unicode.
    package var text: String
    /// utf-8, utf-8-bom, utf-16le, utf-16be or windows-1252.
    package var encoding: String
    /// Whether the bytes were converted from another encoding.
    package var converted: Bool { encoding != "utf-8" && encoding != "utf-8-bom" }
  }

  /// Whether bytes look binary: NULs or over 10% control characters.
  package static func looksBinary(_ bytes: ArraySlice<UInt8>) -> Bool {
    if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return false }
    var controls = 0
    for byte in bytes {
      if byte == 0 { return true }
      if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C { controls += 1 }
    }
    return controls * 10 > bytes.count
  }

  /// Decodes bytes as text, or nil for binary data.
  package static func decode(_ bytes: [UInt8]) -> Result? {
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      let rest = Array(bytes.dropFirst(3))
      return Result(text: String(decoding: UTF8Repair.repairIfNeeded(rest), as: UTF8.self), encoding: "utf-8-bom")
    }
    if bytes.starts(with: [0xFF, 0xFE]) {
      return Result(text: utf16(bytes.dropFirst(2), littleEndian: true), encoding: "utf-16le")
    }
    if bytes.starts(with: [0xFE, 0xFF]) {
      return Result(text: utf16(bytes.dropFirst(2), littleEndian: false), encoding: "utf-16be")
    }
    if looksBinary(bytes.prefix(8192)) { return nil }
    let valid = bytes.withUnsafeBytes { UTF8Repair.firstInvalidOffset($0) == nil }
    if valid { return Result(text: String(decoding: bytes, as: UTF8.self), encoding: "utf-8") }
    return Result(text: windows1252(bytes), encoding: "windows-1252")
  }

  private static func utf16(_ bytes: ArraySlice<UInt8>, littleEndian: Bool) -> String {
    var units: [UInt16] = []
    units.reserveCapacity(bytes.count / 2)
    var index = bytes.startIndex
    while index + 1 < bytes.endIndex {
      let a = UInt16(bytes[index])
      let b = UInt16(bytes[index + 1])
      units.append(littleEndian ? a | b << 8 : a << 8 | b)
      index += 2
    }
    return String(decoding: units, as: UTF16.self)
  }

  /// Windows-1252's 0x80–0x9F; the rest of the bytes are Latin-1.
  private static let cp1252High: [UInt32] = [
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD,
    0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
    0x0153, 0xFFFD, 0x017E, 0x0178,
  ]

  private static func windows1252(_ bytes: [UInt8]) -> String {
    var scalars = String.UnicodeScalarView()
    for byte in bytes {
      let value = byte >= 0x80 && byte <= 0x9F ? cp1252High[Int(byte - 0x80)] : UInt32(byte)
      scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
    }
    return String(scalars)
  }
}

extension UTF8Repair {
  /// The bytes, repaired only if they are not valid UTF-8.
  static func repairIfNeeded(_ bytes: [UInt8]) -> [UInt8] { repair(bytes).bytes }
}
