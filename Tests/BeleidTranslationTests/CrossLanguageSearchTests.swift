import BeleidAnalysis
import BeleidGlossary
import BeleidIndex
import BeleidSearch
import BeleidTestSupport
import BeleidTranslation
import Foundation
import Testing

/// Whether Debian's FreeDict packages are installed (Scripts/test installs them).
let freeDictInstalled =
  FileManager.default.fileExists(atPath: "/usr/share/dictd/freedict-nld-eng.index")
  && FileManager.default.fileExists(atPath: "/usr/share/dictd/freedict-eng-nld.index")

@Suite("FreeDict", .enabled(if: freeDictInstalled, "needs dict-freedict-eng-nld and dict-freedict-nld-eng"))
struct FreeDictionaryTests {
  @Test("translates both ways, senses in order, inflected forms by stem")
  func translations() throws {
    let english = try FreeDictionary(from: .english)
    #expect(try english.translations(of: "security").contains("veiligheid"))
    let dutch = try FreeDictionary(from: .dutch)
    #expect(try dutch.translations(of: "veiligheid").starts(with: ["safety", "security"]))
    #expect(try dutch.translations(of: "ketens").contains("chain"))
    #expect(try dutch.headwords(translatedAs: "agreement").contains { $0.headword == "overeenkomst" })
    #expect(try english.translations(of: "qwxzy").isEmpty)
  }

  @Test(
    "FreeDict's ĳ ligature is read as ij, in translations and in headwords",
    arguments: [
      // FreeDict writes "altĳd" and "stĳgen"; the index and users write ij.
      (Language.english, "always", "altijd"), (.english, "rise", "stijgen"), (.english, "gruel", "brij"),
    ])
  func ligature(_ example: (Language, String, String)) throws {
    let translations = try FreeDictionary(from: example.0).translations(of: example.1)
    #expect(translations.contains(example.2), "\(translations)")
    #expect(!translations.contains { $0.contains("\u{0133}") })
  }

  @Test("a Dutch headword FreeDict writes with ĳ is found as typed with ij")
  func ligatureHeadword() throws {
    let dutch = try FreeDictionary(from: .dutch)
    #expect(!(try dutch.translations(of: "krijgen")).isEmpty)
    #expect(try dutch.headwords(translatedAs: "always").contains { $0.headword == "altijd" })
  }

  @Test("a missing dictionary is a clear error naming the package")
  func missing() throws {
    let error = try #require(throws: TranslationError.self) {
      try FreeDictionary(from: .english, folder: try makeTemporaryDirectory().path)
    }
    #expect(error.reason.contains("apt-get install dict-freedict-eng-nld"))
  }
}

@Suite("Cross-language search")
struct CrossLanguageSearchTests {
  /// A small bilingual collection.
  static func index() throws -> IndexReader {
    let corpus = try TestCorpus()
    try corpus.add(
      "nl/keten.md", title: "Kamerbrief over ketenveiligheid",
      body: "Het kabinet versterkt de ketenveiligheid van de Rijksoverheid bij leveranciers.", lang: "nl")
    try corpus.add(
      "nl/nis2.md", title: "Richtlijn",
      body: "De beveiliging van de toeleveringsketen staat in artikel 21 van de NIS2-richtlijn.", lang: "nl")
    try corpus.add(
      "nl/ander.md", title: "Begroting", body: "De begroting voor digitale zaken en de veiligheid van burgers.",
      lang: "nl")
    try corpus.add(
      "en/chain.md", title: "Supply chain", body: "Security of the supply chain matters.", lang: "en")
    try corpus.add(
      "nl/woorden.md", title: "Los", body: "Een keten van winkels; de security van het gebouw; levering.", lang: "nl")
    let folder = try corpus.indexFolder()
    let writer = try IndexWriter(folder: folder)
    _ = try writer.index(paths: [corpus.folder.path])
    return try IndexReader(folder: folder)
  }

  static func plan(_ query: String, dictionary: Bool = false, language: Language? = nil) throws -> QueryPlan {
    let planner = QueryPlanner()
    planner.expander = CrossLanguageExpander(glossary: bundledGlossary, dictionary: dictionary, lexiconPath: nil)
    return try planner.plan(query, language: language)
  }

  @Test("an English query finds Dutch documents through the glossary; --no-translate does not")
  func englishFindsDutch() throws {
    let reader = try Self.index()
    let searcher = Searcher(reader: reader)
    let translated = try searcher.search(try Self.plan("supply chain security"))
    let keys = translated.hits.map(\.key)
    #expect(keys.contains { $0.hasSuffix("nl/keten.md") })
    #expect(keys.contains { $0.hasSuffix("nl/nis2.md") })
    // The words scattered over a document are not the phrase.
    #expect(!keys.contains { $0.hasSuffix("nl/woorden.md") })
    let plain = try searcher.search(try QueryPlanner().plan("supply chain security"))
    #expect(!plain.hits.contains { $0.key.hasSuffix("nl/keten.md") })
  }

  @Test(
    "a glossary term of one language is evidence for the query's language; one-word terms and shared terms are not",
    arguments: [
      // English terms whose words are in both word lists, or look Dutch:
      // the word lists alone read these as Dutch.
      ("data controller", Language.english), ("risk management", .english), ("management body", .english),
      ("Dutch Cybersecurity Act", .english),
      // Terms both languages write alike (loans) say nothing: the words decide.
      ("zero trust beleid", .dutch),
      // A one-word English term that is a Dutch word too.
      ("budget", .dutch),
    ])
  func termLanguageEvidence(_ example: (String, Language)) throws {
    let planner = QueryPlanner()
    planner.expander = CrossLanguageExpander(glossary: bundledGlossary, dictionary: false)
    #expect(planner.detectLanguage(try QueryParser().parse(example.0)) == example.1)
  }

  @Test("without the glossary, the same English terms read as Dutch (the evidence is what decides)")
  func termLanguageWithoutGlossary() throws {
    for query in ["data controller", "risk management", "management body"] {
      #expect(QueryPlanner().detectLanguage(try QueryParser().parse(query)) == .dutch, "\(query)")
    }
  }

  @Test(
    "a dictionary translation that is an infinitive brings the forms the collection uses",
    .enabled(if: freeDictInstalled, "needs dict-freedict-eng-nld and dict-freedict-nld-eng"))
  func verbForms() throws {
    let corpus = try TestCorpus()
    try corpus.add(
      "a.md", title: "Vergunning", body: "De minister bepaalt de voorwaarden van de vergunning.", lang: "nl")
    try corpus.add("b.md", title: "Andere", body: "De voorwaarden van een subsidie staan in de regeling.", lang: "nl")
    let folder = try corpus.indexFolder()
    _ = try IndexWriter(folder: folder).index(paths: [corpus.folder.path])
    let reader = try IndexReader(folder: folder)
    #expect(try reader.containsForm("bepaalt"))
    #expect(!(try reader.containsForm("bepaal")))
    for inflect in [true, false] {
      let expander = CrossLanguageExpander(glossary: nil, dictionary: true, lexiconPath: nil)
      expander.collection = reader
      expander.inflectVerbs = inflect
      let texts = try expander.expand(["determine"], language: .english).flatMap(\.alternatives).map(\.text)
      // The collection never says "bepalen": without its forms the
      // translation is dropped as unused.
      #expect(texts.contains("bepalen") == inflect, "\(texts)")
      // Only forms the collection has: bepaalt, not bepaal or bepaald.
      #expect(texts.filter { $0.hasPrefix("bepaa") } == (inflect ? ["bepaalt"] : []), "\(texts)")
      let planner = QueryPlanner()
      planner.expander = expander
      let hits = try Searcher(reader: reader).search(try planner.plan("determine", language: .english)).hits
      #expect(hits.contains { $0.key.hasSuffix("a.md") } == inflect)
    }
  }

  @Test("a Dutch query finds the English document")
  func dutchFindsEnglish() throws {
    let searcher = Searcher(reader: try Self.index())
    let hits = try searcher.search(try Self.plan("ketenveiligheid")).hits.map(\.key)
    // "Security of the supply chain": the term's words near each other (#16 item 5).
    #expect(hits.contains { $0.hasSuffix("en/chain.md") })
    let phrase = try searcher.search(try Self.plan("toeleveringsketen")).hits.map(\.key)
    #expect(phrase.contains { $0.hasSuffix("en/chain.md") })
  }

  @Test("the recognised term is one synonym set: both languages, multi-word terms as phrases, one idf")
  func synonymSet() throws {
    let plan = try Self.plan("ketenveiligheid leveranciers")
    let leaf = try #require(plan.leaves.first { $0.label == "ketenveiligheid" })
    let descriptions = leaf.options.map { "\($0.match)" }
    #expect(descriptions.contains { $0.hasPrefix("\"suppli chain secur") })
    #expect(descriptions.contains { $0.hasPrefix("\"beveil") })
    #expect(leaf.options.allSatisfy { $0.origin == "query" || $0.origin.hasPrefix("glossary ketenveiligheid") })
    // Scored as one term: the explanation shows one contribution for the set.
    let searcher = Searcher(reader: try Self.index())
    let results = try searcher.search(plan, .init(explain: true))
    let top = try #require(results.hits.first)
    let parts = try #require(top.explanation).filter { $0.label == "ketenveiligheid" }
    #expect(parts.count == 1)
    // Pirkola: the document frequency is that of the union of the options.
    #expect(parts[0].documentFrequency == 2)
  }

  @Test(
    "a glossary term matches as its phrase or, lower, as its words near each other; not as words far apart",
    arguments: [
      // (document text, matches, ranks below the exact phrase)
      ("Security of the supply chain matters for every buyer.", true),
      ("The chain of supply and its security were discussed.", true),
      (
        "Supply is cheap. The chain of shops grew. Much later, after a long and winding report on other matters, security came up.",
        false
      ),
    ])
  func nearTerm(_ example: (String, Bool)) throws {
    let corpus = try TestCorpus()
    try corpus.add("exact.md", title: "Exact", body: "Supply chain security matters for every buyer.", lang: "en")
    try corpus.add("near.md", title: "Near", body: example.0, lang: "en")
    let folder = try corpus.indexFolder()
    _ = try IndexWriter(folder: folder).index(paths: [corpus.folder.path])
    let plan = try Self.plan("supply chain security", language: .english)
    let leaf = try #require(plan.leaves.first)
    #expect(leaf.options.contains { "\($0.match)" == "\"suppli chain secur\"~6" && $0.weight == 0.5 })
    let hits = try Searcher(reader: try IndexReader(folder: folder)).search(plan).hits.map(\.key)
    #expect(hits.first?.hasSuffix("exact.md") == true, "\(hits)")
    #expect(hits.contains { $0.hasSuffix("near.md") } == example.1, "\(hits)")
  }

  @Test("'incident reporting obligation' keeps its modifier: the incident duty ranks above other meldplichten")
  func narrowerTermKeepsModifier() throws {
    let corpus = try TestCorpus()
    try corpus.add(
      "asiel.md", title: "Meldplicht vreemdelingen",
      body:
        "De vreemdeling heeft een meldplicht. De meldplicht geldt wekelijks. Wie de meldplicht schendt, verliest opvang.",
      lang: "nl")
    try corpus.add(
      "nis2.md", title: "Cyberbeveiligingswet",
      body: "Essentiële entiteiten hebben een meldplicht voor significante incidenten bij het CSIRT.", lang: "nl")
    let folder = try corpus.indexFolder()
    _ = try IndexWriter(folder: folder).index(paths: [corpus.folder.path])
    let plan = try Self.plan("incident reporting obligation", language: .english)
    let hits = try Searcher(reader: try IndexReader(folder: folder)).search(plan).hits.map(\.key)
    #expect(hits.first?.hasSuffix("nis2.md") == true, "\(hits)")
  }

  @Test("longest match first: 'beveiliging van de toeleveringsketen' is one term, not its last word")
  func longestMatch() throws {
    let plan = try Self.plan("beveiliging van de toeleveringsketen")
    #expect(plan.leaves.count == 1)
    #expect(plan.leaves[0].options.contains { $0.origin.hasPrefix("glossary ketenveiligheid") })
  }

  @Test(
    "unknown words are kept and translated through FreeDict at a lower weight",
    .enabled(if: freeDictInstalled, "needs FreeDict"))
  func dictionary() throws {
    let plan = try Self.plan("security of citizens", dictionary: true, language: .english)
    let leaf = try #require(plan.leaves.first { $0.label == "security" })
    #expect(leaf.options.contains { $0.origin == "query" })
    let translation = try #require(leaf.options.first { $0.origin == "dictionary security → veiligheid [FreeDict]" })
    #expect(translation.weight < 1)
    let searcher = Searcher(reader: try Self.index())
    let hits = try searcher.search(plan).hits.map(\.key)
    #expect(hits.contains { $0.hasSuffix("nl/ander.md") })
  }
}
