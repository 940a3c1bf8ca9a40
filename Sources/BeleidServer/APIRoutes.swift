import Beleid
import BeleidAnalysis
import Foundation
import Hummingbird
import NIOCore

/// The JSON API: search, documents, summaries, key terms and the glossary,
/// over the public API (`Beleid`), so that its bodies are the library's
/// types as they encode, the same as the command line's `--json`.
struct APIRoutes: Sendable {
  let source: SnapshotSource
  let options: ServerOptions
  /// The summariser: its calls take turns.
  let summarizer: Summarizer
  /// The OpenAPI document, as served.
  let openAPI: ByteBuffer
  /// The web app's pages.
  let web: WebPages
  /// Newsletter digests.
  let newsletters: Newsletters

  init(source: SnapshotSource, options: ServerOptions) throws(ServerError) {
    self.source = source
    self.options = options
    summarizer = Summarizer(glossary: source.glossary)
    newsletters = Newsletters(source: source, summarizer: summarizer)
    web = try WebPages(source: source, options: options, summarizer: summarizer, newsletters: newsletters)
    guard
      let url = BeleidHome.resourceFolder(target: "BeleidServer")?.appendingPathComponent("openapi.json"),
      let data = try? Data(contentsOf: url)
    else {
      throw ServerError(.internalServerError, BeleidError(.other, "the OpenAPI document is missing; reinstall beleid"))
    }
    openAPI = ByteBuffer(bytes: data)
  }

  func add(to router: Router<BasicRequestContext>) {
    web.add(to: router)
    newsletters.add(to: router)
    IndexRoute(source: source, options: options).add(to: router)
    router.get("/api/search") { request, _ in try search(QueryParameters(request)) }
    router.get("/api/documents/:id") { request, context in try document(context, QueryParameters(request)) }
    router.get("/api/documents/:id/summary") { request, context in
      try summary(source.document(context), QueryParameters(request))
    }
    router.get("/api/documents/:id/keywords") { request, context in
      try keywords(source.document(context), QueryParameters(request))
    }
    router.get("/api/glossary/lookup") { request, _ in try lookup(QueryParameters(request)) }
    router.get("/api/glossary/concepts") { request, _ in try concepts(QueryParameters(request)) }
    router.get("/openapi.json") { _, _ in
      Response(
        status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: openAPI))
    }
  }

  /// What `GET /api/search` answers.
  struct SearchBody: Encodable {
    var query: String
    /// The commit searched.
    var commit: UInt64
    /// The time the search took, in milliseconds.
    var milliseconds: Double
    /// Every match counted, when asked (`facets=true`, the default).
    var total: Int?
    var facets: FacetCounts?
    var results: SearchResult
  }

  /// The counts per facet, as `facets` in the search body.
  struct FacetCounts: Encodable {
    var languages: [String: Int]
    var sources: [String: Int]
    var types: [String: Int]
    var years: [String: Int]
  }

  /// `GET /api/search?q=…`: the query language and options of `beleid search`.
  func search(_ parameters: QueryParameters) throws -> Response {
    let text = try parameters.required("q")
    let request = try searchRequest(text, parameters)
    let snapshot = try source.current()
    let start = ContinuousClock.now
    let results = try snapshot.search(request)
    let milliseconds = (ContinuousClock.now - start).milliseconds
    return try JSONBody.response(
      SearchBody(
        query: text, commit: snapshot.generation, milliseconds: milliseconds, total: results.facets?.total,
        facets: results.facets.map {
          FacetCounts(languages: $0.languages, sources: $0.sources, types: $0.types, years: $0.years)
        },
        results: results))
  }

  /// The search request for query `text` and the parameters of
  /// `GET /api/search` (lang, literal, translate, dictionary, limit,
  /// offset, snippets, explain, facets, sort).
  ///
  /// - Throws: `ServerError` 400 for a bad parameter or query.
  func searchRequest(_ text: String, _ parameters: QueryParameters) throws -> SearchRequest {
    guard text.count <= options.maximumQueryLength else {
      throw ServerError.badParameter(
        "q", "the query is \(text.count) characters long; at most \(options.maximumQueryLength)")
    }
    var language: Beleid.Language?
    if let code = parameters.text("lang") {
      guard let parsed = Beleid.Language(code: code) else {
        throw ServerError.badParameter("lang", "'\(code)' is not nl or en")
      }
      language = parsed
    }
    let query = try Query(text, literal: parameters.flag("literal", false))
    return SearchRequest(
      query, language: language, translate: try parameters.flag("translate", true),
      dictionary: try parameters.flag("dictionary", true),
      limit: try parameters.integer("limit", 10, in: 0...options.maximumLimit),
      offset: try parameters.integer("offset", 0, in: 0...options.maximumOffset),
      snippets: try parameters.flag("snippets", true),
      explain: try parameters.flag("explain", false), facets: try parameters.flag("facets", true),
      order: try Self.order(parameters),
      timeLimit: options.timeLimit)
  }

  /// The `sort` parameter: `relevance` (the default) or `date`.
  static func order(_ parameters: QueryParameters) throws -> SearchRequest.Order {
    guard let text = parameters.text("sort") else { return .relevance }
    guard let order = SearchRequest.Order(rawValue: text) else {
      throw ServerError.badParameter("sort", "'\(text)' is not relevance or date")
    }
    return order
  }

  /// What `GET /api/documents/{id}` answers: the document's fields, its
  /// versions in the other language and, for a query, where it matches.
  struct DocumentBody: Encodable {
    var document: Document
    var versions: [Snapshot.LanguageVersion]
    /// `[start, end)` byte offsets into the text, when a query was given.
    var highlights: [Range<Int>]?

    func encode(to encoder: any Encoder) throws {
      try document.encode(to: encoder)
      var container = encoder.container(keyedBy: Keys.self)
      try container.encode(versions, forKey: .versions)
      try container.encodeIfPresent(highlights?.map { [$0.lowerBound, $0.upperBound] }, forKey: .highlights)
    }

    enum Keys: String, CodingKey { case versions, highlights }
  }

  /// `GET /api/documents/{id}?q=…`: with `q`, the query's matches in the
  /// text, under the search parameters that change them (lang, literal,
  /// translate, dictionary).
  func document(_ context: BasicRequestContext, _ parameters: QueryParameters) throws -> Response {
    let snapshot = try source.current()
    let document = try snapshot.requiredDocument(source.key(context))
    let text = parameters.text("q")
    if let text, text.allSatisfy(\.isWhitespace) {
      throw ServerError.badParameter("q", "is blank; leave it out for the document without highlights")
    }
    // The search parameters are checked with or without q: a bad lang or
    // translate is a 400 either way, as the OpenAPI document says.
    let request = try searchRequest(text ?? "x", parameters)
    let highlights = try text.map { _ in try snapshot.highlights(in: document, for: request) }
    return try JSONBody.response(
      DocumentBody(
        document: document, versions: try snapshot.languageVersions(of: document.key), highlights: highlights))
  }

  /// `GET /api/documents/{id}/summary?sentences=3&query=…`.
  func summary(_ document: Document, _ parameters: QueryParameters) throws -> Response {
    let sentences = try parameters.integer("sentences", 3, in: 1...50)
    return try JSONBody.response(summarizer.summarize(document, sentences: sentences, query: parameters.text("query")))
  }

  /// `GET /api/documents/{id}/keywords?limit=15`.
  func keywords(_ document: Document, _ parameters: QueryParameters) throws -> Response {
    let limit = try parameters.integer("limit", 15, in: 1...100)
    return try JSONBody.response(["keywords": summarizer.keyTerms(of: document, limit: limit)])
  }

  /// The glossary, or a 404 when the server has none.
  func glossary() throws -> Glossary {
    guard let glossary = source.glossary else {
      throw ServerError(.notFound, BeleidError(.glossary, "this server has no glossary (start it with --glossary)"))
    }
    return glossary
  }

  /// `GET /api/glossary/lookup?term=…`.
  func lookup(_ parameters: QueryParameters) throws -> Response {
    try JSONBody.response(glossary().lookup(parameters.required("term")))
  }

  /// What `GET /api/glossary/concepts` answers.
  struct ConceptsBody: Encodable {
    var domains: [String]
    var concepts: [Glossary.Concept]
  }

  /// `GET /api/glossary/concepts?domain=…`: every concept, or one domain's.
  func concepts(_ parameters: QueryParameters) throws -> Response {
    let glossary = try glossary()
    return try JSONBody.response(
      ConceptsBody(domains: glossary.domains, concepts: glossary.concepts(domain: parameters.text("domain"))))
  }
}

/// JSON response bodies.
enum JSONBody {
  /// `value` encoded as JSON, with `status`.
  static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
    Response(
      status: status, headers: [.contentType: "application/json; charset=utf-8"],
      body: .init(byteBuffer: ByteBuffer(bytes: try StreamingJSONEncoder().encode(value))))
  }
}
