/// Byte classes of the analyzer's loop: apostrophes, hyphens, clitics,
/// dotted names and word bytes, tested on UTF-8 without building strings.
extension AnalyzerCore {
  static func isApostrophe(_ text: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Bool {
    let length = end - start
    if length == 1 { return text[start] == UInt8(ascii: "'") }
    return length == 3 && text[start] == 0xE2 && text[start + 1] == 0x80
      && (text[start + 2] == 0x98 || text[start + 2] == 0x99)
  }

  static func isHyphen(_ text: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Bool {
    let length = end - start
    if length == 1 { return text[start] == UInt8(ascii: "-") }
    // U+2010 HYPHEN and U+2011 NON-BREAKING HYPHEN.
    return length == 3 && text[start] == 0xE2 && text[start + 1] == 0x80
      && (text[start + 2] == 0x90 || text[start + 2] == 0x91)
  }

  /// Whether a word has inner dots between pieces of two bytes or more
  /// (README.md, www.rijksoverheid.nl); if so, the pieces.
  static func splitsAtDots(_ text: UnsafeRawBufferPointer, _ start: Int, _ end: Int, into pieces: inout [Segment])
    -> Bool
  {
    pieces.removeAll(keepingCapacity: true)
    var pieceStart = start
    for index in start..<end where text[index] == UInt8(ascii: ".") {
      guard index - pieceStart >= 2 else { return false }
      pieces.append(Segment(start: pieceStart, end: index, isNumber: false))
      pieceStart = index + 1
    }
    guard !pieces.isEmpty, end - pieceStart >= 2 else { return false }
    pieces.append(Segment(start: pieceStart, end: end, isNumber: false))
    return true
  }

  static func isClitic(_ byte: UInt8) -> Bool {
    switch byte | 0x20 {
    case UInt8(ascii: "s"), UInt8(ascii: "t"), UInt8(ascii: "n"): true
    default: false
    }
  }

  static func hasLetter(_ text: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Bool {
    for i in start..<end {
      let byte = text[i] | 0x20
      if (byte >= 97 && byte <= 122) || text[i] >= 0x80 { return true }
    }
    return false
  }

  static func isWordByte(_ byte: UInt8) -> Bool {
    (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte >= 0x80
  }
}
