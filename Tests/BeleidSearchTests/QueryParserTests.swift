import BeleidAnalysis
import Testing

@testable import BeleidSearch

@Suite("Query parser")
struct QueryParserTests {
  @Test(
    "parses the query language",
    arguments: [
      ("ketenveiligheid", QueryNode.word("ketenveiligheid", column: 1)),
      ("cloud security", .sequence([.word("cloud", column: 1), .word("security", column: 7)])),
      ("a AND b", .and([.word("a", column: 1), .word("b", column: 7)])),
      ("a OR b c", .or([.word("a", column: 1), .sequence([.word("b", column: 6), .word("c", column: 8)])])),
      ("+zorgplicht -cloud", .sequence([.must(.word("zorgplicht", column: 2)), .mustNot(.word("cloud", column: 14))])),
      ("NOT cloud x", .sequence([.mustNot(.word("cloud", column: 5)), .word("x", column: 11)])),
      (#""digitale autonomie"~3"#, .phrase("digitale autonomie", slop: 3, column: 1)),
      ("cyber*", .prefix("cyber", column: 1)),
      ("beveliging~1", .fuzzy("beveliging", distance: 1, column: 1)),
      ("beveliging~", .fuzzy("beveliging", distance: 2, column: 1)),
      ("(a OR b) AND c", .and([.or([.word("a", column: 2), .word("b", column: 7)]), .word("c", column: 14)])),
      ("title:cloud", .title(.word("cloud", column: 7))),
      ("lang:nl x", .sequence([.filter(.language("nl")), .word("x", column: 9)])),
      ("x source:EUR-Lex", .sequence([.word("x", column: 1), .filter(.source("EUR-Lex"))])),
      ("NIS2-richtlijn", .word("NIS2-richtlijn", column: 1)),
      ("art. 3:4", .sequence([.word("art.", column: 1), .word("3:4", column: 6)])),
    ])
  func parses(_ example: (String, QueryNode)) throws {
    #expect(try QueryParser().parse(example.0) == example.1)
  }

  @Test("date ranges, open ends and whole years")
  func dates() throws {
    #expect(
      try QueryParser().parse("x date:2025-01-01..2026-12-31")
        == .sequence([.word("x", column: 1), .filter(.date(from: 20089, to: 20818))]))
    #expect(try QueryParser().parse("date:2026") == .filter(.date(from: 20454, to: 20818)))
    #expect(try QueryParser().parse("date:2026-01..") == .filter(.date(from: 20454, to: nil)))
  }

  @Test(
    "errors name the column",
    arguments: [
      (#"zorg "plicht"#, 6, "unbalanced quote"),
      ("(a OR b", 1, "unbalanced '('"),
      ("a OR b)", 7, "unbalanced ')'"),
      ("AND", 1, "AND needs"),
      ("a OR", 3, "OR needs"),
      ("a AND AND b", 3, "AND needs"),
      ("+", 1, "'+' needs"),
      ("-", 1, "'-' needs"),
      ("()", 1, "empty parentheses"),
      ("", 1, "empty"),
      ("lang:fr x", 6, "lang: takes nl or en"),
      ("date:2026-13-01", 6, "not a date"),
      ("date:2027..2026", 6, "ends before it starts"),
      ("x~7", 2, "fuzzy distance"),
      ("a*", 1, "prefix needs"),
    ])
  func errors(_ example: (String, Int, String)) {
    do {
      _ = try QueryParser().parse(example.0)
      Issue.record("\(example.0) parsed")
    } catch let error as QueryParseError {
      #expect(error.column == example.1, "\(error)")
      #expect(error.message.contains(example.2), "\(error)")
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test("a query of only stop words names the first word's column")
  func stopWordsOnly() {
    #expect(throws: QueryParseError("the query has only stop words (de, het, the, of, …)", column: 1)) {
      try QueryPlanner().plan("de het", language: .dutch)
    }
    #expect(throws: QueryParseError.self) { try QueryPlanner().plan("-cloud", language: .dutch) }
  }

  @Test("compounds and hyphenated words become variants")
  func variants() throws {
    let plan = try QueryPlanner().plan("ketenveiligheid NIS2-richtlijn", language: .dutch)
    let matches = plan.leaves.flatMap { $0.options.map(\.match.description) }
    #expect(matches == ["ketenveil", "keten+veilig", "nis2richtlijn", "\"nis2 richtlijn\""])
  }
}
