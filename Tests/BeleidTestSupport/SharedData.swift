import BeleidAnalysis
import Foundation

/// Where the shared development data lives.
///
/// That is `../shared/data` beside the package. Tests that need it are
/// enabled only when it is there, so the suite passes without it and says
/// what it skipped.
package enum SharedData {
  /// The package's root folder, found from this file's path.
  package static let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // BeleidTestSupport
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()

  /// `../shared/data`.
  package static let root: URL = packageRoot.deletingLastPathComponent()
    .appendingPathComponent("shared/data")

  /// Whether `../shared/data` exists.
  package static var isAvailable: Bool {
    FileManager.default.fileExists(atPath: root.appendingPathComponent("corpus").path)
  }

  /// A path inside `../shared/data`.
  package static func url(_ relativePath: String) -> URL {
    root.appendingPathComponent(relativePath)
  }

  /// The comment tests show when they skip for lack of shared data.
  package static let skipReason = "needs ../shared/data beside the package; skipped without it"
}

/// A reproducible random number generator (SplitMix64) for randomised tests.
package struct SeededRandom: RandomNumberGenerator {
  private var state: UInt64

  /// Creates a generator; the same seed gives the same sequence.
  package init(seed: UInt64) { state = seed }

  package mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Creates a fresh temporary directory for a test and returns it.
///
/// The folder is removed when the test process exits, unless
/// `BELEID_KEEP_TEST_FOLDERS=1` asks to keep it for a look.
package func makeTemporaryDirectory(_ name: String = "beleid-test") throws -> URL {
  let url = FileManager.default.temporaryDirectory
    .appendingPathComponent("\(name)-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  _ = removalAtExit
  temporaryFolders.withLock { $0.append(url.path) }
  return url
}

/// The folders `makeTemporaryDirectory` made in this process.
private let temporaryFolders = Locked<[String]>([])

/// Registers, once, the removal of those folders at exit.
private let removalAtExit: Void = {
  atexit {
    guard ProcessInfo.processInfo.environment["BELEID_KEEP_TEST_FOLDERS"] != "1" else { return }
    for path in temporaryFolders.withLock({ $0 }) { try? FileManager.default.removeItem(atPath: path) }
  }
}()

/// Rewrites the only file in `folder` (a cache file, say) after `damage` has
/// changed its bytes.
package func damageOnlyFile(in folder: String, _ damage: (inout [UInt8]) -> Void) throws {
  let names = try FileManager.default.contentsOfDirectory(atPath: folder)
  guard names.count == 1 else { throw CocoaError(.fileReadUnknown) }
  let url = URL(fileURLWithPath: folder).appendingPathComponent(names[0])
  var bytes = [UInt8](try Data(contentsOf: url))
  damage(&bytes)
  try Data(bytes).write(to: url)
}
