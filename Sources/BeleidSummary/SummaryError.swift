/// Why a summary, keyword list or digest could not be made, and where.
package struct SummaryError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file concerned (a document, a template), if any.
  package var file: String?
  /// The 1-based line, if known (in a template).
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
