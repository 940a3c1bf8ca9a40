internal import BeleidAnalysis

/// A language beleid analyses: Dutch or English.
public enum Language: String, Sendable, Codable, CaseIterable {
  case dutch = "nl"
  case english = "en"

  /// The language of an ISO 639-1 code ("nl", "en"), or nil.
  public init?(code: String) { self.init(rawValue: code.lowercased()) }

  /// Its ISO 639-1 code.
  public var code: String { rawValue }

  /// The analysis module's language.
  var analysis: BeleidAnalysis.Language { self == .dutch ? .dutch : .english }

  /// The public language of the analysis module's.
  init(_ language: BeleidAnalysis.Language) { self = language == .dutch ? .dutch : .english }
}
