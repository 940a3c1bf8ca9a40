internal import BeleidDocuments
internal import BeleidGlossary
internal import BeleidIndex
internal import BeleidSearch

/// Why a call into beleid failed: the one error type of the public API.
///
/// Its `description` is the message the command line prints for the same
/// problem; `column` locates a malformed query, `file` and `line` a
/// malformed glossary or document.
public struct BeleidError: Error, Sendable, Equatable, Encodable, CustomStringConvertible {
  /// What kind of problem it is.
  public enum Kind: String, Sendable, Equatable, Encodable {
    /// The query cannot be read: `column` says where.
    case query
    /// The index is missing, damaged or locked.
    case index
    /// A document cannot be read.
    case document
    /// A glossary cannot be read.
    case glossary
    /// The search ran past its time limit.
    case timeLimit
    /// Anything else: an argument out of range, a missing document.
    case other
  }

  /// What kind of problem it is.
  public var kind: Kind
  /// The message, in English.
  public var message: String
  /// The 1-based column (in characters) of a query error.
  public var column: Int?
  /// The file a problem is in, when there is one.
  public var file: String?
  /// The 1-based line in `file`, when known.
  public var line: Int?

  /// Creates an error.
  public init(_ kind: Kind, _ message: String, column: Int? = nil, file: String? = nil, line: Int? = nil) {
    self.kind = kind
    self.message = message
    self.column = column
    self.file = file
    self.line = line
  }

  /// Encodes as `{"error": kind, "message": …, "column": …}`, the body of
  /// an error of the JSON API; absent fields are left out.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(kind, forKey: .error)
    try container.encode(message, forKey: .message)
    try container.encodeIfPresent(column, forKey: .column)
    try container.encodeIfPresent(file, forKey: .file)
    try container.encodeIfPresent(line, forKey: .line)
  }

  private enum CodingKeys: String, CodingKey {
    case error, message, column, file, line
  }

  public var description: String {
    if let column { return "query error at column \(column): \(message)" }
    return message
  }

  /// `error` as a `BeleidError`, keeping its message and location.
  static func wrapping(_ error: any Error) -> BeleidError {
    switch error {
    case let error as BeleidError: return error
    case let error as QueryParseError: return BeleidError(.query, error.message, column: error.column)
    case let error as SearchError: return BeleidError(.timeLimit, error.description)
    case let error as IndexError: return BeleidError(.index, error.description, file: error.path)
    case let error as DocumentError:
      return BeleidError(.document, error.description, file: error.path, line: error.line)
    case let error as GlossaryError:
      return BeleidError(.glossary, error.description, file: error.file, line: error.line)
    default: return BeleidError(.other, "\(error)")
    }
  }

  /// Runs `body`, turning what it throws into a `BeleidError`.
  static func catching<T>(_ body: () throws -> T) throws(BeleidError) -> T {
    do {
      return try body()
    } catch {
      throw wrapping(error)
    }
  }
}
