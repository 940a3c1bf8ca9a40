import BeleidAnalysis
import BeleidDocuments
import BeleidGlossary
import BeleidTestSupport
import Foundation

/// A matcher over the curated glossary (a new one each time: matchers are
/// not `Sendable`).
var bundledMatcher: TermMatcher { TermMatcher(glossary: bundledGlossary) }

/// A document made in the test, with a fixed path.
func document(
  _ body: String, title: String = "Test", date: String? = nil, language: Language? = .dutch, source: String? = nil,
  url: String? = nil, path: String = "/fixtures/test.md"
) -> Document {
  Document(
    key: path, path: path, title: title, body: body, date: date, language: language, source: source, url: url,
    format: "markdown")
}

/// A short Dutch news text about supply chain security, written for the tests.
let newsArticle = """
  Het kabinet wil de ketenveiligheid van vitale aanbieders versterken met de Cyberbeveiligingswet.

  De wet zet de NIS2-richtlijn om in Nederlands recht en geldt voor ongeveer achtduizend organisaties. \
  Organisaties moeten hun leveranciers beter controleren, omdat aanvallen steeds vaker via de keten verlopen. \
  Dit vraagt veel van kleine bedrijven.

  De toezichthouder krijgt meer bevoegdheden om de zorgplicht te handhaven. \
  Daarnaast komt er een meldplicht voor ernstige incidenten binnen vierentwintig uur. \
  Gemeenten en provincies vallen ook onder de wet. \
  Volgens de minister is ketenveiligheid de komende jaren de grootste uitdaging voor de digitale weerbaarheid van Nederland. \
  Het Nationaal Cyber Security Centrum helpt organisaties met de voorbereiding.
  """
