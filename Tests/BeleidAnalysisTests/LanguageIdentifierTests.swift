import BeleidAnalysis
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
