import Beleid
import BeleidTestSupport
import Foundation
import Testing

/// The library's public API, used as a program that depends on beleid uses
/// it: this target imports `Beleid` alone, so it sees public declarations
/// only (the other modules' are `package`).
@Suite(.serialized) struct PublicAPITests {
  /// The bundled Corpus indexed once into a temporary folder, and the
  /// bundled glossary.
  final class Fixture: Sendable {
    let index: Index
    let glossary: Glossary

    init() throws {
      index = Index(folder: try makeTemporaryDirectory("beleid-public-api").appendingPathComponent("index").path)
      try index.update([BundledData.corpus.path])
      glossary = try Glossary(contentsOf: BundledData.glossary.path)
    }
  }

  static let fixture = Result { try Fixture() }

  static var index: Index { get throws { try fixture.get().index } }
  static var glossary: Glossary { get throws { try fixture.get().glossary } }

  /// The README's Library example, with its paths made temporary.
  @Test func readmeExample() throws {
    let folder = try makeTemporaryDirectory("beleid-readme").appendingPathComponent(".beleid").path
    let corpus = BundledData.corpus.path
    let glossaryPath = BundledData.glossary.path

    let index = Index(folder: folder)
    try index.update([corpus])  // new and changed files; one atomic commit
    let snapshot = try index.snapshot(glossary: try Glossary(contentsOf: glossaryPath))
    let result = try snapshot.search(SearchRequest("supply chain security"))
    for hit in result.hits {
      print(hit.rank, hit.title ?? hit.key, hit.score)
      if let snippet = hit.snippet { print("   ", snippet.marked(open: "«", close: "»")) }
    }

    #expect(result.language == .english)
    #expect(!result.hits.isEmpty)
    // English words find Dutch documents through the glossary.
    #expect(result.hits.contains { $0.language == .dutch })
    #expect(result.hits.map(\.rank) == Array(1...result.hits.count))
    #expect(zip(result.hits, result.hits.dropFirst()).allSatisfy { $0.score >= $1.score })
  }

  @Test func snippetsMarkTheMatchedWords() throws {
    let hits = try Self.index.snapshot().search(SearchRequest("ketenveiligheid", limit: 3)).hits
    #expect(!hits.isEmpty)
    for hit in hits {
      let snippet = try #require(hit.snippet)
      #expect(!snippet.highlights.isEmpty)
      let marked = snippet.marked(open: "[", close: "]")
      for range in snippet.highlights { #expect(marked.contains("[\(snippet.text[range])]")) }
    }
  }

  @Test func translationCanBeTurnedOff() throws {
    let snapshot = try Self.index.snapshot(glossary: try Self.glossary)
    let query = try Query("supply chain security")
    let translated = try snapshot.search(SearchRequest(query, limit: 50)).hits
    let literal = try snapshot.search(SearchRequest(query, translate: false, limit: 50)).hits
    // Dutch documents that say "ketenveiligheid" are found only through
    // the glossary.
    let literalKeys = Set(literal.map(\.key))
    let throughGlossary = translated.filter { !literalKeys.contains($0.key) }
    #expect(!throughGlossary.isEmpty)
    #expect(throughGlossary.allSatisfy { $0.language == .dutch })
  }

  @Test(arguments: [
    ("\"digitale autonomie", 1),
    ("cloud AND", 7),
    ("date:2026-13", 6),
    ("(cloud OR beleid", 1),
  ])
  func malformedQueriesNameTheirColumn(text: String, column: Int) throws {
    let error = try #require(throws: BeleidError.self) { try Query(text) }
    #expect(error.kind == .query)
    #expect(error.column == column)
    #expect(error.description.hasPrefix("query error at column \(column): "))
  }

  @Test func literalQueriesReadOperatorsAsWords() throws {
    let query = try Query("\"digitale autonomie", literal: true)
    #expect(query.text == "\"digitale autonomie")
    #expect(try !Self.index.snapshot().search(SearchRequest(query)).hits.isEmpty)
  }

  @Test func spellingHintsOnlyWhenNothingMatched() throws {
    let snapshot = try Self.index.snapshot()
    let typo = try snapshot.search(SearchRequest(try Query("ketenveilgheid"), translate: false))
    #expect(typo.hits.isEmpty)
    #expect(typo.notes.contains { $0.contains("did you mean 'ketenveiligheid'") })
    let mixed = try snapshot.search(SearchRequest(try Query("cloud OR ketenveilgheid"), translate: false))
    #expect(!mixed.hits.isEmpty)
    #expect(!mixed.notes.contains { $0.contains("did you mean") })
  }

  @Test func documentsAreFoundByTheirHitKey() throws {
    let snapshot = try Self.index.snapshot()
    let hit = try #require(try snapshot.search(SearchRequest("hyperscalers", limit: 1)).hits.first)
    let document = try #require(try snapshot.document(hit.key))
    #expect(document.key == hit.key)
    #expect(document.title == hit.title)
    #expect(document.text.lowercased().contains("hyperscaler"))
    #expect(try snapshot.document("no/such/document.md") == nil)
    #expect(snapshot.documentCount > 20)
  }

  @Test func languageVersionsByCELEXAndByPair() throws {
    let corpus = try TestCorpus()
    let body = "Text about cyber security and weerbaarheid."
    let eurLex = "https://eur-lex.europa.eu/legal-content/NL/TXT/?uri=CELEX:32024R2847"
    // The same act: a celex field on one side, only the EUR-Lex URL on the other.
    try corpus.add(
      "eu/en/cra.md", title: "Cyber Resilience Act", body: body, lang: "en", metadata: ["celex": "32024R2847"])
    try corpus.add(
      "eu/nl/cra.md", title: "Cyberweerbaarheidsverordening", body: body, lang: "nl", metadata: ["url": eurLex])
    // Another act, and a second English document with the same number.
    try corpus.add("eu/nl/dora.md", title: "DORA", body: body, lang: "nl", metadata: ["celex": "32022R2554"])
    try corpus.add(
      "eu/en/notes.md", title: "Notes on the CRA", body: body, lang: "en", metadata: ["celex": "32024r2847"])
    // A page and its translation, named by a path from the parent folder;
    // and a pair that names a missing file.
    try corpus.add("site/en/index.md", title: "Guidelines", body: body, lang: "en", metadata: ["pair": "nl/index.md"])
    try corpus.add("site/nl/index.md", title: "Richtlijnen", body: body, lang: "nl")
    try corpus.add("site/en/other.md", title: "Other", body: body, lang: "en", metadata: ["pair": "nl/missing.md"])
    let index = Index(folder: try corpus.indexFolder())
    try index.update([corpus.folder.path])
    let snapshot = try index.snapshot()
    func versions(_ path: String) throws -> [String] {
      try snapshot.languageVersions(of: corpus.folder.appendingPathComponent(path).path).map(\.title).sorted()
    }
    #expect(try versions("eu/en/cra.md") == ["Cyberweerbaarheidsverordening"])
    #expect(try versions("eu/nl/cra.md") == ["Cyber Resilience Act", "Notes on the CRA"])
    #expect(try versions("eu/nl/dora.md") == [])
    #expect(try versions("site/en/index.md") == ["Richtlijnen"])
    #expect(try versions("site/en/other.md") == [])
    #expect(try versions("no/such.md") == [])
    let version = try #require(try snapshot.languageVersions(of: corpus.folder.path + "/eu/en/cra.md").first)
    #expect(version.language == .dutch)
    #expect(try snapshot.document(version.key)?.title == "Cyberweerbaarheidsverordening")
    // An act with a CELEX number and no URL gets its EUR-Lex address.
    let act = try #require(try snapshot.document(corpus.folder.path + "/eu/en/cra.md"))
    #expect(act.url == "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32024R2847")
  }

  @Test func highlightsCoverInflectedFormsAndTranslations() throws {
    let snapshot = try Self.index.snapshot(glossary: try Self.glossary)
    let dutchOnly = SearchRequest(try Query("ketenveiligheid"), translate: false, limit: 1)
    let hit = try #require(try snapshot.search(dutchOnly).hits.first)
    let document = try #require(try snapshot.document(hit.key))
    #expect(document.language == .dutch)
    let bytes = Array(document.text.utf8)
    func marked(_ request: SearchRequest) throws -> [String] {
      try snapshot.highlights(in: document, for: request).map { String(decoding: bytes[$0], as: UTF8.self) }
    }
    let dutch = try marked(dutchOnly)
    #expect(dutch.contains { $0.lowercased().hasPrefix("ketenveiligheid") })
    // The word and its compound parts, nothing else.
    #expect(dutch.allSatisfy { word in ["keten", "veilig"].contains { word.lowercased().contains($0) } }, "\(dutch)")
    let ranges = try snapshot.highlights(in: document, for: dutchOnly)
    #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound < $1.lowerBound }, "sorted and apart")
    // The English term marks the Dutch words through the glossary.
    let english = try Query("supply chain security")
    let translated = try marked(SearchRequest(english, language: .english))
    let untranslated = try marked(SearchRequest(english, language: .english, translate: false))
    #expect(translated.contains { $0.lowercased().hasPrefix("ketenveiligheid") }, "\(translated)")
    #expect(!untranslated.contains { $0.lowercased().hasPrefix("ketenveiligheid") }, "\(untranslated)")
  }

  @Test func updatesAreIncremental() throws {
    let folder = try makeTemporaryDirectory("beleid-update")
    let documents = folder.appendingPathComponent("docs")
    try FileManager.default.createDirectory(at: documents, withIntermediateDirectories: true)
    let first = documents.appendingPathComponent("a.txt")
    try "De Cyberbeveiligingswet zet de NIS2-richtlijn om.".write(to: first, atomically: true, encoding: .utf8)
    try Data([0, 1, 2, 0xFF]).write(to: documents.appendingPathComponent("b.bin"))
    let index = Index(folder: folder.appendingPathComponent("index").path)

    let created = try index.update([documents.path])
    #expect(created.filesIndexed == 1)
    #expect(created.documentsAdded == 1)
    #expect(created.skipped.count == 1)

    let again = try index.update([documents.path])
    #expect(again.filesIndexed == 0)
    #expect(again.filesUnchanged == 1)

    try FileManager.default.removeItem(at: first)
    let removed = try index.update([documents.path])
    #expect(removed.filesRemoved == 1)
    #expect(removed.documentsDeleted == 1)
    #expect(try index.snapshot().documentCount == 0)
  }

  @Test func errorsSayWhatIsWrong() throws {
    let missing = try makeTemporaryDirectory("beleid-missing").appendingPathComponent("none").path
    let noIndex = try #require(throws: BeleidError.self) { try Index(folder: missing).snapshot() }
    #expect(noIndex.kind == .index)

    let snapshot = try Self.index.snapshot()
    var request = try SearchRequest("cloud")
    request.limit = -1
    let negative = try #require(throws: BeleidError.self) { try snapshot.search(request) }
    #expect(negative.kind == .other)

    let glossary = try #require(throws: BeleidError.self) { try Glossary(contentsOf: missing + ".tbx") }
    #expect(glossary.kind == .glossary)
  }

  @Test(arguments: [
    ("ketenveiligheid", Glossary.MatchKind.exact, "supply chain security"),
    ("ketenveiligheden", .inflected, "supply chain security"),
    ("supply chain security", .exact, "supply chain security"),
  ])
  func glossaryLookups(term: String, kind: Glossary.MatchKind, english: String) throws {
    let match = try #require(try Self.glossary.lookup(term).matches.first)
    #expect(match.kind == kind)
    #expect(match.concept.english.first == english)
    #expect(match.concept.dutch.contains("ketenveiligheid"))
  }

  @Test func glossarySuggestsNearTermsAndListsDomains() throws {
    let glossary = try Self.glossary
    let lookup = try glossary.lookup("ketenveilgheid")
    #expect(lookup.matches.isEmpty)
    #expect(lookup.suggestions.contains("ketenveiligheid"))
    #expect(glossary.problems.isEmpty)
    let domain = try #require(glossary.domains.first)
    let concepts = glossary.concepts(domain: domain)
    #expect(!concepts.isEmpty && concepts.allSatisfy { $0.domain == domain })
    #expect(glossary.concepts().count == glossary.conceptCount)
  }

  @Test func summariesAndKeyTerms() throws {
    let snapshot = try Self.index.snapshot()
    let hit = try #require(try snapshot.search(SearchRequest("hyperscalers", limit: 1)).hits.first)
    let document = try #require(try snapshot.document(hit.key))
    let summarizer = Summarizer(glossary: try Self.glossary)

    let summary = try summarizer.summarize(document, sentences: 2)
    #expect(summary.language == .dutch)
    #expect(summary.sentences.count == 2)
    for sentence in summary.sentences { #expect(document.text.contains(sentence)) }

    let terms = try summarizer.keyTerms(of: document, limit: 5)
    #expect(terms.count == 5)
    #expect(zip(terms, terms.dropFirst()).allSatisfy { $0.score >= $1.score })

    let text = Document(key: "brief", title: "Brief", text: "Eén zin.")
    #expect(throws: BeleidError.self) { try summarizer.summarize(text, sentences: 0) }
  }

  @Test func threadsShareOneSnapshot() async throws {
    let snapshot = try Self.index.snapshot(glossary: try Self.glossary)
    let queries = ["cloud", "supply chain security", "ketenveiligheid", "digitale autonomie", "AI Act", "datalek"]
    let serial = try queries.map { try snapshot.search(SearchRequest($0)).hits.map(\.key) }
    let parallel = try await withThrowingTaskGroup(of: (Int, [String]).self) { group in
      for _ in 0..<4 {
        for (number, query) in queries.enumerated() {
          group.addTask { (number, try snapshot.search(SearchRequest(query)).hits.map(\.key)) }
        }
      }
      var answers: [(Int, [String])] = []
      for try await answer in group { answers.append(answer) }
      return answers
    }
    #expect(parallel.count == 4 * queries.count)
    for (number, keys) in parallel { #expect(keys == serial[number]) }
  }

  @Test func resultsEncodeAsTheCommandLinePrintsThem() throws {
    let result = try Self.index.snapshot().search(SearchRequest("cloud", limit: 2))
    let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(result)) as? [String: Any]
    let hits = try #require(object?["hits"] as? [[String: Any]])
    #expect(hits.count == 2)
    #expect(hits.first?["key"] as? String == result.hits.first?.key)
    #expect(object?["language"] as? String == result.language.code)
  }
}
