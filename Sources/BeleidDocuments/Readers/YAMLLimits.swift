/// Checks YAML text against beleid's limits before Yams parses it: front
/// matter and YAML glossaries come from users.
///
/// Yams expands aliases while it builds values, so nine anchors of nine
/// aliases each ("billion laughs") take minutes and gigabytes; nothing
/// beleid reads needs aliases, so they are refused. Flow collections
/// (`[…]`, `{…}`) nest at most `maximumDepth` deep and block indentation is
/// at most `maximumIndent` columns, since building the values recurses.
///
/// - Complexity: O(*n*) in the text's length.
package enum YAMLLimits {
  /// How deep flow collections may nest.
  package static let maximumDepth = 64
  /// The deepest block indentation, in columns.
  package static let maximumIndent = 256

  /// Why `text` is over a limit, with its 1-based line, or nil.
  package static func problem(in text: String) -> (message: String, line: Int)? {
    var line = 1
    var depth = 0
    var column = 0
    var atLineStart = true
    var quote: UInt8?
    var previous: UInt8 = 0x0A
    var comment = false
    let bytes = Array(text.utf8)
    var i = 0
    while i < bytes.count {
      let c = bytes[i]
      defer {
        previous = c
        i += 1
      }
      if c == 0x0A {
        line += 1
        column = 0
        atLineStart = true
        comment = false
        // A quoted flow scalar may span lines; a single line's quote not.
        continue
      }
      if comment { continue }
      if atLineStart {
        if c == 0x20 {
          column += 1
          if column > maximumIndent {
            return ("indented deeper than \(maximumIndent) columns", line)
          }
          continue
        }
        atLineStart = false
      }
      if let open = quote {
        if c == open && !(open == UInt8(ascii: "\"") && previous == UInt8(ascii: "\\")) { quote = nil }
        continue
      }
      let startsToken =
        [0x20, 0x09, 0x0A, UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ","), UInt8(ascii: ":")]
        .contains(previous)
      switch c {
      case UInt8(ascii: "#") where previous == 0x20 || previous == 0x09 || previous == 0x0A:
        comment = true
      case UInt8(ascii: "\""), UInt8(ascii: "'"):
        if startsToken { quote = c }
      case UInt8(ascii: "["), UInt8(ascii: "{"):
        if startsToken || depth > 0 {
          depth += 1
          if depth > maximumDepth { return ("collections nest deeper than \(maximumDepth) levels", line) }
        }
      case UInt8(ascii: "]"), UInt8(ascii: "}"):
        if depth > 0 { depth -= 1 }
      case UInt8(ascii: "*"):
        if startsToken, i + 1 < bytes.count, isAnchorCharacter(bytes[i + 1]) {
          return ("YAML aliases (*name) are not read by beleid", line)
        }
      default:
        break
      }
    }
    return nil
  }

  private static func isAnchorCharacter(_ c: UInt8) -> Bool {
    c > 0x20 && c != UInt8(ascii: ",") && c != UInt8(ascii: "[") && c != UInt8(ascii: "]")
      && c != UInt8(ascii: "{") && c != UInt8(ascii: "}")
  }
}
