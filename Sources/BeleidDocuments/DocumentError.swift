/// The one error type of the document readers: why a file gave no documents.
///
/// Every case names the file; line numbers are given where they help. An
/// indexing run reports these per file and goes on with the rest.
package struct DocumentError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What went wrong.
  package enum Reason: Sendable, Equatable {
    /// The file could not be opened or read (permissions, gone).
    case unreadable(String)
    /// The bytes are not text and not a format beleid reads.
    case binary
    /// The file is empty or has no text.
    case empty
    /// The format is known but the content is damaged.
    case malformed(String)
    /// A PDF without a text layer: it needs OCR first.
    case needsOCR
    /// The file is protected by a password.
    case encrypted
    /// A tool beleid calls (pdftotext) is missing or failed.
    case toolFailed(String)
    /// The file is over one of beleid's limits (an archive that inflates
    /// too far, a nesting too deep).
    case tooLarge(String)
  }

  /// The file.
  package var path: String
  /// The line, for line-based formats.
  package var line: Int?
  /// What went wrong.
  package var reason: Reason

  /// Creates an error for `path`.
  package init(path: String, line: Int? = nil, _ reason: Reason) {
    self.path = path
    self.line = line
    self.reason = reason
  }

  /// A short reason without the path, for summaries ("binary", "needs OCR").
  package var summary: String {
    switch reason {
    case .unreadable: "unreadable"
    case .binary: "binary or unknown format"
    case .empty: "empty"
    case .malformed: "malformed"
    case .needsOCR: "no text layer (needs OCR)"
    case .encrypted: "password-protected"
    case .toolFailed: "tool failed"
    case .tooLarge: "over a size limit"
    }
  }

  package var description: String {
    let location = line.map { "\(path):\($0)" } ?? path
    switch reason {
    case .unreadable(let detail): return "\(location): cannot read: \(detail)"
    case .binary: return "\(location): skipped: binary or unknown format"
    case .empty: return "\(location): skipped: no text"
    case .malformed(let detail): return "\(location): malformed: \(detail)"
    case .needsOCR: return "\(location): skipped: PDF has no text layer (needs OCR)"
    case .encrypted: return "\(location): skipped: password-protected"
    case .toolFailed(let detail): return "\(location): \(detail)"
    case .tooLarge(let detail): return "\(location): skipped: over a limit: \(detail)"
    }
  }
}
