import BeleidAnalysis
import Foundation

/// Reads JSON Lines bulk files: one document per line.
///
/// Each line is an object with `text` and optionally `id`, `title`, `date`,
/// `lang`, `source`, `url`, `path` and `type`; other string fields go to
/// `metadata`. A line that is not such an object is reported with its line
/// number and skipped; the rest of the file is read. The file is streamed,
/// never loaded whole.
package struct JSONLReader: DocumentReader {
  package var format: String { "jsonl" }

  /// Creates the reader.
  package init() {}

  package func accepts(_ file: SourceFile) -> Bool {
    ["jsonl", "ndjson"].contains(file.pathExtension)
  }

  package func read(_ file: SourceFile, emit: (Document) throws -> Void) throws -> [String] {
    guard let handle = FileHandle(forReadingAtPath: file.path) else {
      throw DocumentError(path: file.path, .unreadable("permission denied"))
    }
    defer { try? handle.close() }
    var reader = LineReader(handle: handle)
    var lineNumber = 0
    var bad: [Int] = []
    var documents = 0
    while var line = reader.next() {
      lineNumber += 1
      // A UTF-8 byte order mark, as some editors write, before the first line.
      if lineNumber == 1 && line.starts(with: [0xEF, 0xBB, 0xBF]) { line.removeFirst(3) }
      if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
      guard let object = line.withUnsafeBytes({ JSONScanner.object($0) }),
        case .string(let text) = object["text"]
      else {
        bad.append(lineNumber)
        continue
      }
      func string(_ key: String) -> String? {
        if case .string(let value) = object[key] { return value }
        return nil
      }
      let id: String
      switch object["id"] {
      case .string(let value): id = value
      case .number(let literal): id = Self.numberText(literal)
      default: id = String(lineNumber)
      }
      var document = Document(
        key: "\(file.path)#\(id)", path: file.path, title: string("title") ?? id, body: text, format: format)
      if document.title.isEmpty { document.title = id }
      if let date = string("date"), DocumentDate.days(date) != nil {
        document.date = String(date.prefix(10))
      }
      if let lang = string("lang") { document.language = Language(code: lang) }
      document.source = string("source")
      document.url = string("url")
      for (key, value) in object where !["id", "title", "text", "date", "lang", "source", "url"].contains(key) {
        if case .string(let string) = value { document.metadata[key] = string }
      }
      document.linkCELEX()
      documents += 1
      try emit(document)
    }
    guard documents > 0 || bad.isEmpty else {
      throw DocumentError(path: file.path, line: bad.first, .malformed("no line is a JSON object with a text field"))
    }
    if bad.isEmpty { return [] }
    let shown = bad.prefix(5).map(String.init).joined(separator: ", ")
    return ["skipped \(bad.count) malformed line(s): \(shown)\(bad.count > 5 ? ", …" : "")"]
  }

  /// A numeric id as text: integers as written, other numbers as their value
  /// (1.50 and 15e-1 are both 1.5; 2.0 is 2).
  static func numberText(_ literal: String) -> String {
    if literal.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }) { return literal }
    guard let value = Double(literal) else { return literal }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return String(value)
  }
}

/// Reads a file handle line by line without loading it whole.
package struct LineReader {
  private let handle: FileHandle
  private var buffer: [UInt8] = []
  private var start = 0
  private var finished = false

  /// Creates a reader over `handle`.
  package init(handle: FileHandle) { self.handle = handle }

  /// The next line without its line feed, or nil at the end.
  package mutating func next() -> [UInt8]? {
    while true {
      let newline = buffer.withUnsafeBytes { raw -> Int? in
        guard start < raw.count, let found = memchr(raw.baseAddress! + start, 0x0A, raw.count - start) else {
          return nil
        }
        return raw.baseAddress!.distance(to: UnsafeRawPointer(found))
      }
      if let newline {
        let line = Array(buffer[start..<newline])
        start = newline + 1
        return line
      }
      if finished {
        guard start < buffer.count else { return nil }
        let line = Array(buffer[start...])
        start = buffer.count
        return line
      }
      buffer.removeSubrange(0..<start)
      start = 0
      let chunk = handle.readData(ofLength: 1 << 20)
      if chunk.isEmpty { finished = true } else { buffer.append(contentsOf: chunk) }
    }
  }
}
