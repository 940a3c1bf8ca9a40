import BeleidAnalysis
import Foundation
import Yams

/// YAML front matter: a `---` line, YAML, a `---` line, then the body.
///
/// Known keys fill the document's fields (title, date, lang, source, url);
/// the rest go to `metadata` as strings.
struct FrontMatter {
  /// The parsed keys, or empty when there is no front matter.
  var fields: [String: String] = [:]
  /// The text after the front matter.
  var body: String
  /// A problem with the YAML, if any; the text is then read as body.
  var problem: String?

  /// Splits `text` into front matter and body.
  static func split(_ text: String) -> FrontMatter {
    var rest = Substring(text)
    if rest.hasPrefix("\u{FEFF}") { rest = rest.dropFirst() }
    guard rest.hasPrefix("---\n") || rest.hasPrefix("---\r\n") else { return FrontMatter(body: String(rest)) }
    let afterOpen = rest.drop(while: { $0 != "\n" }).dropFirst()
    guard let close = afterOpen.range(of: "\n---", options: []) else { return FrontMatter(body: String(rest)) }
    let yaml = String(afterOpen[..<close.lowerBound])
    var body = afterOpen[close.upperBound...]
    body = body.drop(while: { $0 != "\n" }).dropFirst()
    if let (message, line) = YAMLLimits.problem(in: yaml) {
      return FrontMatter(body: String(body), problem: "front matter line \(line + 1): \(message)")
    }
    do {
      guard let object = try Yams.load(yaml: yaml) as? [String: Any] else {
        return FrontMatter(body: String(body), problem: "front matter is not a mapping")
      }
      var fields: [String: String] = [:]
      for (key, value) in object {
        if let date = value as? Date {
          fields[key] = DocumentDate.string(Int32((date.timeIntervalSince1970 / 86_400).rounded(.down)))
        } else if let text = value as? String {
          fields[key] = text
        } else if value is [Any] || value is [String: Any] {
          continue
        } else {
          fields[key] = "\(value)"
        }
      }
      return FrontMatter(fields: fields, body: String(body))
    } catch {
      return FrontMatter(body: String(body), problem: "front matter is not valid YAML")
    }
  }

  /// Copies the known keys into the document and the rest into `metadata`.
  func apply(to document: inout Document) {
    for (key, value) in fields {
      switch key {
      case "title": if !value.isEmpty { document.title = value }
      case "date": document.date = DocumentDate.days(value) != nil ? String(value.prefix(10)) : document.date
      case "lang", "language": document.language = Language(code: value)
      case "source": document.source = value
      case "url": document.url = value
      default: document.metadata[key] = value
      }
    }
    document.linkCELEX()
  }
}
