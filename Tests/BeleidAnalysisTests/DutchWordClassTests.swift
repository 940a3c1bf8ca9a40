import Testing

@testable import BeleidAnalysis

@Suite("Dutch word classes")
struct DutchWordClassTests {
  let classes = DutchWordClass()

  /// Needs the OpenTaal word list (wdutch), which `Scripts/require-packages` installs.
  var hasWordList: Bool { AnalysisResources.shared.dutchLexicon.count > 1_000 }

  @Test(
    "verb forms: infinitives, present, past, participles, separable and irregular verbs",
    arguments: [
      "versterken", "versterkt", "versterkte", "bepaalt", "bepaalde", "zetten", "geregeld", "opgeknipt", "overstappen",
      "groeit", "gaat", "werd", "bestaat", "voldoet",
    ])
  func verbs(_ word: String) {
    guard hasWordList || DutchWordClass.irregularVerbForms.contains(word) else {
      print("skipped: \(word): needs /usr/share/dict/dutch (wdutch)")
      return
    }
    #expect(classes.isVerbForm(word))
  }

  @Test(
    "nouns are not verb forms, plurals in -en included",
    arguments: [
      "sectoren", "afhankelijkheden", "autoriteiten", "maatregelen", "ketenveiligheid", "hyperscalers", "overheid",
      "diensten", "plan", "aanbestedingen", "uitvoering",
    ])
  func nouns(_ word: String) {
    #expect(!classes.isVerbForm(word))
  }

  @Test("a word in -en after an article or an inflected adjective is a noun", arguments: ["de", "het", "digitale"])
  func nounContext(_ previous: String) {
    #expect(classes.isNounAfter(previous))
  }

  @Test(
    "adjectives by suffix; comparatives; pronouns",
    arguments: [
      ("digitale", "adjective"), ("strategische", "adjective"), ("mogelijk", "adjective"), ("veiliger", "comparative"),
      ("makkelijker", "comparative"), ("we", "pronoun"), ("onze", "pronoun"), ("drie", "pronoun"),
      ("autonomie", "none"), ("leverancier", "none"),
    ])
  func otherClasses(_ word: String, _ expected: String) {
    #expect(classes.isAdjective(word) == (expected == "adjective"))
    #expect(classes.isComparative(word) == (expected == "comparative"))
    #expect(classes.isPronoun(word) == (expected == "pronoun"))
  }
}
