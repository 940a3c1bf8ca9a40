import Foundation

/// Reads Markdown with optional YAML front matter (title, date, lang, source, url).
///
/// The body keeps its Markdown, with raw HTML read as text
/// (`readingHTML(in:)`); the title is the front matter's, else the first
/// `#` heading, else the file name.
package struct MarkdownReader: DocumentReader {
  package var format: String { "markdown" }

  /// Creates the reader.
  package init() {}

  package func accepts(_ file: SourceFile) -> Bool {
    ["md", "markdown"].contains(file.pathExtension)
  }

  package func read(_ file: SourceFile, emit: (Document) throws -> Void) throws -> [String] {
    guard let decoded = TextDecoding.decode(try file.bytes()) else { throw DocumentError(path: file.path, .binary) }
    let frontMatter = FrontMatter.split(decoded.text)
    let body = Self.readingHTML(in: frontMatter.body)
    guard body.contains(where: { !$0.isWhitespace }) else { throw DocumentError(path: file.path, .empty) }
    var document = Document(
      key: file.path, path: file.path, title: Self.heading(in: body) ?? file.path.fileStem, body: body, format: format)
    frontMatter.apply(to: &document)
    try emit(document)
    var notes: [String] = []
    if decoded.converted { notes.append("converted from \(decoded.encoding)") }
    if let problem = frontMatter.problem { notes.append(problem) }
    return notes
  }

  /// The text of the first `#` heading.
  static func heading(in body: String) -> String? {
    for line in body.split(whereSeparator: \.isNewline) where line.hasPrefix("#") {
      let text = line.drop(while: { $0 == "#" }).trimmingCharacters(in: .whitespaces)
      if !text.isEmpty { return text }
    }
    return nil
  }
}
