import Foundation

/// One file to read: its path and a way to get its bytes.
package struct SourceFile: Sendable {
  /// The path as given or found while walking a folder.
  package var path: String
  /// The size in bytes.
  package var size: Int
  /// The first bytes (up to 4 KiB), for sniffing the format.
  package var head: [UInt8]

  /// Opens `path` and reads its first bytes.
  package init(path: String) throws {
    self.path = path
    let attributes: [FileAttributeKey: Any]
    do {
      attributes = try FileManager.default.attributesOfItem(atPath: path)
    } catch {
      throw DocumentError(path: path, .unreadable("no such file"))
    }
    size = (attributes[.size] as? NSNumber)?.intValue ?? 0
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw DocumentError(path: path, .unreadable("permission denied"))
    }
    defer { try? handle.close() }
    head = [UInt8]((try? handle.read(upToCount: 4096)) ?? Data())
  }

  /// The file's extension, lower-cased, without the dot.
  package var pathExtension: String { (path as NSString).pathExtension.lowercased() }

  /// All of the file's bytes.
  package func bytes() throws -> [UInt8] {
    guard let bytes = FileBytes.read(path) else {
      throw DocumentError(path: path, .unreadable("permission denied"))
    }
    return bytes
  }
}

/// Reads one file format into documents.
///
/// Adding a format is one file: a type conforming to this protocol, listed
/// in `DocumentReaders.all`.
package protocol DocumentReader: Sendable {
  /// The format's name as reported in summaries: "markdown", "pdf".
  var format: String { get }
  /// Whether this reader takes the file, by extension and by its first bytes.
  func accepts(_ file: SourceFile) -> Bool
  /// Reads the file, calling `emit` for each document; returns notes about
  /// the reading (an encoding conversion, lines skipped) for the summary.
  func read(_ file: SourceFile, emit: (Document) throws -> Void) throws -> [String]
}

/// The readers beleid knows, in the order they are asked.
package enum DocumentReaders {
  /// Every reader; the first that accepts a file reads it.
  ///
  /// Formats are detected by content where they have a signature (%PDF, a
  /// zip, an XML declaration, HTML tags) and by extension otherwise; any
  /// other file that is text is read as plain text (a file named .pdf that
  /// holds text, say), and binary files are skipped.
  package static let all: [any DocumentReader] = [
    JSONLReader(), PDFReader(), OfficeReader(.docx), OfficeReader(.odt), XMLReader(), HTMLReader(), MarkdownReader(),
    PlainTextReader(),
  ]

  /// The reader for a file, or nil when no reader takes it (binary, unknown).
  package static func reader(for file: SourceFile) -> (any DocumentReader)? {
    all.first { $0.accepts(file) }
  }
}

extension String {
  /// The file name without folders and extension: a last-resort title.
  var fileStem: String {
    ((self as NSString).lastPathComponent as NSString).deletingPathExtension
  }
}
