import Beleid
import BeleidAnalysis
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import UnixSignals

/// `beleid serve`: the JSON API over one index, on Hummingbird.
///
/// It opens the glossary and the index before it listens, so a missing
/// index is an error at start, not on the first request. SIGINT and
/// SIGTERM stop it gracefully: it stops accepting, and requests in flight
/// finish.
package struct Server: Sendable {
  /// How it listens and what it serves.
  package let options: ServerOptions
  /// Where it takes the index's latest commit from.
  package let source: SnapshotSource
  private let routes: APIRoutes

  /// A server with `options`; nothing listens until `run`.
  ///
  /// - Throws: `BeleidError` when the glossary or the index cannot be read.
  /// A new bearer token for `POST /api/index`.
  package static func newIndexToken() -> String { IndexRoute.newToken() }

  package init(options: ServerOptions) throws {
    self.options = options
    let glossary = try options.glossaryPath.map { path throws(BeleidError) in try Glossary(contentsOf: path) }
    source = SnapshotSource(index: Index(folder: options.indexFolder), glossary: glossary)
    _ = try source.current()
    routes = try APIRoutes(source: source, options: options)
  }

  /// A server that listens: its URL, and a way to stop it.
  package struct Listening: Sendable {
    /// Its URL (with port 0, the port the system picked).
    package let url: String
    fileprivate let group: ServiceGroup

    /// Stops it as SIGTERM does: no new connections, requests in flight
    /// finish, then `run` returns.
    package func stop() async { await group.triggerGracefulShutdown() }
  }

  /// Serves until SIGINT or SIGTERM, or `Listening.stop()`; each stops it
  /// gracefully.
  ///
  /// - Parameters:
  ///   - onReady: called once it listens.
  ///   - log: called with each request's log line.
  package func run(
    onReady: @escaping @Sendable (Listening) -> Void, log: @escaping @Sendable (String) -> Void
  ) async throws {
    let router = Router(context: BasicRequestContext.self)
    router.add(middleware: APIMiddleware(logQueries: options.logQueries, log: log))
    routes.add(to: router)
    var logger = Logger(label: "beleid.serve")
    logger.logLevel = .warning
    let host = options.host
    let group = Locked<ServiceGroup?>(nil)
    let app = Application(
      router: router,
      configuration: .init(address: .hostname(host, port: options.port), serverName: "beleid"),
      onServerRunning: { channel in
        let port = channel.localAddress?.port ?? 0
        let url = "http://\(host.contains(":") ? "[\(host)]" : host):\(port)/"
        if let group = group.withLock({ $0 }) { onReady(Listening(url: url, group: group)) }
      },
      logger: logger)
    let services = ServiceGroup(
      configuration: .init(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
    group.withLock { $0 = services }
    try await services.run()
  }
}
