import Beleid
import BeleidAnalysis
import Foundation
import Hummingbird
import Mustache
import NIOCore

/// The web app: pages rendered on the server.
///
/// Mustache templates in `Resources/Templates` over the same library calls
/// as the JSON API, and a little plain JavaScript. No build step, no CDN,
/// no external fonts.
struct WebPages: Sendable {
  let source: SnapshotSource
  let options: ServerOptions
  let summarizer: Summarizer
  let newsletters: Newsletters
  let templates: MustacheLibrary
  /// Static files by name (`Resources/Static`), with their media types.
  let statics: [String: (type: String, body: ByteBuffer)]

  /// Hits per page.
  static let pageSize = 10

  init(source: SnapshotSource, options: ServerOptions, summarizer: Summarizer, newsletters: Newsletters)
    throws(ServerError)
  {
    self.source = source
    self.options = options
    self.summarizer = summarizer
    self.newsletters = newsletters
    guard let resources = BeleidHome.resourceFolder(target: "BeleidServer") else {
      throw ServerError(.internalServerError, BeleidError(.other, "the web app's templates are missing; reinstall"))
    }
    var templates = MustacheLibrary()
    var statics: [String: (String, ByteBuffer)] = [:]
    do {
      let folder = resources.appendingPathComponent("Templates")
      for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".mustache") {
        let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        try templates.register(text, named: String(name.dropLast(".mustache".count)))
      }
      let files = resources.appendingPathComponent("Static")
      for name in try FileManager.default.contentsOfDirectory(atPath: files.path) {
        let type = name.hasSuffix(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8"
        statics[name] = (type, ByteBuffer(bytes: try Data(contentsOf: files.appendingPathComponent(name))))
      }
    } catch {
      throw ServerError(.internalServerError, BeleidError(.other, "the web app's templates cannot be read: \(error)"))
    }
    self.templates = templates
    self.statics = statics
  }

  func add(to router: Router<BasicRequestContext>) {
    router.get("/") { request, _ in try searchPage(request) }
    router.get("/documents/:id") { request, context in try documentPage(request, context) }
    router.get("/glossary") { request, _ in try glossaryPage(request) }
    router.get("/newsletter") { request, _ in try composerPage(request) }
    router.get("/newsletter/render") { request, _ in
      let parameters = QueryParameters(request)
      return try newsletters.render(
        Newsletters.Order(
          documents: parameters.all("doc"), format: parameters.text("format"), title: parameters.text("title"),
          gloss: parameters.text("gloss")),
        download: parameters.text("download") == "1")
    }
    router.get("/static/:name") { _, context in
      guard let name = context.parameters.get("name"), let file = statics[name] else {
        throw ServerError(.notFound, BeleidError(.other, "no such file"))
      }
      return Response(
        status: .ok, headers: [.contentType: file.type, .cacheControl: "max-age=3600"],
        body: .init(byteBuffer: file.body))
    }
  }

  /// A page rendered with `template`.
  func html(_ template: String, _ page: Any) throws -> Response {
    guard let text = templates.render(page, withTemplate: template) else {
      throw ServerError(.internalServerError, BeleidError(.other, "no template \(template)"))
    }
    return Response(
      status: .ok,
      headers: [
        .contentType: "text/html; charset=utf-8",
        .contentSecurityPolicy: "default-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'",
        .xContentTypeOptions: "nosniff",
      ],
      body: .init(byteBuffer: ByteBuffer(string: text)))
  }

  /// The page's labels, from `ui` or `Accept-Language`.
  func labels(_ request: Request, _ parameters: QueryParameters) -> UIText {
    UIText.choose(ui: parameters.text("ui"), acceptLanguage: request.headers[.acceptLanguage])
  }

  // MARK: - Search

  /// `GET /?q=…&lang=…&source=…&type=…&year=…&page=…&cross=…`: the search
  /// page.
  func searchPage(_ request: Request) throws -> Response {
    let parameters = QueryParameters(request)
    let text = labels(request, parameters)
    var page = SearchPage(labels: text, parameters: parameters)
    guard !page.query.allSatisfy(\.isWhitespace) else { return try html("search", page) }
    guard page.query.count <= options.maximumQueryLength else {
      page.error = "\(text.queryError): \(page.query.count) > \(options.maximumQueryLength)"
      return try html("search", page)
    }
    let number = max(1, min(Int(parameters.text("page") ?? "") ?? 1, options.maximumOffset / Self.pageSize))
    do {
      let query = try Query(page.filteredQuery)
      let snapshot = try source.current()
      let results = try snapshot.search(
        SearchRequest(
          query, translate: page.crossLanguage, limit: Self.pageSize, offset: (number - 1) * Self.pageSize,
          facets: true, order: page.byDate ? .date : .relevance, timeLimit: options.timeLimit))
      page.fill(results, pageNumber: number, pageSize: Self.pageSize)
    } catch {
      page.error = "\(text.queryError): \(error)"
    }
    return try html("search", page)
  }

  // MARK: - Documents

  /// `GET /documents/{id}?q=…&cross=…`: a document with its summary, key
  /// terms, the query's matches highlighted and links to its versions in
  /// the other language.
  func documentPage(_ request: Request, _ context: BasicRequestContext) throws -> Response {
    let parameters = QueryParameters(request)
    let text = labels(request, parameters)
    let snapshot = try source.current()
    let document = try snapshot.requiredDocument(source.key(context))
    let query = parameters.text("q") ?? ""
    // A query the engine cannot read highlights nothing; the page still shows.
    let highlights =
      query.isEmpty
      ? []
      : (try? snapshot.highlights(
        in: document, for: SearchRequest(try Query(query), translate: parameters.text("cross") != "off"))) ?? []
    let summary = try? summarizer.summarize(document, sentences: 3, query: parameters.text("q"))
    let terms = (try? summarizer.keyTerms(of: document, limit: 10)) ?? []
    return try html(
      "document",
      DocumentPage(
        labels: text, document: document, query: query, summary: summary, terms: terms, highlights: highlights,
        versions: try snapshot.languageVersions(of: document.key)))
  }

  // MARK: - Newsletter

  /// `GET /newsletter?doc=…&doc=…`: the documents ticked on the search
  /// page, to order, preview and download as a newsletter.
  func composerPage(_ request: Request) throws -> Response {
    let parameters = QueryParameters(request)
    let text = labels(request, parameters)
    let keys = Array(parameters.all("doc").prefix(Newsletters.maximumDocuments))
    let snapshot = try source.current()
    let titles = try keys.map { key in try snapshot.document(key)?.title ?? key }
    return try html(
      "newsletter",
      ComposerPage(labels: text, keys: keys, titles: titles, gloss: parameters.text("gloss") ?? "en"))
  }

  // MARK: - Glossary

  /// `GET /glossary?term=…&domain=…`: lookups and concepts by domain.
  func glossaryPage(_ request: Request) throws -> Response {
    let parameters = QueryParameters(request)
    let text = labels(request, parameters)
    var page = GlossaryPage(labels: text, term: parameters.text("term") ?? "", domain: parameters.text("domain"))
    if let glossary = source.glossary {
      page.domains = glossary.domains.map {
        LinkItem(label: $0, url: "/glossary?domain=\(formEncode($0))&ui=\(text.code)", selected: $0 == page.domain)
      }
      if !page.term.allSatisfy(\.isWhitespace) {
        do {
          let lookup = try glossary.lookup(page.term)
          page.matches = lookup.matches.map { ConceptView($0.concept, labels: text) }
          page.suggestions = lookup.suggestions.map {
            LinkItem(label: $0, url: "/glossary?term=\(formEncode($0))&ui=\(text.code)", selected: false)
          }
          page.nothing = lookup.matches.isEmpty
          page.hasSuggestions = !page.suggestions.isEmpty
        } catch {
          page.error = "\(error)"
        }
      } else if let domain = page.domain {
        page.matches = glossary.concepts(domain: domain).map { ConceptView($0, labels: text) }
      }
    }
    return try html("glossary", page)
  }
}

/// `text` encoded for a query string value.
func formEncode(_ text: String) -> String {
  var allowed = CharacterSet.alphanumerics
  allowed.insert(charactersIn: "-._~")
  return (text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text).replacingOccurrences(of: "%20", with: "+")
}
