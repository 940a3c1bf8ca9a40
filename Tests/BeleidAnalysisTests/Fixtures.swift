import Foundation

/// Reads the test target's fixture files.
enum Fixtures {
  /// The lines of a fixture, without comments and blank lines.
  static func lines(_ name: String) throws -> [String] {
    guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures") else {
      throw FixtureError.missing(name)
    }
    let text = try String(contentsOf: url, encoding: .utf8)
    return text.split(separator: "\n").map(String.init).filter { !$0.isEmpty && !$0.hasPrefix("#") }
  }

  /// The tab-separated rows of a fixture.
  static func rows(_ name: String) throws -> [[String]] {
    try lines(name).map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
  }

  enum FixtureError: Error { case missing(String) }
}
