/// Why a dictionary for cross-language search could not be read, and where.
public struct TranslationError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file concerned, if any.
  public var file: String?
  /// What went wrong, in words a user can act on.
  public var reason: String

  /// Creates an error.
  public init(_ reason: String, file: String? = nil) {
    self.reason = reason
    self.file = file
  }

  public var description: String {
    if let file { "\(file): \(reason)" } else { reason }
  }
}
