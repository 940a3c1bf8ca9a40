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
        "De ketenveiligheid van de hyperscalers. Ketenveiligheid blijft lastig.",
        "De ketenveiligheid (supply chain security) van de hyperscalers. Ketenveiligheid blijft lastig."
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

  @Test(
    "glossing with restraint: general words, quotations, names, word class",
    arguments: [
      // General concepts (marked general, or a general word of Dutch law) are not glossed.
      ("De overheid, het beleid en de coalitie volgen de richtlijn.", nil),
      // Not inside quotation marks, of any kind; apostrophes close nothing.
      ("Nederland wordt ‘opschaalland’ voor AI.", nil),
      ("De minister sprak van “ketenveiligheid voor iedereen” op de pagina’s van het rapport.", nil),
      ("Hij zei: \"ketenveiligheid is lastig\".", nil),
      ("Dat kost pagina’s over ketenveiligheid.", "Dat kost pagina’s over ketenveiligheid (supply chain security)."),
      // Not one word of a longer name; a name the glossary holds is glossed whole.
      ("De Stichting Digitale Autonomie Nederland organiseert een congres.", nil),
      // Nor a name inside a compound: a state commission is not the Commission.
      ("De staatscommissie adviseert het kabinet.", nil),
      // A concept that is only names matches only capitalised text; words run together are not a term.
      ("Een orgaan dat namens die autoriteiten persoonsgegevens verwerkt.", nil),
      ("Diensten die deze informatie verspreiden.", nil),
      (
        "De Rijksinspectie Digitale Infrastructuur houdt toezicht.",
        "De Rijksinspectie Digitale Infrastructuur (Dutch Authority for Digital Infrastructure) houdt toezicht."
      ),
      // A verb is not glossed with a noun's equivalent, nor a verb phrase.
      ("Organisaties moeten de plannen uitvoeren.", nil),
      ("Zij moeten alle relevante informatie uitwisselen met elkaar.", nil),
      // A word in -en after an adjective or article is a noun: aanvallen here is attacks.
      ("Er komen grootschalige digitale aanvallen.", "Er komen grootschalige digitale aanvallen (cyber attack)."),
      // The equivalent renders the synonym that matched, not only the preferred term.
      (
        "De bevoegde autoriteiten en de transparantie.",
        "De bevoegde autoriteiten (competent authority) en de transparantie (transparency)."
      ),
    ] as [(String, String?)])
  func restraint(_ example: (text: String, glossed: String?)) throws {
    let glossed = try Glosser(matcher: bundledMatcher).gloss([example.text], language: .dutch, target: .english)
    #expect(glossed.first?.text == (example.glossed ?? example.text))
  }

  @Test("an English name is not matched as a common noun: defence is not Ministerie van Defensie")
  func namesKeepTheirCase() throws {
    let glosser = Glosser(matcher: bundledMatcher)
    let common = try glosser.gloss(["Spending on defence grows."], language: .english, target: .dutch)
    #expect(common.first?.text == "Spending on defence grows.")
    let name = try glosser.gloss(["The Ministry of Defence agrees."], language: .english, target: .dutch)
    #expect(name.first?.text == "The Ministry of Defence (Ministerie van Defensie) agrees.")
  }

  @Test("quotations: ranges of each kind of mark; apostrophes inside words close nothing")
  func quotations() {
    let text = "Zo ‘pilotland’ en “opschaalland” en \"x\", maar pagina’s en IT’ers niet."
    let ranges = Glosser.quotations(in: Array(text.utf8))
    let quoted = ranges.map { String(decoding: Array(text.utf8)[$0], as: UTF8.self) }
    #expect(quoted == ["‘pilotland’", "“opschaalland”", "\"x\""])
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
