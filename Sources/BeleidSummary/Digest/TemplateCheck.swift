/// Checks a user's Mustache template against beleid's limits before the
/// Mustache parser sees it.
///
/// swift-mustache parses sections recursively and its time grows with the
/// square of the tag count, so a template nested 3,000 deep overflows the
/// stack and one of 50,000 tags runs for minutes. The limits are far above
/// what a digest template needs (the bundled ones have at most 51 tags and
/// nest 3 deep).
///
/// - Complexity: O(*n*) in the template's size.
enum TemplateCheck {
  /// The largest template, in bytes.
  static let maximumBytes = 256 << 10
  /// The most tags (`{{…}}`) a template may hold.
  static let maximumTags = 2_000
  /// How deep sections (`{{#…}}`, `{{^…}}`, `{{$…}}`, `{{<…}}`) may nest.
  static let maximumDepth = 32

  /// Throws `SummaryError`, naming the line, for a template over a limit.
  static func check(_ text: String, file: String) throws {
    let bytes = Array(text.utf8)
    guard bytes.count <= maximumBytes else {
      throw SummaryError(
        "the template is \(bytes.count >> 10) KiB; templates may be at most \(maximumBytes >> 10) KiB", file: file)
    }
    var open = Array("{{".utf8)
    var close = Array("}}".utf8)
    var line = 1
    var tags = 0
    var depth = 0
    var i = 0
    func matches(_ needle: [UInt8], at index: Int) -> Bool {
      index + needle.count <= bytes.count && bytes[index..<(index + needle.count)].elementsEqual(needle)
    }
    while i < bytes.count {
      if bytes[i] == UInt8(ascii: "\n") { line += 1 }
      guard matches(open, at: i) else {
        i += 1
        continue
      }
      var end = i + open.count
      while end < bytes.count && !matches(close, at: end) {
        if bytes[end] == UInt8(ascii: "\n") { line += 1 }
        end += 1
      }
      // An unclosed tag is the Mustache parser's to report.
      guard end < bytes.count else { return }
      let content = bytes[(i + open.count)..<end].drop { $0 == 0x20 }
      let tagEnd = end + close.count
      let defaultDelimiters = open == Array("{{".utf8)
      tags += 1
      if tags > maximumTags {
        throw SummaryError("the template has more than \(maximumTags) tags", file: file, line: line)
      }
      switch content.first {
      case UInt8(ascii: "#"), UInt8(ascii: "^"), UInt8(ascii: "$"), UInt8(ascii: "<"):
        depth += 1
        if depth > maximumDepth {
          throw SummaryError("sections nest more than \(maximumDepth) deep", file: file, line: line)
        }
      case UInt8(ascii: "/"):
        depth = max(0, depth - 1)
      case UInt8(ascii: "="):
        // {{=<% %>=}} sets new delimiters.
        let inner = content.dropFirst().reversed().drop { $0 == 0x20 }.reversed()
        let parts = (inner.last == UInt8(ascii: "=") ? Array(inner.dropLast()) : Array(inner))
          .split(separator: 0x20)
        if parts.count == 2 {
          open = Array(parts[0])
          close = Array(parts[1])
        }
      default:
        break
      }
      i = tagEnd
      // A triple mustache {{{name}}} ends with one more brace.
      if defaultDelimiters && content.first == UInt8(ascii: "{") && i < bytes.count && bytes[i] == UInt8(ascii: "}") {
        i += 1
      }
    }
  }
}
