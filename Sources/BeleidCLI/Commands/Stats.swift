import ArgumentParser
import BeleidAnalysis
import BeleidDocuments
import BeleidIndex
import Foundation

/// `beleid stats`: what an index holds.
struct Stats: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stats",
    abstract: "Show documents, terms, segments, size and format of the index.")

  @OptionGroup var index: IndexOptions

  @Flag(help: "Check every page of every file against its checksum.")
  var check = false

  @Flag(help: "Print JSON.")
  var json = false

  struct Report: Codable {
    var folder: String
    var documents: Int
    var deletedDocuments: Int
    var terms: Int
    var segments: Int
    var bytes: Int
    var formatVersion: Int
    var generation: UInt64
    var committed: String
    var analyzers: String
    var analysisFingerprint: String
    var files: Int
    var checked: Bool
  }

  func run() throws {
    let report = try runCatching { () throws -> Report in
      let reader = try IndexReader(folder: index.folder)
      if check { try reader.verify() }
      return Report(
        folder: index.folder, documents: reader.liveDocumentCount,
        deletedDocuments: reader.documentCount - reader.liveDocumentCount, terms: reader.termCount,
        segments: reader.segments.count, bytes: reader.byteCount, formatVersion: reader.manifest.formatVersion,
        generation: reader.manifest.generation, committed: reader.manifest.committed,
        analyzers: reader.manifest.analyzers, analysisFingerprint: reader.manifest.analysis,
        files: try reader.catalog().files.count, checked: check)
    }
    if json {
      print(try encodeJSON(report))
      return
    }
    print("index: \(report.folder)")
    print("documents: \(report.documents) (\(report.deletedDocuments) deleted, not yet merged away)")
    print("files: \(report.files)")
    print("terms: \(report.terms) (summed over segments)")
    print("segments: \(report.segments)")
    print(String(format: "size: %.1f MB", Double(report.bytes) / 1_000_000))
    print("format version: \(report.formatVersion), commit \(report.generation) at \(report.committed)")
    print("analyzers: \(report.analyzers)")
    if check { print("checksums: every page checked, all match") }
  }
}

/// `beleid remove`: drop the documents of files or folders from the index.
struct Remove: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "remove", abstract: "Remove the documents of files or folders from the index.")

  @OptionGroup var index: IndexOptions

  @Argument(help: "Files or folders, as they were indexed.")
  var paths: [String]

  func run() throws {
    let removal = try runCatching { () throws -> IndexWriter.Removal in
      guard FileManager.default.fileExists(atPath: (index.folder as NSString).appendingPathComponent("MANIFEST")) else {
        throw CLIError("no index at \(index.folder); give --index DIR")
      }
      let writer = try IndexWriter(folder: index.folder)
      return try writer.remove(paths: paths)
    }
    for path in removal.unmatched {
      printError(
        "warning: \(path) (\(FileCrawler.absolute(path))) matches no indexed file or folder; "
          + "paths are resolved from the working directory, as when indexing")
    }
    print("removed \(removal.documents) document(s)")
    if removal.unmatched.count == paths.count { throw ExitCode(1) }
  }
}
