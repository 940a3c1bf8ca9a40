/// Turns a glossary file's bytes into text, or says clearly why not.
enum GlossaryText {
  /// The text of `bytes`: UTF-8, with a leading byte-order mark removed
  /// (and reported as a warning, since some tools choke on one).
  ///
  /// - Throws: `GlossaryError` for UTF-16 or UTF-32 files and for bytes that
  ///   are not UTF-8, naming the line and column of the first bad byte.
  static func decode(_ bytes: [UInt8], file: String) throws -> (text: String, issues: [GlossaryIssue]) {
    if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
      throw GlossaryError(
        "the file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8", file: file, line: 1)
    }
    var issues: [GlossaryIssue] = []
    var body = bytes[...]
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      body = bytes.dropFirst(3)
      issues.append(
        GlossaryIssue(
          .warning, .skipped, "the file starts with a UTF-8 byte-order mark; it was ignored", file: file, line: 1))
    }
    if let bad = firstInvalidByte(body) {
      let before = body[body.startIndex..<bad]
      let line = before.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
      let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? body.startIndex
      let column = String(decoding: body[lineStart..<bad], as: UTF8.self).count + 1
      throw GlossaryError(
        "not UTF-8: byte 0x\(String(body[bad], radix: 16, uppercase: true)) at column \(column) "
          + "(is it Windows-1252 or Latin-1?); save the file as UTF-8",
        file: file, line: line)
    }
    if body.contains(0) {
      throw GlossaryError("the file contains NUL bytes; it is binary, not a glossary", file: file)
    }
    return (String(decoding: body, as: UTF8.self), issues)
  }

  /// The index of the first byte that does not belong to valid UTF-8.
  static func firstInvalidByte(_ bytes: ArraySlice<UInt8>) -> Int? {
    var index = bytes.startIndex
    while index < bytes.endIndex {
      let byte = bytes[index]
      let length: Int
      switch byte {
      case 0x00...0x7F: length = 1
      case 0xC2...0xDF: length = 2
      case 0xE0...0xEF: length = 3
      case 0xF0...0xF4: length = 4
      default: return index
      }
      if index + length > bytes.endIndex { return index }
      for k in 1..<length where bytes[index + k] & 0xC0 != 0x80 { return index }
      if length == 3 {
        let next = bytes[index + 1]
        if (byte == 0xE0 && next < 0xA0) || (byte == 0xED && next > 0x9F) { return index }
      } else if length == 4 {
        let next = bytes[index + 1]
        if (byte == 0xF0 && next < 0x90) || (byte == 0xF4 && next > 0x8F) { return index }
      }
      index += length
    }
    return nil
  }
}
