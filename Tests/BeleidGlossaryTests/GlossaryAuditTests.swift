import BeleidAnalysis
import BeleidTestSupport
import Testing

@testable import BeleidGlossary

@Suite("Glossary audit")
struct GlossaryAuditTests {
  /// Synonyms the audit's rules flag that are real synonyms all the same,
  /// each with the reason (concept id, term).
  static let allowed: [String: String] = [
    "'proceedings' (en) in concept 'procedure'":
      "proceedings alone means legal proceedings in the treaties and acts this concept serves",
    "'inwoner' (nl) in concept 'ingezetene'": "tax treaties' word for a resident (inwoner van een van de Staten)",
    "'ingeval' (nl) in concept 'in-geval-van'": "a spelling of in geval van",
    "'indien' (nl) in concept 'in-geval-van'": "the same legal-drafting connector (where, if)",
    "'teneinde' (nl) in concept 'met-het-oog-op'": "the same legal-drafting connector (in order to)",
    "'onverwijld' (nl) in concept 'zo-spoedig-mogelijk'": "the same legal-drafting phrase (without delay)",
    "'aangewezen' (nl) in concept 'aanwijzen'": "the past participle of aanwijzen, an inflection the suffix rule misses",
    "'leveringsketen' (nl) in concept 'toeleveringsketen'": "a compound synonym (the chain of supply), not a generic head",
    // General words that EU acts and treaties use as the name itself;
    // cross-language search weighs them as general words.
    "'Commissie' (nl) in concept 'europese-commissie'": "de Commissie is the European Commission in every EU act",
    "'Unie' (nl) in concept 'europese-unie'": "de Unie is the European Union in every EU act and treaty",
  ]

  @Test("the bundled glossary: no synonym is a generic head or a general word, unless allowed with a reason")
  func bundled() {
    let findings = bundledGlossary.audit().filter { issue in
      !Self.allowed.keys.contains { issue.message.contains($0) }
    }
    #expect(findings.isEmpty, "\(findings.map(\.message).joined(separator: "\n"))")
  }

  @Test("every allowed synonym is still in the glossary and still flagged")
  func allowedAreCurrent() {
    let messages = bundledGlossary.audit().map(\.message)
    for key in Self.allowed.keys {
      #expect(messages.contains { $0.contains(key) }, "\(key) is no longer flagged; drop it from the list")
    }
  }

  @Test(
    "the rules on single concepts",
    arguments: [
      // (Dutch terms, English terms, flagged synonyms)
      (["toeleveringsketen", "keten"], ["supply chain"], ["keten"]),
      (["bestuurlijke boete", "boete"], ["administrative fine", "fine"], ["boete", "fine"]),
      (["Europese Commissie", "Commissie"], ["European Commission"], ["Commissie"]),
      // A country's short name is the same country, not a wider class.
      (["Bondsrepubliek Duitsland", "Duitsland"], ["Federal Republic of Germany", "Germany"], []),
      // Inflected forms and abbreviations pass.
      (["beveiligingsincident", "beveiligingsincidenten"], ["security incident"], []),
      (["algemene maatregel van bestuur", "AMvB"], ["order in council"], []),
      // A general concept (its name is a general word: termijn) may list
      // general synonyms; it weighs less as a whole.
      (["termijn", "periode"], ["time limit", "period"], []),
      (["ketenveiligheid", "periode"], ["supply chain security"], ["periode"]),
    ])
  func rules(_ example: ([String], [String], [String])) {
    func terms(_ texts: [String], _ language: String) -> [Term] {
      texts.enumerated().map { Term($1, language: language, status: $0 == 0 ? .preferred : .admitted) }
    }
    let glossary = Glossary(concepts: [Concept(id: "c", terms: terms(example.0, "nl") + terms(example.1, "en"))])
    let flagged = glossary.audit().compactMap { issue in
      (example.0 + example.1).first { issue.message.hasPrefix("'\($0)'") }
    }
    #expect(flagged.sorted() == example.2.sorted())
  }

  @Test("a concept is general when its Dutch name is a general word of Dutch law", arguments: [
    ("termijn", true), ("wet", true), ("ketenveiligheid", false), ("beveiliging van de toeleveringsketen", false),
    ("NCTV", false),
  ])
  func general(_ example: (String, Bool)) {
    let concept = Concept(
      id: "c", terms: [Term(example.0, language: "nl", status: .preferred), Term("x", language: "en", status: .preferred)])
    #expect(Glossary(concepts: [concept]).isGeneral(concept) == example.1)
  }
}
