/// How `beleid serve` listens and what it serves.
package struct ServerOptions: Sendable {
  /// The index folder to search.
  package var indexFolder: String
  /// The glossary that translates queries, or nil for none.
  package var glossaryPath: String?
  /// The address to bind to: loopback unless asked otherwise.
  package var host = "127.0.0.1"
  /// The port; 0 picks a free one.
  package var port = 8080
  /// Whether the request log shows query strings (the words searched).
  package var logQueries = false
  /// The longest query accepted, in characters.
  package var maximumQueryLength = 1_000
  /// The most hits one request may ask for, and the deepest offset.
  package var maximumLimit = 100
  package var maximumOffset = 10_000
  /// How long a search may run before it is stopped.
  package var timeLimit: Duration = .seconds(2)
  /// The folders under which `POST /api/index` may index a path; empty
  /// (the default) keeps the server read-only.
  package var indexRoots: [String] = []
  /// The bearer token that `POST /api/index` requires; `serve` makes one
  /// when `indexRoots` is not empty.
  package var indexToken: String?

  /// Options for the index in `indexFolder`.
  package init(indexFolder: String, glossaryPath: String? = nil) {
    self.indexFolder = indexFolder
    self.glossaryPath = glossaryPath
  }
}
