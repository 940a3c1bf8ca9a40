import BeleidAnalysis
import BeleidIndex
import BeleidTestSupport
import Foundation
import Testing

@testable import BeleidSearch

/// The engine's scores against BM25F computed the slow, obvious way.
///
/// The oracle shares no code with the engine past analysis: it counts each
/// query stem in the analysed tokens of every document, takes lengths and
/// averages from the same tokens, quantises lengths as the index format
/// documents (exact below 40, then steps of a sixteenth), and applies
/// BM25F (k1 1.2, b 0.75, title ×2, as the README states) by hand. Random queries over a random
/// corpus must agree with the engine's scores to 1e-6 and, for queries
/// short enough to be ranked without the passage rerank, in the order of
/// the hits.
@Suite("BM25F against a brute-force oracle")
struct BM25FOracleTests {
  /// Content words, each its own English stem, and a few stop words.
  static let words = [
    "network", "security", "supplier", "incident", "report", "risk", "cloud", "audit", "policy", "chain",
    "energy", "water", "health", "transport", "bank", "market", "service", "control", "access", "threat",
    "patch", "vendor", "register", "notice",
  ]
  static let stopWords = ["the", "of", "and", "to"]

  /// A document as the oracle sees it.
  struct OracleDocument {
    var titleLength: Int
    var bodyLength: Int
    /// Per stem: title and body frequency.
    var frequencies: [String: (title: Int, body: Int)]
  }

  /// The corpus, its index, and the oracle's view of it.
  final class Fixture: Sendable {
    let folder: String
    let documents: [OracleDocument]
    let texts: [String]

    init() throws {
      var random = SeededRandom(seed: 20_261_204)
      let corpus = try TestCorpus()
      let analyzer = try Analyzer(language: .english)
      var documents: [OracleDocument] = []
      var texts: [String] = []
      // Zipf-like: word i is drawn with weight 1/(i+1).
      let weights = words.indices.map { 1.0 / Double($0 + 1) }
      let total = weights.reduce(0, +)
      func word(_ random: inout SeededRandom) -> String {
        if Int.random(in: 0..<8, using: &random) == 0 { return stopWords.randomElement(using: &random)! }
        var pick = Double.random(in: 0..<total, using: &random)
        for (index, weight) in weights.enumerated() {
          pick -= weight
          if pick < 0 { return words[index] }
        }
        return words[words.count - 1]
      }
      for number in 0..<400 {
        let title = (0..<Int.random(in: 1...6, using: &random)).map { _ in word(&random) }.joined(separator: " ")
        let long = Int.random(in: 0..<4, using: &random) == 0
        let bodyWords = long ? Int.random(in: 40...600, using: &random) : Int.random(in: 3...40, using: &random)
        let body = (0..<bodyWords).map { _ in word(&random) }.joined(separator: " ")
        try corpus.add(String(format: "doc-%03d.md", number), title: title, body: body, lang: "en")
        var document = OracleDocument(titleLength: 0, bodyLength: 0, frequencies: [:])
        for (field, text) in [(0, title), (1, body)] {
          var tokens: [Token] = []
          var bytes = text
          try bytes.withUTF8 { _ = try analyzer.analyze(UnsafeRawBufferPointer($0), into: &tokens) }
          let length = tokens.map { Int($0.position + $0.positionLength) }.max() ?? 0
          if field == 0 { document.titleLength = length } else { document.bodyLength = length }
          for token in tokens {
            let stem = analyzer.stem(token.stem)
            var counts = document.frequencies[stem] ?? (0, 0)
            if field == 0 { counts.title += 1 } else { counts.body += 1 }
            document.frequencies[stem] = counts
          }
        }
        documents.append(document)
        texts.append(title + "\n" + body)
      }
      folder = try corpus.indexFolder()
      _ = try IndexWriter(folder: folder).index(paths: [corpus.folder.path])
      self.documents = documents
      self.texts = texts
    }
  }

  static let fixture: Fixture? = try? Fixture()

  /// The length a field norm stands for, as the index format describes it.
  static let quantised: [Int] = {
    var values: [Int] = []
    var length = 0
    while values.count < 256 {
      values.append(length)
      length = length < 40 ? length + 1 : length + max(1, length / 16)
    }
    return values
  }()

  static func quantise(_ length: Int) -> Int { quantised.last { $0 <= length } ?? 0 }

  /// One clause of a random query.
  struct Clause {
    enum Occurrence { case should, must, mustNot }
    var word: String
    var occurrence: Occurrence
    var text: String {
      switch occurrence {
      case .should: word
      case .must: "+" + word
      case .mustNot: "-" + word
      }
    }
  }

  /// The oracle's hit: BM25F summed over matching clauses, and how many
  /// should clauses match (coordination ranks by it first).
  struct Expected {
    var document: Int
    var score: Double
    var matchedShould: Int
  }

  static func oracle(_ clauses: [Clause], _ documents: [OracleDocument], stem: (String) throws -> String) rethrows
    -> [Expected]
  {
    let (k1, b, titleWeight) = (1.2, 0.75, 2.0)
    let n = Double(documents.count)
    let averageTitle = max(1, Double(documents.reduce(0) { $0 + $1.titleLength }) / n)
    let averageBody = max(1, Double(documents.reduce(0) { $0 + $1.bodyLength }) / n)
    let stems = try clauses.map { try stem($0.word) }
    var result: [Expected] = []
    for (number, document) in documents.enumerated() {
      var score = 0.0
      var matchedShould = 0
      var excluded = false
      for (clause, stem) in zip(clauses, stems) {
        let counts = document.frequencies[stem]
        let present = counts != nil
        switch clause.occurrence {
        case .mustNot: excluded = excluded || present
        case .must: excluded = excluded || !present
        case .should: if present { matchedShould += 1 }
        }
        guard let counts, clause.occurrence != .mustNot else { continue }
        let df = Double(documents.count(where: { $0.frequencies[stem] != nil }))
        let idf = log(1 + (n - df + 0.5) / (df + 0.5))
        let titleNorm = 1 / (1 - b + b * Double(quantise(document.titleLength)) / averageTitle)
        let bodyNorm = 1 / (1 - b + b * Double(quantise(document.bodyLength)) / averageBody)
        let frequency = titleWeight * Double(counts.title) * titleNorm + Double(counts.body) * bodyNorm
        score += idf * frequency * (k1 + 1) / (k1 + frequency)
      }
      let matches = clauses.contains { $0.occurrence == .must } || matchedShould > 0
      if !excluded && matches { result.append(Expected(document: number, score: score, matchedShould: matchedShould)) }
    }
    return result.sorted {
      ($0.matchedShould, $0.score, -$0.document) > ($1.matchedShould, $1.score, -$1.document)
    }
  }

  static func randomQueries(count: Int, words range: ClosedRange<Int>, seed: UInt64) -> [[Clause]] {
    var random = SeededRandom(seed: seed)
    return (0..<count).map { _ in
      let chosen = Array(words.shuffled(using: &random).prefix(Int.random(in: range, using: &random)))
      var clauses = chosen.map { word -> Clause in
        switch Int.random(in: 0..<10, using: &random) {
        case 0: Clause(word: word, occurrence: .must)
        case 1: Clause(word: word, occurrence: .mustNot)
        default: Clause(word: word, occurrence: .should)
        }
      }
      if clauses.allSatisfy({ $0.occurrence == .mustNot }) { clauses[0].occurrence = .should }
      return clauses
    }
  }

  /// The stem the English analyzer gives a lone word.
  static func stemmer() throws -> (String) throws -> String {
    let analyzer = try Analyzer(language: .english)
    return { word in
      var tokens: [Token] = []
      var bytes = word
      try bytes.withUTF8 { _ = try analyzer.analyze(UnsafeRawBufferPointer($0), into: &tokens) }
      return analyzer.stem(try #require(tokens.first).stem)
    }
  }

  static func documentNumber(_ hit: SearchHit) throws -> Int {
    let name = try #require(hit.path.map { ($0 as NSString).lastPathComponent })
    return try #require(Int(name.dropFirst("doc-".count).prefix(3)))
  }

  @Test(
    "short queries: the engine's top 10 are the oracle's, with its scores to 1e-6",
    arguments: [(1...1, 1 as UInt64), (2...2, 2), (3...4, 3)])
  func shortQueries(words: ClosedRange<Int>, seed: UInt64) throws {
    let fixture = try #require(Self.fixture)
    let reader = try IndexReader(folder: fixture.folder)
    #expect(reader.documentCount == fixture.documents.count)
    let searcher = Searcher(reader: reader)
    let planner = QueryPlanner()
    let stem = try Self.stemmer()
    for clauses in Self.randomQueries(count: 80, words: words, seed: seed) {
      let query = clauses.map(\.text).joined(separator: " ")
      let expected = try Self.oracle(clauses, fixture.documents, stem: stem)
      let hits = try searcher.search(try planner.plan(query, language: .english), .init(limit: 10)).hits
      #expect(hits.count == min(10, expected.count), "\(query)")
      let byDocument = Dictionary(uniqueKeysWithValues: expected.map { ($0.document, $0) })
      for (rank, hit) in hits.enumerated() {
        let document = try Self.documentNumber(hit)
        let own = try #require(byDocument[document], "\(query): document \(document) should not match")
        #expect(abs(hit.score - own.score) <= 1e-6, "\(query): document \(document) \(hit.score) vs \(own.score)")
        // The order: the oracle's at each rank (ties may swap documents).
        #expect(own.matchedShould == expected[rank].matchedShould, "\(query) rank \(rank + 1)")
        #expect(abs(own.score - expected[rank].score) <= 1e-6, "\(query) rank \(rank + 1)")
      }
    }
  }

  @Test("long queries (reranked by passage): each hit's BM25F part is the oracle's to 1e-6")
  func longQueries() throws {
    let fixture = try #require(Self.fixture)
    let searcher = Searcher(reader: try IndexReader(folder: fixture.folder))
    let planner = QueryPlanner()
    let stem = try Self.stemmer()
    for clauses in Self.randomQueries(count: 40, words: 5...7, seed: 5) {
      let query = clauses.map(\.text).joined(separator: " ")
      let expected = try Self.oracle(clauses, fixture.documents, stem: stem)
      let byDocument = Dictionary(uniqueKeysWithValues: expected.map { ($0.document, $0) })
      let hits = try searcher.search(try planner.plan(query, language: .english), .init(limit: 10, explain: true)).hits
      #expect(hits.count == min(10, expected.count), "\(query)")
      for hit in hits {
        let document = try Self.documentNumber(hit)
        let own = try #require(byDocument[document], "\(query): document \(document) should not match")
        let bm25 = (hit.explanation ?? []).filter { $0.label != Searcher.proximityLabel }.reduce(0) { $0 + $1.score }
        #expect(abs(bm25 - own.score) <= 1e-6, "\(query): document \(document) \(bm25) vs \(own.score)")
      }
    }
  }

  @Test("facets count every document the oracle matches, not only the hits")
  func facetTotals() throws {
    let fixture = try #require(Self.fixture)
    let searcher = Searcher(reader: try IndexReader(folder: fixture.folder))
    let planner = QueryPlanner()
    let stem = try Self.stemmer()
    for clauses in Self.randomQueries(count: 60, words: 1...5, seed: 11) {
      let query = clauses.map(\.text).joined(separator: " ")
      let expected = try Self.oracle(clauses, fixture.documents, stem: stem)
      let results = try searcher.search(try planner.plan(query, language: .english), .init(limit: 3, facets: true))
      let facets = try #require(results.facets)
      #expect(facets.total == expected.count, "\(query)")
      // The fixture's documents are all English, without date or source.
      #expect(facets.languages == (expected.isEmpty ? [:] : ["en": expected.count]), "\(query)")
      #expect(facets.years.isEmpty && facets.sources.isEmpty)
    }
    let none = try searcher.search(try planner.plan("network", language: .english), .init(limit: 3))
    #expect(none.facets == nil)
  }
}
