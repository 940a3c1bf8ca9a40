import Beleid
import Hummingbird

/// A request the API answers with an error.
///
/// It carries an HTTP status and the JSON body `{"error": kind, "message":
/// …, "column": …}`. The one error type of the server module.
package struct ServerError: Error, Sendable {
  /// The status: 400 for a bad request, 404 for something missing.
  package var status: HTTPResponse.Status
  /// The body.
  package var body: BeleidError

  /// An error with `status` and `body`.
  package init(_ status: HTTPResponse.Status, _ body: BeleidError) {
    self.status = status
    self.body = body
  }

  /// A 400 for a parameter that is missing or malformed.
  package static func badParameter(_ name: String, _ message: String) -> ServerError {
    ServerError(.badRequest, BeleidError(.other, "parameter '\(name)': \(message)"))
  }

  /// The status for an error of the library: 400 for a malformed query, a
  /// glossary lookup it cannot make or a search past its time limit, 503
  /// when the index cannot be opened.
  package init(_ error: BeleidError) {
    switch error.kind {
    case .index: self.init(.serviceUnavailable, error)
    default: self.init(.badRequest, error)
    }
  }
}
