/// Why a summary, keyword list or digest could not be made, and where.
public struct SummaryError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file concerned (a document, a template), if any.
  public var file: String?
  /// The 1-based line, if known (in a template).
  public var line: Int?
  /// What went wrong, in words a user can act on.
  public var reason: String

  /// Creates an error.
  public init(_ reason: String, file: String? = nil, line: Int? = nil) {
    self.reason = reason
    self.file = file
    self.line = line
  }

  public var description: String {
    switch (file, line) {
    case (let file?, let line?): "\(file):\(line): \(reason)"
    case (let file?, nil): "\(file): \(reason)"
    default: reason
    }
  }
}
