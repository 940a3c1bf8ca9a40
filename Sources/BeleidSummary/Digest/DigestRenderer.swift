import BeleidAnalysis
import Foundation
import Mustache

/// Renders a `Digest` as Markdown, HTML, plain text or JSON.
///
/// Markdown, HTML and text come from Mustache templates: the bundled ones in
/// `Resources/Templates`, or a user's own. In the bundled Markdown template,
/// `{{% CONTENT_TYPE: MARKDOWN}}` escapes values for Markdown; in the HTML
/// one, values are HTML-escaped as Mustache does by default, and the
/// `…HTML` fields, escaped already, are used with triple braces.
package enum DigestRenderer {
  /// An output format.
  package enum Format: String, Sendable, CaseIterable {
    case markdown
    case html
    case text
    case json

    /// The bundled template's file name.
    var templateName: String {
      "digest.\(rawValue == "markdown" ? "md" : rawValue == "text" ? "txt" : rawValue).mustache"
    }
  }

  /// `text` with the characters Markdown would read as formatting escaped.
  package static func escapeMarkdown(_ text: String) -> String {
    var out = ""
    for character in text {
      if "\\`*_[]<>|#".contains(character) { out.append("\\") }
      out.append(character)
    }
    // What would open a list or a rule at the start of a line: "5. ", "5) ",
    // "- ", "+ ", "= " (a value may start a line in a template).
    if let marker = out.range(of: #"^\d{1,9}(?=[.)](\s|$))"#, options: .regularExpression) {
      out.insert("\\", at: marker.upperBound)
    } else if let first = out.first, "-+=".contains(first), out.dropFirst().first.map(\.isWhitespace) ?? true {
      out.insert("\\", at: out.startIndex)
    }
    return out
  }

  /// Mustache's `{{% CONTENT_TYPE: MARKDOWN}}`.
  struct MarkdownContentType: MustacheContentType {
    func escapeText(_ text: String) -> String { DigestRenderer.escapeMarkdown(text) }
  }

  private static let registered: Bool = {
    MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
    return true
  }()

  /// The bundled template's text for `format` (not JSON).
  package static func bundledTemplate(_ format: Format) throws -> String {
    guard
      let url = BeleidHome.resourceFolder(target: "BeleidSummary")?.appendingPathComponent("Templates")
        .appendingPathComponent(format.templateName),
      let text = try? String(contentsOf: url, encoding: .utf8)
    else { throw SummaryError("the bundled \(format.rawValue) template is missing from the installation") }
    return text
  }

  /// A template parsed, or an error naming its line.
  ///
  /// - Throws: `SummaryError` for a template over `TemplateCheck`'s limits
  ///   (size, tag count, nesting) or one Mustache cannot parse.
  package static func template(_ text: String, file: String) throws -> MustacheTemplate {
    _ = registered
    try TemplateCheck.check(text, file: file)
    do {
      return try MustacheTemplate(string: text)
    } catch let error as MustacheTemplate.ParserError {
      throw SummaryError(
        "template error: \(describe(error.error)) at column \(error.context.columnNumber): \(error.context.line.trimmingCharacters(in: .whitespaces))",
        file: file, line: error.context.lineNumber)
    }
  }

  /// `digest` rendered in `format`, with `template` (a template's text and
  /// its file name) instead of the bundled one.
  package static func render(_ digest: Digest, format: Format, template: (text: String, file: String)? = nil) throws
    -> String
  {
    if format == .json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      return String(decoding: try encoder.encode(digest), as: UTF8.self) + "\n"
    }
    let text = try template?.text ?? bundledTemplate(format)
    let parsed = try Self.template(text, file: template?.file ?? format.templateName)
    return parsed.render(digest)
  }

  private static func describe(_ error: any Error) -> String {
    guard let error = error as? MustacheTemplate.Error else { return "\(error)" }
    switch error {
    case .sectionCloseNameIncorrect: return "a section is closed with a different name than it was opened with"
    case .unfinishedName: return "a tag is not finished (missing }})"
    case .expectedSectionEnd: return "a section is never closed ({{/name}} missing)"
    case .invalidSetDelimiter: return "a set-delimiter tag is malformed"
    case .transformAppliedToInheritanceSection: return "a transform is applied to an inheritance section"
    case .illegalTokenInsideInheritSection: return "an illegal tag inside an inherit section"
    case .textInsideInheritSection: return "text inside an inherit section"
    case .invalidConfigVariableSyntax: return "a {{% … }} pragma is malformed"
    case .unrecognisedConfigVariable: return "an unknown {{% … }} pragma"
    }
  }
}
