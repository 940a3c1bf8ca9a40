/// Reads plain text files: the whole file is the body.
///
/// It also takes files with an unknown extension whose bytes look like text.
/// The title is the first non-empty line when it is short, else the file name.
public struct PlainTextReader: DocumentReader {
  public var format: String { "text" }

  /// Creates the reader.
  public init() {}

  public func accepts(_ file: SourceFile) -> Bool {
    if ["txt", "text"].contains(file.pathExtension) { return true }
    let known = ["md", "markdown", "jsonl", "ndjson", "html", "htm", "xml", "pdf", "docx", "odt"]
    return !known.contains(file.pathExtension) && !file.head.isEmpty && !TextDecoding.looksBinary(file.head[...])
  }

  public func read(_ file: SourceFile, emit: (Document) throws -> Void) throws -> [String] {
    let bytes = try file.bytes()
    guard let decoded = TextDecoding.decode(bytes) else { throw DocumentError(path: file.path, .binary) }
    let frontMatter = FrontMatter.split(decoded.text)
    let body = frontMatter.body
    guard body.contains(where: { !$0.isWhitespace }) else { throw DocumentError(path: file.path, .empty) }
    var document = Document(
      key: file.path, path: file.path, title: Self.title(of: body) ?? file.path.fileStem, body: body,
      format: format)
    frontMatter.apply(to: &document)
    try emit(document)
    return decoded.converted ? ["converted from \(decoded.encoding)"] : []
  }

  /// The first non-empty line, if it is short enough to be a title.
  static func title(of body: String) -> String? {
    guard let line = body.split(whereSeparator: \.isNewline).first(where: { !$0.allSatisfy(\.isWhitespace) })
    else { return nil }
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    return trimmed.count <= 120 ? trimmed : nil
  }
}

import Foundation
