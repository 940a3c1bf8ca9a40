import ArgumentParser
import BeleidAnalysis
import BeleidServer
import Foundation

/// `beleid serve`: the JSON API over HTTP.
struct Serve: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Serve the index over HTTP: a JSON API (described at /openapi.json).",
    discussion: """
      Listens on 127.0.0.1:8080 unless told otherwise, prints its URL, and logs
      each request on one line to stderr (method, path, status, time; the query
      string only with --log-queries). A new commit of the index is picked up
      without a restart; requests already running finish on the commit they
      started on. Ctrl-C (SIGINT) or SIGTERM stops it gracefully. Without an
      index, one is built from the bundled Corpus.

      Examples:
        $ beleid serve
        $ curl 'http://127.0.0.1:8080/api/search?q=supply+chain+security&limit=3'
        $ beleid serve --index /srv/beleid --port 9000 --log-queries
        $ beleid serve --allow-index ~/policy     (prints a token for POST /api/index)
      """
  )

  @OptionGroup var index: IndexOptions

  @OptionGroup var glossary: GlossaryOptions

  @Option(help: "The address to listen on (loopback by default; 0.0.0.0 for every interface).")
  var host = "127.0.0.1"

  @Option(help: "The port to listen on (0: any free port).")
  var port = 8080

  @Flag(help: "Log query strings too (they hold the words people search for).")
  var logQueries = false

  @Option(
    name: .customLong("allow-index"),
    help: ArgumentHelp(
      "Allow POST /api/index of paths under ROOT (repeatable), with a bearer token printed once at start.",
      valueName: "ROOT"))
  var indexRoots: [String] = []

  func validate() throws {
    if port < 0 || port > 65_535 { throw ValidationError("--port must be from 0 to 65535") }
    for root in indexRoots where !FileManager.default.fileExists(atPath: root) {
      throw ValidationError("--allow-index: no folder '\(root)'")
    }
  }

  func run() throws {
    _ = try runCatching { try index.openOrBuildBundled() }
    var options = ServerOptions(indexFolder: index.folder, glossaryPath: glossary.location)
    if options.glossaryPath == nil { printError("warning: \(GlossaryOptions.notFound); queries are not translated") }
    options.host = host
    options.port = port
    options.logQueries = logQueries
    options.indexRoots = indexRoots
    let token = indexRoots.isEmpty ? nil : Server.newIndexToken()
    options.indexToken = token
    let server = try runCatching { try Server(options: options) }
    let outcome = Locked<(any Error)?>(nil)
    let done = DispatchSemaphore(value: 0)
    Task {
      do {
        try await server.run(
          onReady: { listening in
            // Unbuffered, so a script waiting for the URL sees it at once.
            var text = "beleid serve: listening on \(listening.url) (Ctrl-C stops)\n"
            if let token {
              text += "beleid serve: POST /api/index takes paths under \(indexRoots.joined(separator: ", ")) "
              text += "with this header, shown once: Authorization: Bearer \(token)\n"
            }
            FileHandle.standardOutput.write(Data(text.utf8))
          },
          log: { line in printError(line) })
      } catch {
        outcome.withLock { $0 = error }
      }
      done.signal()
    }
    done.wait()
    if let error = outcome.withLock({ $0 }) { throw CLIError("the server stopped: \(error)") }
  }
}
