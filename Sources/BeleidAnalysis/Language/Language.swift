/// A language beleid analyses: Dutch or English.
package enum Language: String, Sendable, CaseIterable, Codable, CustomStringConvertible {
  case dutch = "nl"
  case english = "en"

  /// The ISO 639-1 code, "nl" or "en".
  package var code: String { rawValue }

  /// The Snowball algorithm that stems this language.
  package var snowballAlgorithm: String {
    switch self {
    case .dutch: "dutch"
    case .english: "english"
    }
  }

  /// The other language: the target of a translation.
  package var other: Language { self == .dutch ? .english : .dutch }

  package var description: String { rawValue }

  /// Parses "nl", "en", "dutch", "english", "nederlands" (any case).
  package init?(code: String) {
    switch code.lowercased() {
    case "nl", "nld", "dut", "dutch", "nederlands": self = .dutch
    case "en", "eng", "english", "engels": self = .english
    default: return nil
    }
  }
}
