import Foundation

/// Compares output with a file under `Tests/Snapshots`.
///
/// Run the tests with `BELEID_UPDATE_SNAPSHOTS=1` to write the files
/// afresh, then read the diff before committing it.
package enum Snapshot {
  /// The folder of snapshot files, in the source tree.
  package static let folder: URL = SharedData.packageRoot.appendingPathComponent("Tests/Snapshots")

  /// What differs between `text` and the snapshot `name`, or nil.
  ///
  /// The answer is the test's failure message. Writes the snapshot when asked to update.
  package static func mismatch(_ text: String, named name: String) -> String? {
    let url = folder.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["BELEID_UPDATE_SNAPSHOTS"] == "1" {
      try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try? text.write(to: url, atomically: true, encoding: .utf8)
      return nil
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
      return "no snapshot \(name); run with BELEID_UPDATE_SNAPSHOTS=1 to write it"
    }
    guard expected != text else { return nil }
    let got = text.split(separator: "\n", omittingEmptySubsequences: false)
    let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let line = zip(got, want).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(got.count, want.count)
    let wanted = line < want.count ? String(want[line]) : "(end)"
    let found = line < got.count ? String(got[line]) : "(end)"
    return "\(name) differs at line \(line + 1):\n  expected: \(wanted)\n  got:      \(found)"
  }
}
