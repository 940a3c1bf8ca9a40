import Foundation

/// Where beleid's data lives: resource bundles, the Glossary and the sample
/// Corpus, found at run time so that an installed binary can be moved.
///
/// Each item is looked for, in this order:
/// 1. relative to the executable: `BIN/../share/beleid/NAME` (what
///    `Scripts/install` lays out; symbolic links to the binary are followed);
/// 2. in `$BELEID_HOME/NAME`;
/// 3. in the build tree: beside the executable (where SwiftPM puts resource
///    bundles), then in the source checkout the binary was built from.
///
/// The compile-time source path is only the last resort, so a binary whose
/// checkout has moved finds its installed data or nothing, and says so.
package enum BeleidHome {
  /// The folder `Scripts/install` fills, relative to the binary's folder.
  package static let installedRelativePath = "../share/beleid"

  /// The executable's folder, with symbolic links resolved.
  package static let executableFolder: URL? = {
    if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
      return URL(fileURLWithPath: target).deletingLastPathComponent()
    }
    return Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent()
  }()

  /// The source checkout this binary was built from (it may be gone).
  package static let sourceRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// The installed data folder beside the executable, if there is one.
  package static var installed: URL? {
    guard let folder = executableFolder else { return nil }
    let share = folder.appendingPathComponent(installedRelativePath).standardizedFileURL
    return exists(share) ? share : nil
  }

  /// `$BELEID_HOME`, if set and not empty.
  package static var environment: URL? {
    guard let value = ProcessEnvironment.value("BELEID_HOME") else { return nil }
    return URL(fileURLWithPath: value)
  }

  /// The first existing `name` in the places above; `sourcePath` is its
  /// path in the source checkout (default: `name` at its root).
  ///
  /// - Complexity: a few `stat` calls.
  package static func locate(_ name: String, sourcePath: String? = nil) -> URL? {
    var candidates: [URL] = []
    if let installed { candidates.append(installed.appendingPathComponent(name)) }
    if let environment { candidates.append(environment.appendingPathComponent(name)) }
    if let folder = executableFolder { candidates.append(folder.appendingPathComponent(name)) }
    candidates.append(sourceRoot.appendingPathComponent(sourcePath ?? name))
    return candidates.first(where: exists)
  }

  /// The `Resources` folder of a target's resource bundle.
  ///
  /// The bundle is the one SwiftPM builds (`beleid_TARGET.resources`);
  /// in the source checkout, `Sources/TARGET`.
  package static func resourceFolder(target: String) -> URL? {
    locate("beleid_\(target).resources", sourcePath: "Sources/\(target)")?.appendingPathComponent("Resources")
  }

  private static func exists(_ url: URL) -> Bool {
    FileManager.default.fileExists(atPath: url.path)
  }
}
