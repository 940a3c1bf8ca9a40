import Foundation

/// Reads plain text files: the whole file is the body.
///
/// It also takes any other file whose bytes look like text (an unknown
/// extension, or a .pdf that is really text). The title is the first
/// non-empty line when it is short, else the file name. Files over
/// `streamingThreshold` are read in chunks of about 8 MB, cut at line ends,
/// each chunk a document of its own (path#part-N), so memory stays bounded.
package struct PlainTextReader: DocumentReader {
  package var format: String { "text" }
  /// Files larger than this are streamed in parts.
  package static let streamingThreshold = 16 << 20
  /// The size of a streamed part.
  package static let partSize = 8 << 20

  /// Creates the reader.
  package init() {}

  package func accepts(_ file: SourceFile) -> Bool {
    if file.size == 0 { return ["txt", "text"].contains(file.pathExtension) }
    return !TextDecoding.looksBinary(file.head[...])
  }

  package func read(_ file: SourceFile, emit: (Document) throws -> Void) throws -> [String] {
    let utf16 = file.head.starts(with: [0xFF, 0xFE]) || file.head.starts(with: [0xFE, 0xFF])
    if file.size > Self.streamingThreshold && !utf16 { return try stream(file, emit: emit) }
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

  /// Reads a large file part by part.
  private func stream(_ file: SourceFile, emit: (Document) throws -> Void) throws -> [String] {
    guard let handle = FileHandle(forReadingAtPath: file.path) else {
      throw DocumentError(path: file.path, .unreadable("permission denied"))
    }
    defer { try? handle.close() }
    var carry: [UInt8] = []
    var part = 0
    var title: String?
    var encodings = Set<String>()
    while true {
      let chunk = handle.readData(ofLength: Self.partSize)
      var bytes = carry
      bytes.append(contentsOf: chunk)
      carry = []
      if bytes.isEmpty { break }
      if !chunk.isEmpty, let cut = bytes.lastIndex(of: 0x0A), cut > bytes.count / 2 {
        carry = Array(bytes[(cut + 1)...])
        bytes.removeSubrange((cut + 1)...)
      }
      if part == 0 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
      guard let decoded = TextDecoding.decode(bytes) else { throw DocumentError(path: file.path, .binary) }
      encodings.insert(decoded.encoding)
      part += 1
      if title == nil { title = Self.title(of: decoded.text) ?? file.path.fileStem }
      try emit(
        Document(
          key: "\(file.path)#part-\(part)", path: file.path, title: "\(title ?? file.path.fileStem) (part \(part))",
          body: decoded.text, format: format))
      if chunk.isEmpty { break }
    }
    var notes = ["streamed in \(part) parts of about \(Self.partSize >> 20) MB"]
    if encodings.contains("windows-1252") { notes.append("converted from windows-1252") }
    return notes
  }

  /// The first non-empty line, if it is short enough to be a title.
  static func title(of body: String) -> String? {
    guard let line = body.split(whereSeparator: \.isNewline).first(where: { !$0.allSatisfy(\.isWhitespace) })
    else { return nil }
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    return trimmed.count <= 120 ? trimmed : nil
  }
}
