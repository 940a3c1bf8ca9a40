/// Why a dictionary for cross-language search could not be read, and where.
package struct TranslationError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file concerned, if any.
  package var file: String?
  /// The line of `file` concerned (1-based), if any.
  package var line: Int?
  /// What went wrong, in words a user can act on.
  package var reason: String

  /// Creates an error.
  package init(_ reason: String, file: String? = nil, line: Int? = nil) {
    self.reason = reason
    self.file = file
    self.line = line
  }

  package var description: String {
    switch (file, line) {
    case (let file?, let line?): "\(file):\(line): \(reason)"
    case (let file?, nil): "\(file): \(reason)"
    default: reason
    }
  }
}
