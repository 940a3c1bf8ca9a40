import BeleidAnalysis
import BeleidDocuments
import BeleidIndex
import BeleidTestSupport
import Foundation
import Testing

@testable import BeleidSearch

/// Queries a user or an attacker may type: each is an error with a column,
/// never a crash, and dates mean the days they name.
@Suite("Query limits and dates")
struct QueryLimitsTests {
  /// Parses and plans, returning the error message or nil.
  static func failure(_ text: String) -> String? {
    do {
      _ = try QueryPlanner().plan(try QueryParser().parse(text), language: .dutch)
      return nil
    } catch {
      return "\(error)"
    }
  }

  @Test(
    "nested groups: fine up to the limit, an error past it (C1)",
    arguments: [
      (QueryParser.maximumDepth - 1, true), (QueryParser.maximumDepth, true), (QueryParser.maximumDepth + 1, false),
      (10 * QueryParser.maximumDepth, false),
    ])
  func nestedParentheses(_ example: (depth: Int, accepted: Bool)) {
    let text = String(repeating: "(", count: example.depth) + "cloud" + String(repeating: ")", count: example.depth)
    let failure = Self.failure(text)
    #expect((failure == nil) == example.accepted, "\(failure ?? "accepted")")
    if !example.accepted { #expect(failure?.contains("nests more than") == true) }
  }

  /// Queries that crashed fdeb881, by name (their text is too long to
  /// print as a test argument).
  static let crashingQueries: [String: String] = [
    "15,000 nested parentheses": String(repeating: "(", count: 15_000) + "x" + String(repeating: ")", count: 15_000),
    "60,000 unclosed (": String(repeating: "(", count: 60_000),
    "30,000 (-": String(repeating: "(-", count: 30_000),
    "30,000 NOT": String(repeating: "NOT ", count: 30_000) + "cloud",
    "2,000 NOT": String(repeating: "NOT ", count: 2_000) + "cloud",
    "3,000 (-": String(repeating: "(-", count: 3_000) + "x",
    "3,000 +(": String(repeating: "+(", count: 3_000) + "x",
  ]

  @Test("what crashed fdeb881 is an error now (C1, C2)", arguments: crashingQueries.keys.sorted())
  func formerCrashes(_ name: String) throws {
    let failure = Self.failure(try #require(Self.crashingQueries[name]))
    #expect(failure != nil)
    #expect(failure?.contains("query error at column") == true, "\(failure ?? "")")
  }

  @Test("NOT chains within the limit still mean NOT")
  func notChain() throws {
    let node = try QueryParser().parse("cloud " + String(repeating: "NOT ", count: 3) + "dora")
    guard case .sequence(let clauses) = node, case .mustNot(.mustNot(.mustNot(.word("dora", _)))) = clauses[1] else {
      Issue.record("unexpected \(node)")
      return
    }
  }

  @Test("a tree built by hand deeper than the limit is refused by the planner")
  func deepTreeToPlanner() {
    var node = QueryNode.word("cloud", column: 1)
    for _ in 0..<5_000 { node = .must(node) }
    #expect(throws: QueryParseError.self) { try QueryPlanner().plan(node, language: .dutch) }
    #expect(node.depth == 5_001)
  }

  @Test("at most 16 prefix and fuzzy words in a query")
  func expansionBudget() {
    let words = (0..<QueryParser.maximumExpansions).map { "woord\($0)~1" }
    #expect(Self.failure(words.joined(separator: " ")) == nil)
    let tooMany = (0..<100).map { "woord\($0)~2" }.joined(separator: " ")
    let failure = Self.failure(tooMany)
    #expect(failure?.contains("at most \(QueryParser.maximumExpansions) prefix (*) and fuzzy (~) words") == true)
    #expect(Self.failure((0..<17).map { "ab\($0)*" }.joined(separator: " ")) != nil)
  }

  @Test("a query over 10,000 characters is refused")
  func length() {
    #expect(Self.failure(String(repeating: "cloud ", count: 1_600)) == nil)
    #expect(Self.failure(String(repeating: "cloud ", count: 1_700))?.contains("longer than 10000") == true)
  }

  @Test(
    "date filters cover the days they name (Q1)",
    arguments: [
      ("date:2026-1", "2026-01-01", "2026-01-31"),
      ("date:2026-01", "2026-01-01", "2026-01-31"),
      ("date:2026-2", "2026-02-01", "2026-02-28"),
      ("date:2024-02", "2024-02-01", "2024-02-29"),
      ("date:2026-12", "2026-12-01", "2026-12-31"),
      ("date:2026", "2026-01-01", "2026-12-31"),
      ("date:2026-3-5", "2026-03-05", "2026-03-05"),
      ("date:2025-11..2026-1", "2025-11-01", "2026-01-31"),
    ])
  func dateRanges(_ example: (query: String, from: String, to: String)) throws {
    let node = try QueryParser().parse(example.query)
    guard case .filter(.date(let from?, let to?)) = node else {
      Issue.record("not a closed date range: \(node)")
      return
    }
    #expect(DocumentDate.string(from) == example.from)
    #expect(DocumentDate.string(to) == example.to)
  }

  @Test(
    "impossible dates are errors (Q2)",
    arguments: [
      "date:2026-02-31", "date:2026-02-29", "date:+202", "date:2026-13", "date:2026-00", "date:2026-99-99",
      "date:20261", "date:2026-1-", "date:-2026", "date:２０２６", "date:2026-04-31",
    ])
  func impossibleDates(_ query: String) {
    let failure = Self.failure(query + " cloud")
    #expect(failure?.contains("is not a date") == true, "\(failure ?? "accepted")")
  }

  @Test("a search over its time limit stops with SearchError")
  func timeLimit() throws {
    let corpus = try TestCorpus()
    try corpus.add("a.md", title: "A", body: "ketenveiligheid en cloud")
    let folder = try corpus.indexFolder()
    _ = try IndexWriter(folder: folder).index(paths: [corpus.folder.path])
    let searcher = Searcher(reader: try IndexReader(folder: folder))
    let plan = try QueryPlanner().plan("ketenveilgheid~2 cloud*", language: .dutch)
    #expect(throws: SearchError(.timeLimit(.zero))) {
      try searcher.search(plan, .init(timeLimit: .zero))
    }
    #expect(try searcher.search(plan, .init(timeLimit: .seconds(60))).hits.count == 1)
  }
}
