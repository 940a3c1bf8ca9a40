import ArgumentParser
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
    if let environment = ProcessInfo.processInfo.environment["BELEID_INDEX"], !environment.isEmpty {
      return environment
    }
    return ".beleid"
  }

  /// Whether the user chose the folder (option or environment).
  var isExplicit: Bool {
    path != nil || !(ProcessInfo.processInfo.environment["BELEID_INDEX"] ?? "").isEmpty
  }
}
