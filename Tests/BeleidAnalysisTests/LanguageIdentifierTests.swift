import BeleidAnalysis
import Foundation
import Testing

@Suite("Language identification")
struct LanguageIdentifierTests {
  @Test(
    "short queries and sentences",
    arguments: [
      ("supply chain security", Language.english),
      ("ketenveiligheid", .dutch),
      ("digitale autonomie", .dutch),
      ("zorgplicht en meldplicht", .dutch),
      ("duty of care", .english),
      ("De minister stuurt de Kamer een brief over de Cyberbeveiligingswet.", .dutch),
      ("The minister sends parliament a letter about the Cybersecurity Act.", .english),
      ("essentiële entiteiten", .dutch),
      ("essential entities", .english),
      ("inlichtingendiensten", .dutch),
    ])
  func identifies(_ example: (String, Language)) {
    #expect(LanguageIdentifier().identify(example.0).language == example.1)
  }

  /// The 200 queries of `Tests/Data/query-languages.tsv`: language,
  /// split, query.
  static func querySet() throws -> [(language: String, split: String, query: String)] {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../Data/query-languages.tsv")
    return try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
      .filter { !$0.hasPrefix("#") }
      .map { line in
        let fields = line.split(separator: "\t", maxSplits: 2).map(String.init)
        return (fields[0], fields[1], fields[2])
      }
  }

  @Test(
    "240 short queries written for the purpose: at least 98% of the first 200, 97.5% of each half with the one-word ones"
  )
  func querySetAccuracy() throws {
    let identifier = LanguageIdentifier()
    let rows = try Self.querySet()
    #expect(rows.count == 240)
    // Undetermined is Dutch, as the query planner takes it.
    func misses(_ rows: some Collection<(language: String, split: String, query: String)>) -> [String] {
      rows.filter { (identifier.identify($0.query, query: true).language?.code ?? "nl") != $0.language }.map(\.query)
    }
    let first = misses(rows.prefix(200))
    #expect(first.count <= 4, "\(first)")
    for split in ["train", "test"] {
      let part = rows.filter { $0.split == split }
      let missed = misses(part)
      #expect(Double(part.count - missed.count) / Double(part.count) >= 0.975, "\(split): \(missed)")
    }
  }

  @Test(
    "a query: acronyms do not vote, English loans vote by their shape, unknown words and lone loans keep Dutch",
    arguments: [
      ("Dutch Cybersecurity Act NIS2 transposition", Language.english),
      ("data processing agreement", .english),
      ("ransomware attack", .english),
      ("CSIRT sectors", .english),
      ("CSIRT sectoren", .dutch),
      ("gijzelsoftware aanval", .dutch),
      ("AI in het onderwijs", .dutch),
      ("AI in education", .english),
      // Words neither list knows keep Dutch, the default: a compound votes
      // Dutch, an unknown loan nothing.
      ("quantumcomputer", .dutch),
      ("hyperscalers", .dutch),
      // One word in both lists decides by its look only with a whole vote:
      // lobby and cloud look a little English, deadline beyond doubt.
      ("lobby", .dutch),
      ("cloud", .dutch),
      ("deadline", .english),
      ("cloud services", .english),
    ])
  func queries(_ example: (String, Language)) {
    // Undetermined is Dutch, as the query planner takes it.
    #expect((LanguageIdentifier().identify(example.0, query: true).language ?? .dutch) == example.1)
  }

  @Test("a query of acronyms alone is undetermined; a document's acronyms still vote")
  func acronyms() {
    #expect(LanguageIdentifier().identify("NIS2 CSIRT", query: true).language == nil)
    #expect(LanguageIdentifier().identify("NIS2 CSIRT").dutchVotes > 0)
  }

  @Test(
    "a word's shape: English loans look English, Dutch words and compounds look Dutch",
    arguments: [
      ("processing", true), ("agreement", true), ("requirements", true), ("throughput", true),
      ("verwerking", false), ("ketenveiligheid", false), ("toezichthouder", false), ("gijzelsoftware", false),
    ])
  func shapes(_ example: (String, Bool)) {
    let odds = Array(example.0.utf8).withUnsafeBytes { AnalysisResources.shared.wordShapes.englishLogOdds($0) }
    #expect((odds > 0) == example.1, "\(example.0): \(odds)")
  }

  @Test("a text without words is undetermined")
  func undetermined() {
    let result = LanguageIdentifier().identify("2026 — 1.234,56")
    #expect(result.language == nil)
    #expect(result.confidence == 0)
  }

  @Test("language codes parse")
  func codes() {
    #expect(Language(code: "NL") == .dutch)
    #expect(Language(code: "english") == .english)
    #expect(Language(code: "fr") == nil)
  }
}
