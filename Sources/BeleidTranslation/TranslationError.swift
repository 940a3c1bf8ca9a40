/// Why a dictionary for cross-language search could not be read, and where.
package struct TranslationError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file concerned, if any.
  package var file: String?
  /// What went wrong, in words a user can act on.
  package var reason: String

  /// Creates an error.
  package init(_ reason: String, file: String? = nil) {
    self.reason = reason
    self.file = file
  }

  package var description: String {
    if let file { "\(file): \(reason)" } else { reason }
  }
}
