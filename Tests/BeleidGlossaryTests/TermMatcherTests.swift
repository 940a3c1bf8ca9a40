import BeleidAnalysis
import BeleidGlossary
import BeleidTestSupport
import Foundation
import Testing

@Suite("Looking up and finding glossary terms")
struct TermMatcherTests {
  let matcher = TermMatcher(glossary: bundledGlossary)

  @Test(
    "lookup in either language: exact, inflected, inside compounds and longer text",
    arguments: [
      ("ketenveiligheid", "ketenveiligheid", TermMatcher.MatchKind.exact),
      ("supply chain security", "ketenveiligheid", .exact),
      ("Supply-Chain Security", "ketenveiligheid", .exact),
      ("NIS 2-richtlijn", "nis2-richtlijn", .exact),
      ("nis2 richtlijn", "nis2-richtlijn", .exact),
      ("NIS2richtlijn", "nis2-richtlijn", .exact),
      ("essentiele entiteit", "essentiele-entiteit", .exact),
      ("Europese aanbestedingen", "europese-aanbesteding", .inflected),
      ("toezichthouders", "toezichthouder", .inflected),
      ("supply chains", "toeleveringsketen", .inflected),
      ("policies", "beleid", .inflected),
      ("ketenveiligheidseisen", "ketenveiligheid", .compound),
      ("overheidsaanbestedingen", "aanbesteding", .compound),
      ("de zorgplicht voor bestuurders", "zorgplicht", .contained),
    ])
  func lookup(_ example: (String, String, TermMatcher.MatchKind)) throws {
    let result = try matcher.lookup(example.0)
    let first = try #require(result.matches.first, "nothing for \(example.0)")
    #expect(bundledGlossary.concepts[first.concept].id == example.1, "\(example.0)")
    #expect(first.kind == example.2, "\(example.0): \(first.kind)")
  }

  /// Words that hold a term's letters by derivation, not by compounding,
  /// and compounds that must still be found.
  static let derivations: [(word: String, compound: String?)] = [
    ("vergunning", nil),  // ver + gunning is a permit, not a contract award
    ("hercertificering", nil),
    ("contractueel", nil),
    ("gemeentelijke", nil),
    ("persoonlijke", nil),
    ("vervoerders", nil),  // carriers, not transport
    ("vervoerder", nil),
    ("indiening", nil),  // submission; Snowball stems it as indien (if)
    ("Nederlanders", nil),
    ("veerkrachtige", nil),
    ("beleidsmakers", "beleid"),
    ("algoritmegovernance", "algoritme"),
    ("cyberbeveiligingsincident", "beveiligingsincident"),
    ("certificeringsinstantie", "certificering"),
  ]

  @Test(
    "a term inside a word, or inflected, is found only where the word compounds or inflects it",
    arguments: derivations)
  func derivation(_ example: (word: String, compound: String?)) throws {
    let compounds = try matcher.lookup(example.word).matches.filter { $0.kind == .compound || $0.kind == .inflected }
    if let expected = example.compound {
      #expect(compounds.contains { $0.term.text == expected }, "\(example.word): \(compounds.map(\.term.text))")
    } else {
      #expect(compounds.isEmpty, "\(example.word): \(compounds.map(\.term.text))")
    }
  }

  @Test("ketenveiligheid and supply chain security find each other")
  func bothWays() throws {
    let dutch = try #require(try matcher.lookup("ketenveiligheid").matches.first)
    let english = try #require(try matcher.lookup("supply chain security").matches.first)
    #expect(dutch.concept == english.concept)
    let concept = bundledGlossary.concepts[dutch.concept]
    #expect(concept.preferred(in: .english)?.text == "supply chain security")
    #expect(concept.terms(in: .dutch).contains { $0.text == "ketenveiligheid" })
  }

  @Test(
    "typos get 'did you mean' suggestions",
    arguments: [
      ("ketenveilgheid", "ketenveiligheid"), ("cyberbeveilingswet", "Cyberbeveiligingswet"),
      ("minderheidskabniet", "minderheidskabinet"), ("hyperscalre", "hyperscaler"), ("ketenveil", "ketenveiligheid"),
    ])
  func suggestions(_ example: (String, String)) throws {
    let result = try matcher.lookup(example.0)
    #expect(result.matches.isEmpty)
    #expect(result.suggestions.map(\.text).contains(example.1), "\(result.suggestions)")
  }

  @Test("a stem shared by accident is not a match: conference is not confer")
  func overstemming() throws {
    let result = try matcher.lookup("conference")
    #expect(!result.matches.contains { bundledGlossary.concepts[$0.concept].id == "verlenen" })
  }

  @Test(
    "an empty lookup or one of 10,000 characters gets a clear message",
    arguments: [
      ("", "empty"), ("   ", "empty"), (String(repeating: "a", count: 10_000), "10000 characters"),
      ("!?", "no letters"),
    ])
  func badLookups(_ example: (String, String)) throws {
    let error = try #require(throws: GlossaryError.self) { try matcher.lookup(example.0) }
    #expect(error.reason.contains(example.1), "\(error)")
  }

  @Test("finds terms in text longest first, with byte ranges; abbreviations only in capitals")
  func occurrences() throws {
    let text = "De NCTV wil beveiliging van de toeleveringsketen; de bio-industrie en ketenveiligheidseisen."
    let found = try matcher.occurrences(in: text, language: .dutch)
    let utf8 = Array(text.utf8)
    let spans = found.map { String(decoding: utf8[$0.range], as: UTF8.self) }
    #expect(spans.contains("NCTV"))
    #expect(spans.contains("beveiliging van de toeleveringsketen"))
    #expect(!spans.contains("toeleveringsketen"))
    #expect(!spans.contains { $0.lowercased().hasPrefix("bio") })
    #expect(spans.contains("ketenveiligheidseisen"))
  }

  @Test("glosses: Dutch terms with their English equivalents and byte ranges, first occurrence only")
  func glosses() throws {
    let text = "Het kabinet zet in op ketenveiligheid en zero trust. Ook ketenveiligheid in de cloud."
    let glosses = try matcher.glosses(in: text, language: .dutch, target: .english)
    let chain = try #require(glosses.first { $0.conceptID == "ketenveiligheid" })
    #expect(chain.gloss == "supply chain security")
    #expect(String(decoding: Array(text.utf8)[chain.range], as: UTF8.self) == "ketenveiligheid")
    #expect(glosses.filter { $0.conceptID == "ketenveiligheid" }.count == 1)
    #expect(!glosses.contains { $0.conceptID == "zero-trust" })  // the same in English
    #expect(glosses.contains { $0.conceptID == "kabinet" && $0.gloss == "cabinet" })
    let english = try matcher.glosses(
      in: "The minority cabinet signed the coalition agreement.", language: .english, target: .dutch)
    #expect(english.contains { $0.gloss == "minderheidskabinet" })
    #expect(english.contains { $0.gloss == "coalitieakkoord" })
  }

  @Test(
    "an equivalent renders the synonym that matched: a cognate, else the same place, inflections sharing one",
    arguments: [
      ("toezichthouder", "bevoegde autoriteit", "competent authority"),
      ("toezichthouder", "toezichthouder", "supervisory authority"),
      ("openbaarheid", "transparantie", "transparency"),
      ("uitvoering", "implementatie", "implementation"),
      ("markttoezicht", "markttoezichtautoriteit", "market surveillance authority"),
      ("leverancier", "leveranciers", "supplier"),
      ("ketenveiligheid", "ketenveiligheid", "supply chain security"),
    ])
  func equivalents(_ example: (concept: String, term: String, expected: String)) throws {
    let concept = try #require(bundledGlossary.concept(id: example.concept))
    let term = try #require(concept.terms(in: .dutch).first { $0.text == example.term })
    #expect(concept.equivalent(of: term, in: .english)?.text == example.expected)
  }
}
