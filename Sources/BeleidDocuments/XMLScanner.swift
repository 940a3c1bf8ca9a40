import Foundation

/// A small, strict XML scanner: start tags with attributes, end tags and
/// text, with entities decoded.
///
/// beleid does not use Foundation's `XMLParser` on Linux: on this
/// toolchain it dereferences a null pointer on some valid files (Rechtspraak
/// rulings, in our tests), and a reader must never crash. This scanner
/// handles comments, CDATA, processing instructions and a DOCTYPE, and
/// reports a mismatched or unclosed element with its line number.
///
/// - Complexity: O(*n*) in the size of the document.
package struct XMLScanner {
  /// What the scanner meets, in document order.
  package enum Event: Sendable {
    case start(name: String, attributes: [String: String])
    case end(name: String)
    case text(String)
  }

  /// A well-formedness problem and the line it is on.
  package struct Failure: Error, Sendable {
    package var message: String
    package var line: Int
  }

  /// How deep elements may nest.
  package static let maximumDepth = 256

  /// XML's predefined entities.
  static let predefinedEntities: [Substring: String] = [
    "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'",
  ]

  /// `text` with its entity and character references replaced.
  ///
  /// - Throws: `Failure` for an entity other than XML's five, and for a
  ///   character reference to a character XML does not allow (`&#0;`,
  ///   a surrogate, a value past U+10FFFF).
  static func decodeEntities(_ text: String, line: Int) throws -> String {
    guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
    var result = ""
    var rest = Substring(text)
    while let ampersand = rest.firstIndex(of: "&") {
      result += rest[..<ampersand]
      let after = rest[rest.index(after: ampersand)...]
      let name = after.prefix { $0 != ";" && !$0.isWhitespace && $0 != "&" && $0 != "<" }
      guard !name.isEmpty, name.endIndex < after.endIndex, after[name.endIndex] == ";" else {
        // A bare ampersand: not well-formed, but common and harmless.
        result += "&"
        rest = after
        continue
      }
      if name.hasPrefix("#") {
        let digits = name.dropFirst()
        let value = digits.hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
        guard let value, let scalar = Unicode.Scalar(value), isXMLCharacter(scalar) else {
          throw Failure(message: "&\(name); is not a character XML allows", line: line)
        }
        result.unicodeScalars.append(scalar)
      } else if let replacement = predefinedEntities[name] {
        result += replacement
      } else {
        throw Failure(
          message:
            "undeclared entity &\(name.prefix(40)); (beleid reads XML's five entities only and never expands DTD entities)",
          line: line)
      }
      rest = after[after.index(after: name.endIndex)...]
    }
    return result + rest
  }

  /// Whether XML 1.0 allows `scalar` in a document.
  static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
    default: false
    }
  }

  /// Calls `body` for each event of `text`.
  package static func scan(_ text: String, _ body: (Event) -> Void) throws {
    try scan(text) { event, _ in body(event) }
  }

  /// Calls `body` for each event of `text` and the line it starts on.
  package static func scan(_ text: String, _ body: (Event, _ line: Int) -> Void) throws {
    let scalars = Array(text.unicodeScalars)
    var i = 0
    var line = 1
    var stack: [String] = []
    var textStart = 0
    var sawRoot = false

    func countLines(_ from: Int, _ to: Int) {
      for k in from..<min(to, scalars.count) where scalars[k] == "\n" { line += 1 }
    }
    func flushText(upTo end: Int) throws {
      guard end > textStart, !stack.isEmpty else { return }
      let raw = String(String.UnicodeScalarView(scalars[textStart..<end]))
      body(.text(try decodeEntities(raw, line: line)), line)
    }
    func find(_ needle: String, from: Int) -> Int? {
      let target = Array(needle.unicodeScalars)
      var k = from
      while k + target.count <= scalars.count {
        if scalars[k] == target[0] && Array(scalars[k..<(k + target.count)]) == target { return k }
        k += 1
      }
      return nil
    }

    while i < scalars.count {
      guard scalars[i] == "<" else {
        i += 1
        continue
      }
      try flushText(upTo: i)
      countLines(textStart, i)
      let lineHere = line
      if i + 3 < scalars.count, scalars[i + 1] == "!", scalars[i + 2] == "-", scalars[i + 3] == "-" {
        guard let end = find("-->", from: i + 4) else { throw Failure(message: "unclosed comment", line: lineHere) }
        countLines(i, end)
        i = end + 3
      } else if let end = scalars[(i + 1)...].starts(with: Array("![CDATA[".unicodeScalars))
        ? find("]]>", from: i + 9) : nil
      {
        if !stack.isEmpty { body(.text(String(String.UnicodeScalarView(scalars[(i + 9)..<end]))), lineHere) }
        countLines(i, end)
        i = end + 3
      } else if i + 1 < scalars.count && (scalars[i + 1] == "?" || scalars[i + 1] == "!") {
        // A processing instruction or a DOCTYPE (with an internal subset).
        var depth = 0
        var k = i + 1
        while k < scalars.count {
          if scalars[k] == "[" {
            depth += 1
          } else if scalars[k] == "]" {
            depth -= 1
          } else if scalars[k] == ">" && depth <= 0 {
            break
          }
          k += 1
        }
        guard k < scalars.count else { throw Failure(message: "unclosed declaration", line: lineHere) }
        countLines(i, k)
        i = k + 1
      } else {
        // A tag: find its end outside quoted attribute values.
        var k = i + 1
        var quote: Unicode.Scalar?
        while k < scalars.count {
          let c = scalars[k]
          if let q = quote {
            if c == q { quote = nil }
          } else if c == "\"" || c == "'" {
            quote = c
          } else if c == ">" {
            break
          }
          k += 1
        }
        guard k < scalars.count else { throw Failure(message: "unclosed tag", line: lineHere) }
        let inner = String(String.UnicodeScalarView(scalars[(i + 1)..<k]))
        countLines(i, k)
        i = k + 1
        if inner.hasPrefix("/") {
          let name = inner.dropFirst().trimmingCharacters(in: .whitespacesAndNewlines)
          guard let open = stack.last else {
            throw Failure(message: "end tag </\(name)> with no element open", line: lineHere)
          }
          guard open == name else { throw Failure(message: "</\(name)> closes <\(open)>", line: lineHere) }
          stack.removeLast()
          body(.end(name: name), lineHere)
        } else {
          let selfClosing = inner.hasSuffix("/")
          let content = selfClosing ? String(inner.dropLast()) : inner
          let name = String(content.prefix { !$0.isWhitespace })
          guard !name.isEmpty else { throw Failure(message: "a tag without a name", line: lineHere) }
          if stack.isEmpty && sawRoot { throw Failure(message: "more than one root element", line: lineHere) }
          sawRoot = true
          var attributes = HTMLText.parseAttributes(content)
          for (key, value) in attributes { attributes[key] = try decodeEntities(value, line: lineHere) }
          if !selfClosing && stack.count >= maximumDepth {
            throw Failure(message: "elements nest deeper than \(maximumDepth) levels", line: lineHere)
          }
          body(.start(name: name, attributes: attributes), lineHere)
          if selfClosing { body(.end(name: name), lineHere) } else { stack.append(name) }
        }
      }
      textStart = i
    }
    if let open = stack.last { throw Failure(message: "<\(open)> is never closed", line: line) }
    if !sawRoot { throw Failure(message: "no root element", line: 1) }
  }
}
