import ArgumentParser
import BeleidAnalysis
import BeleidIndex
import Foundation

/// The `--index` option every command that opens an index shares.
struct IndexOptions: ParsableArguments {
  @Option(
    name: .customLong("index"),
    help: ArgumentHelp(
      "The index folder (default: $BELEID_INDEX, else .beleid in the working directory).", valueName: "dir"))
  var path: String?

  /// The folder to use.
  var folder: String {
    if let path { return path }
    if let environment = ProcessEnvironment.value("BELEID_INDEX") {
      return environment
    }
    return ".beleid"
  }

  /// Whether the user chose the folder (option or environment).
  var isExplicit: Bool {
    path != nil || ProcessEnvironment.value("BELEID_INDEX") != nil
  }
}

extension IndexOptions {
  /// The index to search; builds the bundled Corpus's when there is none
  /// and the user did not name a folder.
  func openOrBuildBundled() throws -> IndexReader {
    let manifest = (folder as NSString).appendingPathComponent("MANIFEST")
    if !FileManager.default.fileExists(atPath: manifest) && !isExplicit {
      guard let corpus = BundledCorpus.path else {
        throw CLIError("no index at \(folder) and no bundled Corpus found; run: beleid index PATH…")
      }
      let writer = try IndexWriter(folder: folder)
      let summary = try writer.index(paths: BundledCorpus.documentFolders(corpus))
      printError("No index yet: indexed the bundled Corpus (\(summary.documentsAdded) documents) into \(folder).")
    }
    return try IndexReader(folder: folder)
  }
}
