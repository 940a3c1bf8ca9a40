import BeleidDocuments
import BeleidIndex
import Foundation

/// The document a command works on: a file, or a document in the index.
enum DocumentInput {
  /// Reads `spec`: a file in any format beleid reads, else a document of
  /// the index (see `resolve(_:in:)`).
  static func load(_ spec: String, index: IndexOptions) throws -> Document {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: spec, isDirectory: &isDirectory) {
      if isDirectory.boolValue { throw CLIError("\(spec) is a folder; give a file or a document id") }
      return try readFile(spec)
    }
    let folder = index.folder
    guard FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent("MANIFEST")) else {
      throw CLIError("no such file: \(spec) (and no index at \(folder) to look it up as a document id)")
    }
    let reader = try IndexReader(folder: folder)
    guard let number = resolve(spec, in: reader) else {
      throw CLIError(
        "no such file, and no document \(spec) in the index at \(folder) "
          + "(give a path as indexed, a JSON Lines id, or the 'document' number search --json prints)")
    }
    return try reader.document(number)
  }

  /// The live document `spec` names, in this order: its key as stored (a
  /// file's absolute path, or `FILE.jsonl#id`, or the `id` alone); a path
  /// relative to the working directory, made absolute as `beleid index`
  /// does; the `document` number of `beleid search --json`.
  static func resolve(_ spec: String, in reader: IndexReader) -> Int? {
    if let number = reader.documentNumber(matching: spec) { return number }
    let absolute = FileCrawler.absolute(spec)
    if absolute != spec, let number = reader.documentNumber(matching: absolute) { return number }
    if let number = Int(spec) { return reader.liveDocument(number: number) }
    return nil
  }

  /// The one document of a file.
  private static func readFile(_ path: String) throws -> Document {
    let file = try SourceFile(path: path)
    guard let reader = DocumentReaders.reader(for: file) else {
      throw CLIError("\(path) is not a document beleid can read (binary or unknown format)")
    }
    var documents: [Document] = []
    do {
      _ = try reader.read(file) { documents.append($0) }
    } catch let error as DocumentError {
      throw CLIError(error.reason == .empty ? "\(path) has no text to work on (the file is empty)" : error.description)
    }
    guard let document = documents.first else { throw CLIError("\(path) has no text to work on") }
    if documents.count > 1 {
      throw CLIError(
        "\(path) holds \(documents.count) documents; index it and give one by its id, e.g. \(documents[0].key.split(separator: "#").last ?? "")"
      )
    }
    return document
  }
}
