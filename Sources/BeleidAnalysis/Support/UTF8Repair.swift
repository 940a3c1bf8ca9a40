/// Checks UTF-8 and replaces every invalid sequence with U+FFFD.
///
/// Analysis and indexing take bytes from files of unknown quality. Valid
/// input is returned as it is (no copy); invalid input is copied with each
/// maximal invalid subpart replaced by U+FFFD, the replacement policy Unicode
/// recommends (and Swift's `String(decoding:)` follows). Offsets of tokens then
/// refer to the repaired text.
package enum UTF8Repair {
  /// The result of checking a byte buffer.
  package struct Result: Sendable {
    /// The valid UTF-8 text: the input itself when `replacements` is 0.
    package var bytes: [UInt8]
    /// How many invalid sequences were replaced with U+FFFD.
    package var replacements: Int
  }

  /// Returns the number of bytes up to the first invalid sequence, or nil
  /// when all of `bytes` is valid UTF-8.
  ///
  /// - Complexity: O(*n*).
  package static func firstInvalidOffset(_ bytes: UnsafeRawBufferPointer) -> Int? {
    var i = 0
    let n = bytes.count
    while i < n {
      // Skip ASCII eight bytes at a time.
      while i + 8 <= n && bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
        i += 8
      }
      if i >= n { break }
      let length = sequenceLength(bytes, at: i)
      if length == 0 { return i }
      i += length
    }
    return nil
  }

  /// Returns `bytes` as valid UTF-8, with invalid sequences replaced.
  ///
  /// - Complexity: O(*n*).
  package static func repair(_ bytes: [UInt8]) -> Result {
    let firstBad = bytes.withUnsafeBytes { firstInvalidOffset($0) }
    guard let firstBad else { return Result(bytes: bytes, replacements: 0) }
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count + 16)
    output.append(contentsOf: bytes[0..<firstBad])
    var replacements = 0
    bytes.withUnsafeBytes { raw in
      var i = firstBad
      while i < raw.count {
        let length = sequenceLength(raw, at: i)
        if length > 0 {
          output.append(contentsOf: raw[i..<(i + length)])
          i += length
        } else {
          output.append(contentsOf: [0xEF, 0xBF, 0xBD])
          replacements += 1
          i += invalidSubpartLength(raw, at: i)
        }
      }
    }
    return Result(bytes: output, replacements: replacements)
  }

  /// The length of the valid sequence starting at `i`, or 0 if it is invalid.
  static func sequenceLength(_ b: UnsafeRawBufferPointer, at i: Int) -> Int {
    let n = b.count
    let c0 = b[i]
    if c0 < 0x80 { return 1 }
    func cont(_ k: Int) -> Bool { i + k < n && b[i + k] & 0xC0 == 0x80 }
    switch c0 {
    case 0xC2...0xDF:
      return cont(1) ? 2 : 0
    case 0xE0:
      return i + 1 < n && (0xA0...0xBF).contains(b[i + 1]) && cont(2) ? 3 : 0
    case 0xE1...0xEC, 0xEE...0xEF:
      return cont(1) && cont(2) ? 3 : 0
    case 0xED:
      return i + 1 < n && (0x80...0x9F).contains(b[i + 1]) && cont(2) ? 3 : 0
    case 0xF0:
      return i + 1 < n && (0x90...0xBF).contains(b[i + 1]) && cont(2) && cont(3) ? 4 : 0
    case 0xF1...0xF3:
      return cont(1) && cont(2) && cont(3) ? 4 : 0
    case 0xF4:
      return i + 1 < n && (0x80...0x8F).contains(b[i + 1]) && cont(2) && cont(3) ? 4 : 0
    default:
      return 0
    }
  }

  /// How many bytes one U+FFFD replaces at `i`: the maximal prefix of a
  /// valid sequence, and at least one byte.
  static func invalidSubpartLength(_ b: UnsafeRawBufferPointer, at i: Int) -> Int {
    let n = b.count
    let c0 = b[i]
    var expected = 0
    var low: UInt8 = 0x80
    var high: UInt8 = 0xBF
    switch c0 {
    case 0xC2...0xDF: expected = 1
    case 0xE0: expected = 2; low = 0xA0
    case 0xE1...0xEC, 0xEE...0xEF: expected = 2
    case 0xED: expected = 2; high = 0x9F
    case 0xF0: expected = 3; low = 0x90
    case 0xF1...0xF3: expected = 3
    case 0xF4: expected = 3; high = 0x8F
    default: return 1
    }
    var k = 1
    while k <= expected && i + k < n {
      let c = b[i + k]
      let ok = k == 1 ? (low...high).contains(c) : (0x80...0xBF).contains(c)
      if !ok { break }
      k += 1
    }
    return k
  }
}
