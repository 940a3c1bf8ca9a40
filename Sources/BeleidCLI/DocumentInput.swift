import BeleidDocuments
import BeleidIndex
import Foundation

/// The document a command works on: a file, or a document in the index.
enum DocumentInput {
  /// Reads `spec`: a file in any format beleid reads, else a document of
  /// the index by key, bulk-file id or path.
  static func load(_ spec: String, index: IndexOptions) throws -> Document {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: spec, isDirectory: &isDirectory) {
      if isDirectory.boolValue { throw CLIError("\(spec) is a folder; give a file or a document id") }
      let file = try SourceFile(path: spec)
      guard let reader = DocumentReaders.reader(for: file) else {
        throw CLIError("\(spec) is not a document beleid can read (binary or unknown format)")
      }
      var documents: [Document] = []
      do {
        _ = try reader.read(file) { documents.append($0) }
      } catch let error as DocumentError {
        throw CLIError(
          error.reason == .empty ? "\(spec) has no text to work on (the file is empty)" : error.description)
      }
      guard let document = documents.first else { throw CLIError("\(spec) has no text to work on") }
      if documents.count > 1 {
        throw CLIError(
          "\(spec) holds \(documents.count) documents; index it and give one by its id, e.g. \(documents[0].key.split(separator: "#").last ?? "")"
        )
      }
      return document
    }
    let folder = index.folder
    guard FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent("MANIFEST")) else {
      throw CLIError("no such file: \(spec) (and no index at \(folder) to look it up as a document id)")
    }
    let reader = try IndexReader(folder: folder)
    guard let number = reader.documentNumber(matching: spec) else {
      throw CLIError("no such file, and no document with id \(spec) in the index at \(folder)")
    }
    return try reader.document(number)
  }
}
