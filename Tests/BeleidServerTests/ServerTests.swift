import Beleid
import BeleidAnalysis
import BeleidServer
import BeleidTestSupport
import Foundation
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A server started on a free loopback port for the length of one test,
/// and requests to it over real HTTP.
struct LiveServer {
  let listening: Server.Listening
  let task: Task<Void, any Error>
  var url: String { listening.url }
  let log: Locked<[String]>

  /// Starts a server with `options` (its port set to 0) and waits until it
  /// listens.
  static func start(_ options: ServerOptions) async throws -> LiveServer {
    var options = options
    options.port = 0
    let server = try Server(options: options)
    let log = Locked<[String]>([])
    let (ready, continuation) = AsyncStream.makeStream(of: Server.Listening.self)
    let task = Task {
      try await server.run(onReady: { continuation.yield($0) }, log: { line in log.withLock { $0.append(line) } })
    }
    var iterator = ready.makeAsyncIterator()
    guard let listening = await iterator.next() else { throw CancellationError() }
    return LiveServer(listening: listening, task: task, log: log)
  }

  /// Stops the server as SIGTERM does and waits for it.
  func stop() async {
    await listening.stop()
    _ = await task.result
  }

  /// GET `path` (with its query string) as a browser of `language` does:
  /// the status and the HTML.
  func page(_ path: String, language: String = "en") async throws -> (status: Int, html: String) {
    var request = URLRequest(url: URL(string: url + path.dropFirst())!)
    request.setValue(language, forHTTPHeaderField: "Accept-Language")
    let (data, response) = try await URLSession.shared.data(for: request)
    return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
  }

  /// GET `path` (with its query string): the status and the JSON body.
  func get(_ path: String) async throws -> (status: Int, json: [String: Any]) {
    let (data, response) = try await URLSession.shared.data(from: URL(string: url + path.dropFirst())!)
    let status = (response as? HTTPURLResponse)?.statusCode ?? 0
    let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
    return (
      status, try #require(json, "\(path) did not answer a JSON object: \(String(decoding: data, as: UTF8.self))")
    )
  }
}

/// Percent-encodes a document key as one path segment.
func segment(_ key: String) -> String {
  key.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? key
}

@Suite("beleid serve: the JSON API", .serialized)
struct ServerTests {
  /// The bundled Corpus indexed once, and options to serve it with the
  /// bundled glossary.
  static let corpusIndex = Result {
    let folder = try makeTemporaryDirectory("beleid-serve").appendingPathComponent("index").path
    try Index(folder: folder).update([BundledData.corpus.path])
    return folder
  }

  static func options() throws -> ServerOptions {
    ServerOptions(indexFolder: try corpusIndex.get(), glossaryPath: BundledData.glossary.path)
  }

  @Test("search answers the hits of beleid search, across languages, with the commit and the time")
  func search() async throws {
    let server = try await LiveServer.start(try Self.options())
    let (status, body) = try await server.get("/api/search?q=supply+chain+security&limit=3")
    #expect(status == 200)
    #expect(body["query"] as? String == "supply chain security")
    #expect((body["commit"] as? Int ?? 0) >= 1)
    #expect((body["milliseconds"] as? Double ?? -1) >= 0)
    // Every match counted, in all and by language, source, type and year.
    let total = try #require(body["total"] as? Int)
    #expect(total >= 3)
    let facets = try #require(body["facets"] as? [String: [String: Int]])
    #expect(facets["languages"]?.values.reduce(0, +) == total)
    #expect(facets["languages"]?["nl"] != nil && facets["languages"]?["en"] != nil)
    #expect((facets["years"]?.values.reduce(0, +) ?? 0) <= total)
    // Types: the Corpus's documents carry one in their front matter (its
    // README has none); the counts are those of every hit.
    let (_, cloud) = try await server.get("/api/search?q=cloud&limit=100")
    let cloudHits = try #require((cloud["results"] as? [String: Any])?["hits"] as? [[String: Any]])
    #expect(cloudHits.count == cloud["total"] as? Int)
    var types: [String: Int] = [:]
    for hit in cloudHits { if let type = hit["type"] as? String { types[type, default: 0] += 1 } }
    let cloudTypes = try #require((cloud["facets"] as? [String: [String: Int]])?["types"])
    #expect(cloudTypes == types && (types["background"] ?? 0) >= 2)
    let (_, typed) = try await server.get("/api/search?q=cloud+type:background&limit=100")
    let typedHits = try #require((typed["results"] as? [String: Any])?["hits"] as? [[String: Any]])
    #expect(typed["total"] as? Int == types["background"])
    #expect(typedHits.allSatisfy { $0["type"] as? String == "background" })
    let (_, plain) = try await server.get("/api/search?q=supply+chain+security&limit=3&facets=false")
    #expect(plain["total"] == nil && plain["facets"] == nil)
    let results = try #require(body["results"] as? [String: Any])
    let hits = try #require(results["hits"] as? [[String: Any]])
    #expect(hits.count == 3)
    #expect(hits.contains { $0["language"] as? String == "nl" })
    for (rank, hit) in hits.enumerated() {
      #expect(hit["rank"] as? Int == rank + 1)
      for field in ["key", "score", "title", "snippet", "explanation", "url"] { #expect(hit.keys.contains(field)) }
    }
    await server.stop()
  }

  @Test(
    "bad requests are 400s with a JSON error that says what is wrong",
    arguments: [
      ("/api/search?q=%22digitale+autonomie", "query", 1),
      ("/api/search?q=date%3A2026-13", "query", 6),
      ("/api/search", "other", nil),
      ("/api/search?q=cloud&limit=1000", "other", nil),
      ("/api/search?q=cloud&offset=-1", "other", nil),
      ("/api/search?q=cloud&lang=de", "other", nil),
      ("/api/search?q=cloud&translate=maybe", "other", nil),
      ("/api/search?q=cloud&sort=oldest", "other", nil),
      ("/api/glossary/lookup", "other", nil),
      ("/api/documents/nothing%2Fhere/summary?sentences=0", "other", nil),
    ] as [(String, String, Int?)])
  func badRequests(path: String, kind: String, column: Int?) async throws {
    let server = try await LiveServer.start(try Self.options())
    let (status, body) = try await server.get(path)
    await server.stop()
    #expect(status == 400 || (status == 404 && path.contains("documents")))
    #expect(body["error"] as? String == kind || status == 404)
    #expect(body["column"] as? Int == column)
    #expect(!(body["message"] as? String ?? "").isEmpty)
  }

  @Test("methods other than GET on the API's routes are 405s that name GET")
  func otherMethods() async throws {
    let server = try await LiveServer.start(try Self.options())
    var request = URLRequest(url: URL(string: server.url + "api/search?q=cloud")!)
    request.httpMethod = "POST"
    let (data, response) = try await URLSession.shared.data(for: request)
    await server.stop()
    let http = try #require(response as? HTTPURLResponse)
    #expect(http.statusCode == 405)
    #expect(http.value(forHTTPHeaderField: "Allow") == "GET")
    let body = try JSONSerialization.jsonObject(with: data) as? [String: Any]
    #expect((body?["message"] as? String ?? "").contains("POST"))
  }

  @Test("sort=date gives the same matches newest first, undated ones last")
  func dateOrder() async throws {
    let server = try await LiveServer.start(try Self.options())
    func hits(_ path: String) async throws -> [[String: Any]] {
      let (_, body) = try await server.get(path)
      return try #require((body["results"] as? [String: Any])?["hits"] as? [[String: Any]])
    }
    let byDate = try await hits("/api/search?q=cloud+OR+beveiliging+OR+security&limit=100&sort=date")
    let byScore = try await hits("/api/search?q=cloud+OR+beveiliging+OR+security&limit=100")
    await server.stop()
    #expect(byDate.count >= 5)
    #expect(Set(byDate.compactMap { $0["key"] as? String }) == Set(byScore.compactMap { $0["key"] as? String }))
    let dates = byDate.map { $0["date"] as? String ?? "" }
    // ISO dates compare as text; "" (undated) sorts last.
    #expect(zip(dates, dates.dropFirst()).allSatisfy { $0 >= $1 || $1.isEmpty }, "\(dates)")
    #expect(byDate.map { $0["rank"] as? Int ?? 0 } == Array(1...byDate.count))
  }

  @Test("POST /api/newsletter renders a digest of documents or of a query; bad orders are 4xx")
  func newsletter() async throws {
    let server = try await LiveServer.start(try Self.options())
    func post(_ body: Data, path: String = "/api/newsletter") async throws -> (status: Int, type: String, text: String)
    {
      var request = URLRequest(url: URL(string: server.url + path.dropFirst())!)
      request.httpMethod = "POST"
      request.httpBody = body
      request.setValue("application/json", forHTTPHeaderField: "Content-Type")
      let (data, response) = try await URLSession.shared.data(for: request)
      let http = response as? HTTPURLResponse
      return (
        http?.statusCode ?? 0, http?.value(forHTTPHeaderField: "Content-Type") ?? "",
        String(decoding: data, as: UTF8.self)
      )
    }
    let (_, found) = try await server.get("/api/search?q=ketenveiligheid&limit=2")
    let keys = ((found["results"] as? [String: Any])?["hits"] as? [[String: Any]] ?? []).compactMap {
      $0["key"] as? String
    }
    #expect(keys.count == 2)
    let order = try JSONSerialization.data(withJSONObject: [
      "documents": keys, "format": "markdown", "title": "Week 49",
    ])
    let markdown = try await post(order)
    #expect(markdown.status == 200 && markdown.type.hasPrefix("text/markdown"))
    #expect(markdown.text.contains("Week 49"))
    let html = try await post(
      try JSONSerialization.data(withJSONObject: ["query": "ketenveiligheid", "limit": 2, "gloss": "en"]))
    #expect(html.status == 200 && html.type.hasPrefix("text/html") && html.text.contains("<html"))
    #expect(try await post(Data("{not json".utf8)).status == 400)
    #expect(
      try await post(try JSONSerialization.data(withJSONObject: ["format": "pdf", "query": "cloud"])).status == 400)
    #expect(try await post(try JSONSerialization.data(withJSONObject: ["documents": ["/no/such.md"]])).status == 404)
    #expect(try await post(Data(repeating: UInt8(ascii: " "), count: 100_000)).status == 413)
    #expect(try await server.get("/api/newsletter").status == 405)

    // The composer: the ticked documents, a preview, downloads.
    let query = keys.map { "doc=\(segment($0))" }.joined(separator: "&")
    let (composer, _) = try await URLSession.shared.data(from: URL(string: server.url + "newsletter?" + query)!)
    let page = String(decoding: composer, as: UTF8.self)
    #expect(page.contains(#"<iframe class="preview""#) && page.contains("download=1"))
    let (file, response) = try await URLSession.shared.data(
      from: URL(string: server.url + "newsletter/render?" + query + "&format=text&download=1")!)
    #expect(
      (response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Content-Disposition")?.contains("newsletter.txt")
        == true)
    #expect(!file.isEmpty)
    await server.stop()
  }

  @Test("a long query is refused before it is parsed")
  func longQueries() async throws {
    let server = try await LiveServer.start(try Self.options())
    let (status, body) = try await server.get("/api/search?q=" + String(repeating: "cloud+", count: 300))
    await server.stop()
    #expect(status == 400)
    #expect((body["message"] as? String ?? "").contains("at most 1000"))
  }

  @Test("documents, summaries and key terms by the key search returns; unknown keys are 404s")
  func documents() async throws {
    let server = try await LiveServer.start(try Self.options())
    let (_, found) = try await server.get("/api/search?q=hyperscalers&limit=1")
    let hit = try #require(((found["results"] as? [String: Any])?["hits"] as? [[String: Any]])?.first)
    let key = try #require(hit["key"] as? String)

    let (status, document) = try await server.get("/api/documents/\(segment(key))")
    #expect(status == 200)
    #expect(document["key"] as? String == key)
    #expect(document["title"] as? String == hit["title"] as? String)
    #expect((document["text"] as? String ?? "").lowercased().contains("hyperscaler"))

    let (_, summary) = try await server.get("/api/documents/\(segment(key))/summary?sentences=2")
    #expect((summary["sentences"] as? [String])?.count == 2)
    #expect(summary["language"] as? String == document["language"] as? String)

    let (_, keywords) = try await server.get("/api/documents/\(segment(key))/keywords?limit=4")
    #expect((keywords["keywords"] as? [[String: Any]])?.count == 4)

    let (missing, error) = try await server.get("/api/documents/\(segment("/no/such/file.md"))")
    #expect(missing == 404)
    #expect((error["message"] as? String ?? "").contains("/no/such/file.md"))
    await server.stop()
  }

  @Test("POST /api/newsletter with a query leaves out documents that hold only a compound part of it")
  func newsletterItemsHoldTheQuery() async throws {
    let corpus = try TestCorpus()
    try corpus.add(
      "nl/keten.md", title: "Kabinet zet in op ketenveiligheid",
      body: "Het kabinet wil de ketenveiligheid van vitale aanbieders versterken. Leveranciers worden gecontroleerd.",
      lang: "nl")
    try corpus.add(
      "nl/strafrecht.md", title: "De strafrechtketen",
      body: "De strafrechtketen werkt aan de veiligheid van slachtoffers. De keten krijgt meer geld voor veiligheid.",
      lang: "nl")
    let folder = try corpus.indexFolder()
    try Index(folder: folder).update([corpus.folder.path])
    let server = try await LiveServer.start(
      ServerOptions(indexFolder: folder, glossaryPath: BundledData.glossary.path))
    func post(_ query: String) async throws -> (status: Int, text: String) {
      var request = URLRequest(url: URL(string: server.url + "api/newsletter")!)
      request.httpMethod = "POST"
      request.httpBody = try JSONSerialization.data(withJSONObject: ["query": query, "format": "json"])
      request.setValue("application/json", forHTTPHeaderField: "Content-Type")
      let (data, response) = try await URLSession.shared.data(for: request)
      return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }
    let digest = try await post("ketenveiligheid")
    #expect(digest.status == 200)
    #expect(digest.text.contains("Kabinet zet in op ketenveiligheid") && !digest.text.contains("strafrechtketen"))
    let onlyParts = try await post("veiligheidsketen")
    #expect(onlyParts.status == 404 && onlyParts.text.contains("only parts of its compounds"), "\(onlyParts)")
  }

  @Test("a document answers its query's highlights and links its other-language versions")
  func highlightsAndVersions() async throws {
    let corpus = try TestCorpus()
    let eurLex = "https://eur-lex.europa.eu/legal-content/NL/TXT/?uri=CELEX:32024R2847"
    let english = try corpus.add(
      "en/cra.md", title: "Cyber Resilience Act", body: "Products with digital elements need cyber resilience.",
      lang: "en", metadata: ["celex": "32024R2847"])
    let dutch = try corpus.add(
      "nl/cra.md", title: "Cyberweerbaarheidsverordening",
      body: "Producten met digitale elementen.\n\nDe fabrikant meldt actief uitgebuite kwetsbaarheden.", lang: "nl",
      metadata: ["url": eurLex])
    let folder = try corpus.indexFolder()
    try Index(folder: folder).update([corpus.folder.path])
    let server = try await LiveServer.start(ServerOptions(indexFolder: folder))

    let (status, document) = try await server.get("/api/documents/\(segment(dutch))?q=kwetsbaarheid+producten")
    #expect(status == 200)
    let text = Array((document["text"] as? String ?? "").utf8)
    let marked = (document["highlights"] as? [[Int]] ?? []).map { String(decoding: text[$0[0]..<$0[1]], as: UTF8.self) }
    #expect(marked == ["Producten", "kwetsbaarheden"])
    let versions = document["versions"] as? [[String: Any]] ?? []
    #expect(versions.map { $0["key"] as? String } == [english])
    #expect(versions.first?["language"] as? String == "en")
    let (_, plain) = try await server.get("/api/documents/\(segment(dutch))")
    #expect(plain["highlights"] == nil)
    let (bad, error) = try await server.get("/api/documents/\(segment(dutch))?q=%22open")
    #expect(bad == 400 && error["column"] != nil)
    // The search parameters are checked with or without q (schemathesis
    // found ?q=&lang=Ý&translate= answered 200).
    for query in ["q=", "lang=xx", "translate=", "q=producten&translate=misschien", "dictionary=2"] {
      let (status, _) = try await server.get("/api/documents/\(segment(dutch))?\(query)")
      #expect(status == 400, "\(query)")
    }
    #expect(try await server.get("/api/documents/\(segment(dutch))?lang=nl&translate=false").0 == 200)

    let (_, page) = try await server.page("/documents/\(segment(english))?q=resilience&ui=en")
    #expect(page.contains("Also in Dutch: Cyberweerbaarheidsverordening"))
    #expect(page.contains(#"href="/documents/\#(segment(dutch))?q=resilience&amp;ui=en""#))
    #expect(page.contains("<mark>resilience</mark>"))
    let (_, dutchPage) = try await server.page("/documents/\(segment(dutch))?q=kwetsbaarheid&ui=nl")
    #expect(dutchPage.contains("Ook in het Engels: Cyber Resilience Act"))
    #expect(dutchPage.contains("<mark>kwetsbaarheden</mark>"))
    await server.stop()
  }

  @Test("glossary lookups in both directions, and concepts by domain")
  func glossary() async throws {
    let server = try await LiveServer.start(try Self.options())
    let (_, dutch) = try await server.get("/api/glossary/lookup?term=ketenveiligheden")
    let match = try #require((dutch["matches"] as? [[String: Any]])?.first)
    #expect(match["kind"] as? String == "inflected")
    #expect((match["concept"] as? [String: Any])?["english"] as? [String] == ["supply chain security"])

    let (_, typo) = try await server.get("/api/glossary/lookup?term=ketenveilgheid")
    #expect((typo["suggestions"] as? [String] ?? []).contains("ketenveiligheid"))

    let (_, all) = try await server.get("/api/glossary/concepts")
    let domains = try #require(all["domains"] as? [String])
    let domain = try #require(domains.first)
    let (_, one) = try await server.get("/api/glossary/concepts?domain=\(segment(domain))")
    let concepts = try #require(one["concepts"] as? [[String: Any]])
    #expect(!concepts.isEmpty && concepts.allSatisfy { $0["domain"] as? String == domain })
    #expect(concepts.count < (all["concepts"] as? [Any] ?? []).count)
    await server.stop()
  }

  @Test("the OpenAPI document is served and names every route")
  func openAPI() async throws {
    let server = try await LiveServer.start(try Self.options())
    let (status, document) = try await server.get("/openapi.json")
    await server.stop()
    #expect(status == 200)
    #expect(document["openapi"] as? String == "3.1.0")
    let paths = Set((document["paths"] as? [String: Any] ?? [:]).keys)
    #expect(
      paths == [
        "/api/search", "/api/documents/{id}", "/api/documents/{id}/summary", "/api/documents/{id}/keywords",
        "/api/glossary/lookup", "/api/glossary/concepts", "/api/newsletter", "/api/index",
      ])
  }

  @Test("POST /api/index: off by default; with --allow-index, a token and a path under a root")
  func indexOverHTTP() async throws {
    let corpus = try TestCorpus()
    try corpus.add("allowed/a.md", title: "Cloud", body: "Het kabinet kiest voor soevereine cloud.", lang: "nl")
    try corpus.add("outside/b.md", title: "Geheim", body: "Een quantumcomputer buiten de map.", lang: "nl")
    let root = corpus.folder.appendingPathComponent("allowed").path
    let folder = try corpus.indexFolder()
    try Index(folder: folder).update([root])
    func post(_ server: LiveServer, _ path: String, token: String?) async throws -> (Int, [String: Any]) {
      var request = URLRequest(url: URL(string: server.url + "api/index")!)
      request.httpMethod = "POST"
      request.httpBody = try JSONSerialization.data(withJSONObject: ["path": path])
      if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
      let (data, response) = try await URLSession.shared.data(for: request)
      let json = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
      return ((response as? HTTPURLResponse)?.statusCode ?? 0, json)
    }

    let readOnly = try await LiveServer.start(ServerOptions(indexFolder: folder))
    #expect(try await post(readOnly, root, token: "anything").0 == 401)
    #expect(try await post(readOnly, root, token: nil).0 == 401)
    await readOnly.stop()

    var options = ServerOptions(indexFolder: folder)
    options.indexRoots = [root]
    options.indexToken = Server.newIndexToken()
    #expect(options.indexToken?.count == 64 && options.indexToken != Server.newIndexToken())
    let server = try await LiveServer.start(options)
    try corpus.add("allowed/c.md", title: "Quantum", body: "De quantumcomputer bedreigt versleuteling.", lang: "nl")
    #expect(try await post(server, root, token: nil).0 == 401)
    var bare = URLRequest(url: URL(string: server.url + "api/index")!)
    bare.httpMethod = "POST"
    let (_, refusal) = try await URLSession.shared.data(for: bare)
    #expect((refusal as? HTTPURLResponse)?.value(forHTTPHeaderField: "WWW-Authenticate") == "Bearer")
    // A token one character off (never equal to the real one, whatever its first digit).
    let token = options.indexToken!
    let wrong = (token.first == "0" ? "1" : "0") + String(token.dropFirst())
    #expect(try await post(server, root, token: wrong).0 == 401)
    for outside in [corpus.folder.appendingPathComponent("outside").path, root + "/../outside", "/etc", root + "x"] {
      let (status, error) = try await post(server, outside, token: options.indexToken)
      #expect([403, 404].contains(status), "\(outside): \(status)")
      #expect(error["message"] != nil)
    }
    // A symbolic link inside the root that leads out of it is outside too.
    let link = root + "/link"
    try FileManager.default.createSymbolicLink(
      atPath: link, withDestinationPath: corpus.folder.appendingPathComponent("outside").path)
    #expect(try await post(server, link, token: options.indexToken).0 == 403)
    try FileManager.default.removeItem(atPath: link)

    let (status, answer) = try await post(server, root, token: options.indexToken)
    #expect(status == 200)
    #expect((answer["report"] as? [String: Any])?["filesIndexed"] as? Int == 1)
    let (_, found) = try await server.get("/api/search?q=quantumcomputer")
    #expect(((found["results"] as? [String: Any])?["hits"] as? [Any])?.count == 1)
    #expect(found["commit"] as? Int == answer["commit"] as? Int)
    await server.stop()
  }

  @Test("a new commit is picked up without a restart")
  func reload() async throws {
    let corpus = try TestCorpus()
    try corpus.add("a.md", title: "Cloud", body: "Het kabinet kiest voor soevereine cloud.", lang: "nl")
    let folder = try corpus.indexFolder()
    try Index(folder: folder).update([corpus.folder.path])
    let server = try await LiveServer.start(ServerOptions(indexFolder: folder))
    let (_, before) = try await server.get("/api/search?q=quantumcomputer")
    #expect(((before["results"] as? [String: Any])?["hits"] as? [Any])?.isEmpty == true)

    try corpus.add("b.md", title: "Quantum", body: "De quantumcomputer bedreigt versleuteling.", lang: "nl")
    try Index(folder: folder).update([corpus.folder.path])
    let (_, after) = try await server.get("/api/search?q=quantumcomputer")
    #expect(((after["results"] as? [String: Any])?["hits"] as? [Any])?.count == 1)
    #expect((after["commit"] as? Int ?? 0) > (before["commit"] as? Int ?? 0))
    await server.stop()
  }

  @Test("searches in a loop while the index takes commits: no errors, and each answer is one commit's")
  func reloadUnderLoad() async throws {
    let corpus = try TestCorpus()
    try corpus.add("doc-0.md", title: "Mijlpaal 0", body: "Een mijlpaal voor de wet.", lang: "nl")
    let folder = try corpus.indexFolder()
    let index = Index(folder: folder)
    try index.update([corpus.folder.path])
    // Each commit holds one more document with the word: a commit's answer
    // has as many hits as documents it holds.
    let expected = Locked<[Int: Int]>([Int(try index.snapshot().generation): 1])
    let server = try await LiveServer.start(ServerOptions(indexFolder: folder))
    let writer = Task.detached {
      for number in 1...6 {
        try corpus.add("doc-\(number).md", title: "Mijlpaal \(number)", body: "Nog een mijlpaal.", lang: "nl")
        try index.update([corpus.folder.path])
        let generation = Int(try index.snapshot().generation)
        expected.withLock { $0[generation] = number + 1 }
        try await Task.sleep(for: .milliseconds(30))
      }
    }
    var answers: [(commit: Int, hits: Int)] = []
    while !writer.isCancelled {
      let (status, body) = try await server.get("/api/search?q=mijlpaal&limit=100")
      #expect(status == 200)
      let hits = ((body["results"] as? [String: Any])?["hits"] as? [Any])?.count ?? -1
      answers.append((body["commit"] as? Int ?? -1, hits))
      if expected.withLock({ $0.count }) == 7 && answers.last?.hits == 7 { break }
    }
    try await writer.value
    await server.stop()
    let commits = expected.withLock { $0 }
    for answer in answers { #expect(commits[answer.commit] == answer.hits, "commit \(answer.commit)") }
    #expect(Set(answers.map(\.commit)).count >= 3)
    #expect(zip(answers, answers.dropFirst()).allSatisfy { $0.commit <= $1.commit })
  }

  @Test("each request is logged on one line, without the query string unless asked")
  func requestLog() async throws {
    for logQueries in [false, true] {
      var options = try Self.options()
      options.logQueries = logQueries
      let server = try await LiveServer.start(options)
      _ = try await server.get("/api/search?q=geheimwoord")
      _ = try await server.get("/nothing")
      await server.stop()
      let lines = server.log.withLock { $0 }
      #expect(lines.count == 2)
      #expect(
        lines.first?.hasPrefix(logQueries ? "GET /api/search?q=geheimwoord 200 " : "GET /api/search 200 ") == true)
      #expect(lines.first?.hasSuffix(" ms") == true)
      #expect(lines.last?.hasPrefix("GET /nothing 404 ") == true)
    }
  }

  @Test("the web pages: hits and facets, labels by Accept-Language, every text escaped")
  func webPages() async throws {
    let server = try await LiveServer.start(try Self.options())
    func page(_ path: String, language: String = "en") async throws -> (status: Int, html: String) {
      try await server.page(path, language: language)
    }
    let (status, english) = try await page("/?q=supply+chain+security")
    #expect(status == 200)
    #expect(english.contains(#"<html lang="en">"#))
    #expect(english.components(separatedBy: #"<li class="hit""#).count - 1 >= 3)
    #expect(english.contains("<mark>"))
    #expect(english.contains(#"<h2>Language</h2>"#) && english.contains(#"<h2>Document type</h2>"#))
    // A type's facet link filters by it and marks it chosen.
    let (_, cloud) = try await page("/?q=cloud")
    #expect(cloud.contains("type=background"))
    let (_, filtered) = try await page("/?q=cloud&type=background")
    let hitCount = { (html: String) in html.components(separatedBy: #"<li class="hit""#).count - 1 }
    #expect(hitCount(filtered) >= 2 && hitCount(filtered) < hitCount(cloud))
    #expect(filtered.contains(#"aria-current="true" class="selected">background</a>"#))
    let (_, dutch) = try await page("/?q=supply+chain+security", language: "nl-NL,nl;q=0.9,en;q=0.5")
    #expect(dutch.contains(#"<html lang="nl">"#) && dutch.contains(#"<h2>Taal</h2>"#))
    #expect(dutch.contains(#"<h2>Soort document</h2>"#))
    let (_, forced) = try await page("/?q=cloud&ui=en", language: "nl")
    #expect(forced.contains(#"<html lang="en">"#))

    // Whatever the query holds is text, never markup.
    let (_, hostile) = try await page("/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E+%22unbalanced")
    #expect(!hostile.contains("<script>alert"))
    #expect(hostile.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(hostile.contains(#"class="error""#))

    let (glossaryStatus, glossary) = try await page("/glossary?term=ketenveiligheden")
    #expect(glossaryStatus == 200 && glossary.contains("supply chain security"))
    let (missing, _) = try await page("/documents/\(segment("/no/such/file.md"))")
    #expect(missing == 404)
    let (css, _) = try await page("/static/beleid.css")
    #expect(css == 200)
    await server.stop()
  }

  @Test("hostile documents: every page that shows them has no markup of theirs and no script link")
  func hostileDocuments() async throws {
    let fixtures = try #require(Bundle.module.url(forResource: "hostile", withExtension: nil, subdirectory: "Fixtures"))
    let folder = try makeTemporaryDirectory("beleid-hostile").appendingPathComponent("index").path
    try Index(folder: folder).update([fixtures.path])
    let server = try await LiveServer.start(ServerOptions(indexFolder: folder))
    let (_, found) = try await server.get("/api/search?q=xsshostile&limit=20&translate=false")
    let keys = ((found["results"] as? [String: Any])?["hits"] as? [[String: Any]] ?? []).compactMap {
      $0["key"] as? String
    }
    #expect(keys.count >= 3)
    var paths = ["/?q=xsshostile&ui=en"] + keys.map { "/documents/\(segment($0))?q=xsshostile" }
    let documents = keys.map { "doc=\(segment($0))" }.joined(separator: "&")
    paths += ["/newsletter?\(documents)", "/newsletter/render?\(documents)&format=html"]
    for path in paths {
      let (status, html) = try await server.page(path)
      #expect(status == 200, "\(path)")
      // Their markup is text: no tag of theirs, and only our own script.
      for tag in ["<img", "<svg", "<iframe src", "<b ", "<script>"] {
        #expect(!html.contains(tag), "\(tag) in \(path)")
      }
      #expect(html.components(separatedBy: "<script").count <= 2, "\(path)")
      #expect(!html.lowercased().contains("href=\"javascript:"), "\(path)")
      #expect(!html.contains("href=\"https://example.org/\"&gt;"), "\(path)")
    }
    let (_, page) = try await server.page("/documents/\(segment(keys[0]))")
    #expect(page.contains("&lt;"))
    await server.stop()
  }

  /// The contrast ratio of two `#rrggbb` colours (WCAG 2.1).
  static func contrast(_ a: String, _ b: String) -> Double {
    func luminance(_ hex: String) -> Double {
      let value = Int(hex.dropFirst(), radix: 16) ?? 0
      let channels = [(value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF].map { Double($0) / 255 }
      let linear = channels.map { $0 <= 0.039_28 ? $0 / 12.92 : pow(($0 + 0.055) / 1.055, 2.4) }
      return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    }
    let (x, y) = (luminance(a), luminance(b))
    return (max(x, y) + 0.05) / (min(x, y) + 0.05)
  }

  @Test(
    "text and links in the stylesheet have a contrast of at least 4.5:1 on their backgrounds",
    arguments: [
      ("--text", "#ffffff"), ("--muted", "#ffffff"), ("--link", "#ffffff"), ("--link", "--chip"),
      ("#ffffff", "--link"), ("--text", "--mark"), ("#7a1c12", "#fdecea"), ("--text", "#f6f8fb"),
    ])
  func contrast(foreground: String, background: String) throws {
    let css = try String(
      contentsOf: SharedData.packageRoot.appendingPathComponent("Sources/BeleidServer/Resources/Static/beleid.css"),
      encoding: .utf8)
    func colour(_ name: String) throws -> String {
      guard name.hasPrefix("--") else { return name }
      let start = try #require(css.range(of: name + ":"), "\(name) is not in the stylesheet").upperBound
      let value = css[start...].drop { $0 == " " }.prefix(7)
      try #require(value.count == 7 && value.first == "#", "\(name) is not a #rrggbb colour")
      return String(value)
    }
    let ratio = Self.contrast(try colour(foreground), try colour(background))
    #expect(ratio >= 4.5, "\(foreground) on \(background): \(ratio)")
  }

  @Test("without an index the server does not start")
  func missingIndex() throws {
    let folder = try makeTemporaryDirectory("beleid-serve-none").appendingPathComponent("none").path
    let error = try #require(throws: BeleidError.self) { try Server(options: ServerOptions(indexFolder: folder)) }
    #expect(error.kind == .index)
  }
}
