import BeleidAnalysis
import BeleidIndex
import BeleidTestSupport
import Foundation
import Testing

@testable import BeleidSearch

@Suite("Proximity")
struct ProximityTests {
  @Test(
    "the best window sums the weights of the distinct clauses within 40 positions",
    arguments: [
      ([], 0),
      ([(5, 0)], 1),
      ([(0, 0), (39, 1)], 3),  // 39 apart: one window
      ([(0, 0), (40, 1)], 2),  // 40 apart: two windows, the heavier wins
      ([(0, 0), (1, 0), (2, 0)], 1),  // a leaf counts once
      ([(0, 0), (50, 1), (60, 2), (70, 0)], 7),  // 50...70 holds all three
      ([(0, 2), (10, 2), (100, 0), (120, 1), (139, 0)], 4),
    ] as [([(UInt32, Int)], Double)])
  func bestWindow(occurrences: [(UInt32, Int)], expected: Double) {
    let weights = [1.0, 2.0, 4.0]
    #expect(Proximity.bestWindow(occurrences.map { ($0.0, $0.1) }, weights: weights) == expected)
  }

  @Test("the best window equals the best of every window, on random occurrences")
  func bestWindowMatchesBruteForce() {
    var random = SeededRandom(seed: 40)
    for _ in 0..<300 {
      let weights = (0..<6).map { _ in Double.random(in: 0.1...5, using: &random) }
      let occurrences = (0..<Int.random(in: 0...30, using: &random)).map { _ in
        (position: UInt32.random(in: 0...300, using: &random), leaf: Int.random(in: 0..<6, using: &random))
      }.sorted { $0.position < $1.position }
      var best = 0.0
      for start in occurrences.map(\.position) {
        let inside = Set(
          occurrences.filter { $0.position >= start && $0.position < start + Proximity.width }.map(\.leaf))
        best = max(best, inside.reduce(0) { $0 + weights[$1] })
      }
      #expect(abs(Proximity.bestWindow(occurrences, weights: weights) - best) < 1e-9)
    }
  }

  /// Two documents of the same length with the same five words: one
  /// holds each word twice, scattered 45 words apart; the other once,
  /// side by side.
  static func index() throws -> String {
    let words = ["raad", "besluit", "juli", "wet", "kamer"]
    let filler = Array(repeating: "tekst", count: 44)
    let scattered = (words + words).flatMap { [$0] + filler }
    let together = words + Array(repeating: "tekst", count: scattered.count - words.count)
    let corpus = try TestCorpus()
    try corpus.add("scattered.md", title: "Verspreid", body: scattered.joined(separator: " "))
    try corpus.add("together.md", title: "Samen", body: together.joined(separator: " "))
    for number in 0..<3 { try corpus.add("other\(number).md", title: "Ander \(number)", body: "Iets anders.") }
    let folder = try corpus.indexFolder()
    _ = try IndexWriter(folder: folder).index(paths: [corpus.folder.path])
    return folder
  }

  @Test("a long query ranks the document holding its words together first; a short one is left to BM25")
  func longQueriesPreferPassages() throws {
    let searcher = Searcher(reader: try IndexReader(folder: try Self.index()))
    let planner = QueryPlanner()
    let long = try searcher.search(
      try planner.plan("raad besluit juli wet kamer", language: .dutch), .init(explain: true))
    #expect(long.hits.compactMap(\.title) == ["Samen", "Verspreid"])
    // The passage score is part of the explained score.
    let passage = try #require(long.hits.first?.explanation?.first { $0.label == Searcher.proximityLabel })
    #expect(passage.score > 0)
    for hit in long.hits { #expect(abs(hit.score - hit.rankingScore) < 1e-9) }
    // Four words: coordination and BM25 alone; twice each wins.
    let short = try searcher.search(
      try planner.plan("raad besluit juli wet", language: .dutch), .init(explain: true))
    #expect(short.hits.compactMap(\.title) == ["Verspreid", "Samen"])
    #expect(short.hits.allSatisfy { $0.explanation?.contains { $0.label == Searcher.proximityLabel } == false })
  }

  @Test("a phrase counts where it stands, a compound where its parts do")
  func phrasesAndCompounds() throws {
    let corpus = try TestCorpus()
    // "in werking" together only in the second; ketenveiligheid as a word
    // in the first and as parts far apart in the second.
    try corpus.add(
      "a.md", title: "A",
      body: "Het besluit over ketenveiligheid treedt op een dag in werking. " + String(repeating: "tekst ", count: 60))
    try corpus.add(
      "b.md", title: "B",
      body: "Het besluit treedt op een dag in " + String(repeating: "tekst ", count: 60) + " werking keten veiligheid.")
    for number in 0..<3 { try corpus.add("other\(number).md", title: "Ander \(number)", body: "Iets anders.") }
    let folder = try corpus.indexFolder()
    _ = try IndexWriter(folder: folder).index(paths: [corpus.folder.path])
    let searcher = Searcher(reader: try IndexReader(folder: folder))
    let plan = try QueryPlanner().plan(#"besluit ketenveiligheid treedt dag "in werking""#, language: .dutch)
    let hits = try searcher.search(plan, .init(explain: true)).hits
    #expect(hits.first?.title == "A")
    let passages = hits.map { hit in hit.explanation?.first { $0.label == Searcher.proximityLabel }?.score ?? 0 }
    #expect(passages.count == 2 && passages[0] > passages[1])
  }
}
