import Beleid
import Foundation
import Hummingbird
import NIOCore

/// Newsletter digests over HTTP: `POST /api/newsletter` for programs, and
/// the composer's preview and downloads for the web app.
struct Newsletters: Sendable {
  let source: SnapshotSource
  let summarizer: Summarizer
  /// The largest request body accepted.
  static let maximumBody = 64 * 1024
  /// The most documents in one newsletter.
  static let maximumDocuments = 50

  /// What `POST /api/newsletter` reads.
  struct Order: Decodable {
    /// Document keys, in the newsletter's order.
    var documents: [String]?
    /// Or a query: its best hits.
    var query: String?
    var limit: Int?
    var format: String?
    var title: String?
    var gloss: String?
    var sentences: Int?
  }

  func add(to router: Router<BasicRequestContext>) {
    router.post("/api/newsletter") { request, _ in
      let body: ByteBuffer
      do {
        body = try await request.body.collect(upTo: Self.maximumBody)
      } catch {
        throw ServerError(
          .contentTooLarge, BeleidError(.other, "the request body is over \(Self.maximumBody / 1024) KiB"))
      }
      let order: Order
      do {
        order = try JSONDecoder().decode(Order.self, from: Data(body.readableBytesView))
      } catch {
        throw ServerError(.badRequest, BeleidError(.other, "the body is not the JSON the API describes: \(error)"))
      }
      return try render(order, download: false)
    }
  }

  /// The documents of an order: those named, or the best hits of its query.
  func documents(_ order: Order) throws -> [Document] {
    let snapshot = try source.current()
    if let keys = order.documents, !keys.isEmpty {
      guard keys.count <= Self.maximumDocuments else {
        throw ServerError.badParameter("documents", "at most \(Self.maximumDocuments) documents")
      }
      return try keys.map { try snapshot.requiredDocument($0) }
    }
    guard let text = order.query, !text.allSatisfy(\.isWhitespace) else {
      throw ServerError.badParameter("documents", "give document keys, or a query")
    }
    let limit = order.limit ?? 5
    guard (1...20).contains(limit) else { throw ServerError.badParameter("limit", "from 1 to 20") }
    // As `beleid newsletter --query`: an item must hold the query itself,
    // not only a compound part of it or a lesser translation.
    let request = SearchRequest(try Query(text), limit: max(limit * 5, 50), snippets: false, explain: true)
    let all = try snapshot.search(request).hits
    guard !all.isEmpty else { throw ServerError(.notFound, BeleidError(.other, "no documents match '\(text)'")) }
    let hits = all.filter { !$0.matchesOnlyWeakly }.prefix(limit)
    guard !hits.isEmpty else {
      throw ServerError(
        .notFound,
        BeleidError(
          .other, "no documents hold '\(text)' itself, only parts of its compounds or lesser translations"))
    }
    return try hits.compactMap { try snapshot.document($0.key) }
  }

  /// The digest of an order, with the media type of its format.
  func render(_ order: Order, download: Bool) throws -> Response {
    let format =
      try order.format.map { name in
        guard let format = Summarizer.NewsletterFormat(rawValue: name) else {
          throw ServerError.badParameter("format", "'\(name)' is not html, markdown, text or json")
        }
        return format
      } ?? .html
    let gloss = try order.gloss.map { code in
      guard let language = Beleid.Language(code: code) else {
        throw ServerError.badParameter("gloss", "'\(code)' is not nl or en")
      }
      return language
    }
    let sentences = order.sentences ?? 3
    guard (1...10).contains(sentences) else { throw ServerError.badParameter("sentences", "from 1 to 10") }
    let text = try summarizer.newsletter(
      try documents(order), title: order.title ?? order.query.map { "Digest: \($0)" } ?? "Digest",
      query: order.query, sentences: sentences, gloss: gloss, format: format)
    let types: [Summarizer.NewsletterFormat: (type: String, suffix: String)] = [
      .html: ("text/html; charset=utf-8", "html"), .markdown: ("text/markdown; charset=utf-8", "md"),
      .text: ("text/plain; charset=utf-8", "txt"), .json: ("application/json; charset=utf-8", "json"),
    ]
    let (type, suffix) = types[format]!
    // The e-mail's styles are inline; nothing in it may run or load.
    var headers: HTTPFields = [
      .contentType: type, .xContentTypeOptions: "nosniff",
      .contentSecurityPolicy:
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'",
    ]
    if download { headers[.contentDisposition] = "attachment; filename=\"newsletter.\(suffix)\"" }
    return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
  }
}
