import BeleidAnalysis
import Foundation
import Testing

@testable import BeleidSummary

@Suite("Glossing")
struct GlosserTests {
  @Test(
    "terms are glossed once, after their first occurrence",
    arguments: [
      (
        "De ketenveiligheid van de overheid. Ketenveiligheid blijft lastig.",
        "De ketenveiligheid (supply chain security) van de overheid (government). Ketenveiligheid blijft lastig."
      ),
      // Names of countries and drafting words stay quiet; AI is English too.
      ("Nederland investeert in AI.", "Nederland investeert in AI."),
      // A term inside a longer compound is named.
      (
        "De ketenveiligheidseisen zijn streng.",
        "De ketenveiligheidseisen (ketenveiligheid: supply chain security) zijn streng."
      ),
    ])
  func dutchToEnglish(_ example: (text: String, glossed: String)) throws {
    let glossed = try Glosser(matcher: bundledMatcher).gloss([example.text], language: .dutch, target: .english)
    #expect(glossed.first?.text == example.glossed)
  }

  @Test("a concept glossed in one text is not glossed again in the next; HTML is escaped")
  func acrossTexts() throws {
    let glossed = try Glosser(matcher: bundledMatcher).gloss(
      ["Ketenveiligheid <nu>.", "Weer ketenveiligheid & meer."], language: .dutch, target: .english)
    #expect(glossed[0].text == "Ketenveiligheid (supply chain security) <nu>.")
    #expect(glossed[0].html.contains("&lt;nu&gt;") && glossed[0].html.contains("<span style="))
    #expect(glossed[1].text == "Weer ketenveiligheid & meer.")
    #expect(glossed[1].html == "Weer ketenveiligheid &amp; meer.")
  }

  @Test("English into Dutch, and nothing to do when the languages agree")
  func otherWay() throws {
    let glosser = Glosser(matcher: bundledMatcher)
    let english = try glosser.gloss(["Supply chain security matters."], language: .english, target: .dutch)
    // The glossary has two Dutch concepts for it; the NIS2 wording comes first.
    let text = try #require(english.first?.text)
    #expect(
      [
        "Supply chain security (ketenveiligheid) matters.",
        "Supply chain security (beveiliging van de toeleveringsketen) matters.",
      ].contains(text), "\(text)")
    let same = try glosser.gloss(["Ketenveiligheid."], language: .dutch, target: .dutch)
    #expect(same.first?.text == "Ketenveiligheid." && same.first?.glosses.isEmpty == true)
  }
}
