import BeleidDocuments
import Foundation

/// An XML element with its children and the line it starts on: enough of
/// a DOM to read TBX.
final class XMLTree {
  let name: String
  let attributes: [String: String]
  let line: Int
  private(set) var children: [XMLTree] = []
  /// The element's own text, its children's left out.
  private(set) var ownText = ""

  init(name: String, attributes: [String: String], line: Int) {
    self.name = name
    self.attributes = attributes
    self.line = line
  }

  /// Adds a child (for regrouping).
  func append(_ child: XMLTree) { children.append(child) }

  /// The name without a namespace prefix: `termNote` for `min:termNote`.
  var localName: Substring { name.split(separator: ":").last ?? Substring(name) }

  /// All text inside the element, children included, trimmed.
  var text: String {
    var out = ownText
    for child in children { out += child.text }
    return out.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// The attribute `type`.
  var type: String? { attributes["type"] }

  /// The element's language: `xml:lang`, or `lang` as some tools write.
  var language: String? { attributes["xml:lang"] ?? attributes["lang"] }

  /// The first child with a local name.
  func child(_ name: String) -> XMLTree? { children.first { $0.localName == name } }

  /// Every child with a local name.
  func children(_ name: String) -> [XMLTree] { children.filter { $0.localName == name } }

  /// Parses a document into its root element.
  ///
  /// - Throws: `GlossaryError` with the line of the first well-formedness
  ///   problem.
  static func parse(_ text: String, file: String) throws -> XMLTree {
    var stack: [XMLTree] = []
    var root: XMLTree?
    do {
      try XMLScanner.scan(text) { event, line in
        switch event {
        case .start(let name, let attributes):
          let node = XMLTree(name: name, attributes: attributes, line: line)
          if let parent = stack.last { parent.children.append(node) } else { root = node }
          stack.append(node)
        case .end:
          stack.removeLast()
        case .text(let text):
          stack.last?.ownText += text
        }
      }
    } catch let failure as XMLScanner.Failure {
      throw GlossaryError("not well-formed XML: \(failure.message)", file: file, line: failure.line)
    }
    guard let root else { throw GlossaryError("no XML root element", file: file, line: 1) }
    return root
  }
}

extension String {
  /// The text escaped for XML and HTML content and attribute values
  /// (& < > and the double quote).
  package var xmlEscaped: String {
    var out = ""
    out.reserveCapacity(utf8.count)
    for character in self {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      default: out.append(character)
      }
    }
    return out
  }
}
