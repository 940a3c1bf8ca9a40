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
    "'aangewezen' (nl) in concept 'aanwijzen'":
      "the past participle of aanwijzen, an inflection the suffix rule misses",
    "'leveringsketen' (nl) in concept 'toeleveringsketen'":
      "a compound synonym (the chain of supply), not a generic head",
    // General words that EU acts and treaties use as the name itself;
    // cross-language search weighs them as general words.
    "'Commissie' (nl) in concept 'europese-commissie'": "de Commissie is the European Commission in every EU act",
    "'Unie' (nl) in concept 'europese-unie'": "de Unie is the European Union in every EU act and treaty",
    // Narrower terms whose modifier only says what the concept is anyway,
    // or that are the concept's own name in the act it comes from.
    "'Dutch House of Representatives' (en) in concept 'tweede-kamer'":
      "there is one; the modifier is for foreign readers",
    "'EU directive' (en) in concept 'richtlijn'": "a richtlijn in the texts we search is an EU directive",
    "'EU regulation' (en) in concept 'verordening'": "a verordening in the texts we search is an EU regulation",
    "'EU threshold' (en) in concept 'drempelwaarde'": "the procurement threshold is the EU's",
    "'Europese drempelwaarde' (nl) in concept 'drempelwaarde'": "the procurement threshold is the EU's",
    "'Gemeenschappelijke Onderneming EuroHPC' (nl) in concept 'eurohpc'": "the joint undertaking's full name",
    "'ICT third-party risk' (en) in concept 'derdepartijrisico'": "DORA's name for the concept",
    "'algemene inkoopvoorwaarden' (nl) in concept 'inkoopvoorwaarden'": "purchase conditions are general terms",
    "'als bedoeld in' (nl) in concept 'bedoeld-in'": "the same legal-drafting phrase (referred to in)",
    "'apply mutatis mutandis' (en) in concept 'van-overeenkomstige-toepassing'": "the phrase as acts write it",
    "'basic cyber hygiene' (en) in concept 'cyberhygiene'": "NIS 2's wording (basic cyber hygiene practices)",
    "'criminal offence' (en) in concept 'strafbaar-feit'": "an offence in the treaties is a criminal offence",
    "'data controller' (en) in concept 'verwerkingsverantwoordelijke'": "the GDPR's controller, named in full",
    "'data processor' (en) in concept 'verwerker'": "the GDPR's processor, named in full",
    "'externe inhuur' (nl) in concept 'inhuur'": "inhuur is external by definition",
    "'gerechtelijke procedure' (nl) in concept 'procedure'": "the concept's procedures are legal proceedings",
    "'government IT project' (en) in concept 'it-project'": "the concept is the government's IT projects",
    "'identificatie en authenticatie' (nl) in concept 'authenticatie'": "NIS 2's wording of the measure",
    "'identiteits- en toegangsbeheer' (nl) in concept 'toegangsbeheer'":
      "NIS 2's wording (identity and access management)",
    "'kosteloze rechtsbijstand' (nl) in concept 'rechtsbijstand'": "legal aid is free legal assistance",
    "'mutual legal assistance' (en) in concept 'rechtshulp'": "rechtshulp between states is mutual",
    "'national budget' (en) in concept 'begroting'": "the begroting is the state's",
    "'open strategic autonomy' (en) in concept 'strategische-autonomie'": "the EU's name for the policy",
    "'open strategische autonomie' (nl) in concept 'strategische-autonomie'": "the EU's name for the policy",
    "'personal data breach' (en) in concept 'datalek'": "the GDPR's name for a datalek",
    "'regional water authority' (en) in concept 'waterschap'": "a waterschap is regional",
    "'security incident' (en) in concept 'incident'": "the incidents of this concept are security incidents",
    "'shall apply' (en) in concept 'van-toepassing-zijn'": "the phrase as acts write it",
    "'shall enter into force' (en) in concept 'in-werking-treden'": "the phrase as acts write it",
    "'supply chain partner' (en) in concept 'ketenpartner'": "a chain partner is one in the supply chain",
    "'van toepassing' (nl) in concept 'toepassing'": "van toepassing is applicable, listed with its equivalent",
    "'wederzijdse rechtshulp' (nl) in concept 'rechtshulp'": "rechtshulp between states is mutual",
  ]

  @Test(
    "the bundled glossary: no synonym is a generic head, a general word or a narrower term, unless allowed with a reason"
  )
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
      // The preferred term with a modifier is a narrower concept: a query
      // for it would lose the modifier (#16: incident reporting obligation
      // found asylum law's meldplicht).
      (["meldplicht"], ["reporting obligation", "incident reporting obligation"], ["incident reporting obligation"]),
      (["taalmodel", "groot taalmodel"], ["language model"], ["groot taalmodel"]),
      // A modifier after the term, or a term inside another, is not this rule.
      (["meldplicht"], ["reporting obligation", "reporting obligations"], []),
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

  @Test(
    "a concept is general when its Dutch name is a general word of Dutch law",
    arguments: [
      ("termijn", true), ("wet", true), ("ketenveiligheid", false), ("beveiliging van de toeleveringsketen", false),
      ("NCTV", false),
    ])
  func general(_ example: (String, Bool)) {
    let concept = Concept(
      id: "c",
      terms: [Term(example.0, language: "nl", status: .preferred), Term("x", language: "en", status: .preferred)])
    #expect(Glossary(concepts: [concept]).isGeneral(concept) == example.1)
  }
}
