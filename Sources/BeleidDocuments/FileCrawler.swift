import Foundation

/// Finds the files under the paths a user gives, in a stable order.
///
/// Folders are walked recursively; hidden files and folders (a leading dot)
/// and the folders in `excluding` (the index itself) are skipped, and
/// symbolic links to folders are not followed, so a link loop cannot hang a
/// run. A path that does not exist is reported, not fatal.
package struct FileCrawler: Sendable {
  /// Folders never entered, as absolute paths.
  package var excluding: Set<String>

  /// Creates a crawler that skips `excluding`.
  package init(excluding: [String] = []) {
    self.excluding = Set(excluding.map(Self.absolute))
  }

  /// The files under `paths`, sorted, and the paths that do not exist.
  package func files(under paths: [String]) -> (files: [String], missing: [String]) {
    var files: [String] = []
    var missing: [String] = []
    let manager = FileManager.default
    for path in paths {
      var isDirectory: ObjCBool = false
      guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
        missing.append(path)
        continue
      }
      if !isDirectory.boolValue {
        files.append(path)
        continue
      }
      walk(path, into: &files)
    }
    return (files.sorted(), missing)
  }

  private func walk(_ folder: String, into files: inout [String]) {
    guard !excluding.contains(Self.absolute(folder)) else { return }
    let manager = FileManager.default
    guard let names = try? manager.contentsOfDirectory(atPath: folder) else { return }
    for name in names.sorted() where !name.hasPrefix(".") {
      let path = (folder as NSString).appendingPathComponent(name)
      guard let attributes = try? manager.attributesOfItem(atPath: path) else {
        files.append(path)  // Unreadable: let the reader report it.
        continue
      }
      let type = attributes[.type] as? FileAttributeType
      if type == .typeDirectory {
        walk(path, into: &files)
      } else if type == .typeRegular {
        files.append(path)
      } else if type == .typeSymbolicLink {
        // Links to files are read; a link to nothing is passed on so the
        // run reports it; links to folders are not followed.
        var isDirectory: ObjCBool = false
        if !manager.fileExists(atPath: path, isDirectory: &isDirectory) || !isDirectory.boolValue {
          files.append(path)
        }
      }
    }
  }

  /// An absolute, standardised path.
  package static func absolute(_ path: String) -> String {
    let url = URL(fileURLWithPath: path)
    return url.standardizedFileURL.path
  }
}
