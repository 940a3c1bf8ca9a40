import Beleid
import Foundation
import Hummingbird

/// `POST /api/index`: indexes a path under an allowed root, for a caller
/// that holds the server's bearer token.
///
/// Off unless `serve --allow-index ROOT` named roots (every request is then
/// a 401); with roots, `serve` makes a token and prints it once. A path is resolved (symbolic links, `..`)
/// before it is compared with the roots, so nothing outside them can be
/// named. Indexing runs on a thread of its own; the index's lock keeps it
/// apart from other writers, and searches see the commit when it lands.
struct IndexRoute: Sendable {
  let source: SnapshotSource
  let options: ServerOptions

  /// What the route reads from the body.
  struct Order: Decodable {
    var path: String
  }

  /// What it answers: the update's report and the commit searched now.
  struct Answer: Encodable {
    var report: Index.Report
    var commit: UInt64
  }

  func add(to router: Router<BasicRequestContext>) {
    router.post("/api/index") { request, _ in
      try authorize(request)
      let body: ByteBuffer
      do {
        body = try await request.body.collect(upTo: 16 * 1024)
      } catch {
        throw ServerError(.contentTooLarge, BeleidError(.other, "the request body is over 16 KiB"))
      }
      let order: Order
      do {
        order = try JSONDecoder().decode(Order.self, from: Data(body.readableBytesView))
      } catch {
        throw ServerError(.badRequest, BeleidError(.other, "the body is not {\"path\": \"…\"}: \(error)"))
      }
      let path = try allowed(order.path)
      let index = source.index
      let report = try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread {
          continuation.resume(with: Result { () throws(BeleidError) in try index.update([path]) })
        }
      }
      return try JSONBody.response(Answer(report: report, commit: try source.current().generation))
    }
  }

  /// Checks that indexing is on and the request carries the token.
  ///
  /// - Throws: `ServerError` 401 when indexing is off (no token is right)
  ///   or without the right `Authorization: Bearer` token.
  func authorize(_ request: Request) throws {
    guard !options.indexRoots.isEmpty, let token = options.indexToken else {
      throw ServerError(
        .unauthorized, BeleidError(.other, "indexing over HTTP is off; start beleid serve with --allow-index ROOT"))
    }
    let given = request.headers[.authorization].flatMap { header in
      header.hasPrefix("Bearer ") ? String(header.dropFirst("Bearer ".count)) : nil
    }
    guard let given, Self.same(Array(given.utf8), Array(token.utf8)) else {
      throw ServerError(
        .unauthorized, BeleidError(.other, "give the token that beleid serve printed: Authorization: Bearer TOKEN"))
    }
  }

  /// The path resolved, when it is one of the roots or under one.
  ///
  /// - Throws: `ServerError` 404 for a path that does not exist, 403 for
  ///   one outside the roots.
  func allowed(_ path: String) throws -> String {
    guard let resolved = Self.resolved(path) else {
      throw ServerError(.notFound, BeleidError(.other, "no file or folder '\(path)'"))
    }
    let roots = options.indexRoots.compactMap(Self.resolved)
    guard roots.contains(where: { resolved == $0 || resolved.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }) else {
      throw ServerError(.forbidden, BeleidError(.other, "'\(path)' is not under a folder given to --allow-index"))
    }
    return resolved
  }

  /// The absolute path with symbolic links and `..` resolved, or nil when
  /// it does not exist.
  static func resolved(_ path: String) -> String? {
    guard let real = realpath(path, nil) else { return nil }
    defer { free(real) }
    return String(cString: real)
  }

  /// Whether two byte strings are equal, in time that depends on their
  /// lengths only (a token compared byte by byte would leak its prefix).
  static func same(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    var difference: UInt8 = 0
    for index in a.indices { difference |= a[index] ^ b[index] }
    return difference == 0
  }

  /// A new random token: 32 bytes, hex.
  static func newToken() -> String {
    var generator = SystemRandomNumberGenerator()
    return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
  }
}
