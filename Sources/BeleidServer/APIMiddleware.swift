import Beleid
import Foundation
import Hummingbird

/// Turns every error into a JSON error body, and logs each request on one
/// line: method, path, status and time (the query string only when asked).
struct APIMiddleware: RouterMiddleware {
  typealias Context = BasicRequestContext

  let logQueries: Bool
  /// Where log lines go (standard error by default).
  let log: @Sendable (String) -> Void

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
    -> Response
  {
    let start = ContinuousClock.now
    let allowed: HTTPRequest.Method = ["/api/newsletter", "/api/index"].contains(request.uri.path) ? .post : .get
    if request.method != allowed && Self.isRoute(request.uri.path) {
      return logged(request, Self.methodNotAllowed(request.method, allowed: allowed), since: start)
    }
    let response: Response
    do {
      response = try await next(request, context)
    } catch {
      response = Self.response(for: error)
    }
    return logged(request, response, since: start)
  }

  /// Whether `path` is one of the API's routes (for 405 instead of 404).
  static func isRoute(_ path: String) -> Bool {
    ["/api/search", "/api/glossary/lookup", "/api/glossary/concepts", "/openapi.json", "/api/newsletter", "/api/index"]
      .contains(path)
      || path.hasPrefix("/api/documents/")
  }

  /// A 405 for a method a route of the API does not answer.
  static func methodNotAllowed(_ method: HTTPRequest.Method, allowed: HTTPRequest.Method) -> Response {
    let error = ServerError(
      .methodNotAllowed,
      BeleidError(.other, "\(method.rawValue) is not allowed here; this route answers \(allowed.rawValue)"))
    let response = response(for: error)
    var headers = response.headers
    headers[.allow] = allowed.rawValue
    return Response(status: response.status, headers: headers, body: response.body)
  }

  /// `response`, after its log line is written.
  private func logged(_ request: Request, _ response: Response, since start: ContinuousClock.Instant) -> Response {
    let milliseconds = (ContinuousClock.now - start).milliseconds
    let target = logQueries ? request.uri.string : request.uri.path
    // Two decimals by hand: String(format:) costs more than the line's write.
    let hundredths = Int((milliseconds * 100).rounded())
    let fraction = hundredths % 100 < 10 ? "0\(hundredths % 100)" : "\(hundredths % 100)"
    log("\(request.method.rawValue) \(target) \(response.status.code) \(hundredths / 100).\(fraction) ms")
    return response
  }

  /// The JSON error response for `error`.
  static func response(for error: any Error) -> Response {
    let failure: ServerError
    switch error {
    case let error as ServerError: failure = error
    case let error as BeleidError: failure = ServerError(error)
    case let error as any HTTPResponseError where error.status == .notFound:
      failure = ServerError(.notFound, BeleidError(.other, "no such page; the API is described at /openapi.json"))
    case let error as any HTTPResponseError:
      failure = ServerError(error.status, BeleidError(.other, "\(error.status.reasonPhrase)"))
    default:
      failure = ServerError(.internalServerError, BeleidError(.other, "internal error: \(error)"))
    }
    guard var response = try? JSONBody.response(failure.body, status: failure.status) else {
      return Response(status: .internalServerError)
    }
    // A 401 names the scheme that would be accepted (RFC 9110, 11.6.1).
    if failure.status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer" }
    return response
  }
}
