import BeleidAnalysis
import BeleidDocuments
import BeleidIndex
import BeleidTestSupport
import Foundation
import Testing

@testable import BeleidSearch

@Suite("Search")
struct SearchTests {
  /// A small bilingual corpus, indexed once.
  final class Fixture: Sendable {
    let folder: String
    init() throws {
      let corpus = try TestCorpus()
      try corpus.add(
        "news.md", title: "Coalitieakkoord: digitale plannen",
        body: "De coalitie maakt ketenveiligheid leidend. De NIS2-richtlijn wordt de Cyberbeveiligingswet.",
        date: "2026-01-30", lang: "nl", source: "nieuws")
      try corpus.add(
        "keten.md", title: "Veiligheid in de keten",
        body: "Leveranciers en de veiligheid van de keten vragen om toezicht. De nis2 richtlijn noemt het.",
        date: "2025-06-01", lang: "nl", source: "NCSC")
      try corpus.add(
        "joined.md", title: "Notitie", body: "De nis2richtlijn en de zorgplicht voor essentiële entiteiten.",
        date: "2024-03-01", lang: "nl", source: "Rijksoverheid")
      try corpus.add(
        "en.md", title: "Supply chain security",
        body: "Supply chain security is a duty of care under the NIS2 Directive.", date: "2026-02-10", lang: "en",
        source: "EUR-Lex")
      try corpus.add(
        "autonomie.md", title: "Digitale autonomie",
        body: "Het kabinet wil digitale autonomie. Autonomie in de cloud vraagt om open standaarden.",
        date: "2026-03-01", lang: "nl", source: "Rijksoverheid")
      try corpus.add(
        "aanbesteding.md", title: "Aanbestedingen",
        body: "Bij aanbestedingen van clouddiensten telt digitale soevereiniteit. Een aanbesteding is Europees.",
        date: "2023-11-11", lang: "nl", source: "PIANOo")
      folder = try corpus.indexFolder()
      _ = try IndexWriter(folder: folder).index(paths: [corpus.folder.path])
    }
  }

  static let fixture: Fixture? = try? Fixture()

  static func titles(_ query: String, language: Language? = .dutch, limit: Int = 10) throws -> [String] {
    let fixture = try #require(Self.fixture)
    let searcher = Searcher(reader: try IndexReader(folder: fixture.folder))
    let plan = try QueryPlanner().plan(query, language: language)
    return try searcher.search(plan, .init(limit: limit)).hits.compactMap(\.title)
  }

  @Test("the whole compound ranks above documents with only its parts")
  func compound() throws {
    let titles = try Self.titles("ketenveiligheid")
    #expect(titles.first == "Coalitieakkoord: digitale plannen")
    #expect(titles.contains("Veiligheid in de keten"))
  }

  @Test(
    "NIS2-richtlijn, NIS2 richtlijn and nis2richtlijn find each other",
    arguments: ["NIS2-richtlijn", "NIS2 richtlijn", "nis2richtlijn"])
  func hyphenVariants(query: String) throws {
    let titles = Set(try Self.titles(query))
    #expect(titles.isSuperset(of: ["Coalitieakkoord: digitale plannen", "Veiligheid in de keten", "Notitie"]))
  }

  @Test("inflections match through stems")
  func stems() throws {
    #expect(try Self.titles("aanbesteding").first == "Aanbestedingen")
    #expect(try Self.titles("leverancier").first == "Veiligheid in de keten")
  }

  @Test("filters: date, lang, source, path")
  func filters() throws {
    #expect(try Self.titles("digitale date:2026") == ["Digitale autonomie", "Coalitieakkoord: digitale plannen"])
    #expect(try Self.titles("security lang:en", language: .english) == ["Supply chain security"])
    #expect(try Self.titles("digitale source:pianoo") == ["Aanbestedingen"])
    #expect(try Self.titles("digitale path:autonomie") == ["Digitale autonomie"])
    #expect(try Self.titles("digitale date:2030..") == [])
  }

  /// Filters on a corpus of 60 documents with random metadata
  /// (`metadataCorpus()`), in every combination below.
  static let filterQueries = [
    "lang:nl", "lang:en", "lang:nl lang:en", "source:rijks", "source:RIJKSÓVERHEID", "source:ncsc source:nieuws",
    "path:deel-1", "path:DEEL", "date:2025", "date:2024-06..", "date:..2024-12-31", "date:2025 lang:en source:eur",
    "path:deel-2 date:2023..2026", "type:wet", "type:WET", "type:ministeriële-regeling", "type:wet type:regeling",
    "type:regeling lang:nl", "type:EU",
  ]

  /// 60 documents with random metadata, some without a date or a type,
  /// in two segments.
  static func metadataCorpus() throws -> IndexReader {
    var random = SeededRandom(seed: 31)
    let corpus = try TestCorpus()
    let sources = ["Rijksoverheid", "NCSC", "nieuws", "EUR-Lex", "Rijksoverheid.nl"]
    let types = ["wet", "rijkswet", "ministeriele-regeling", "regeling", ""]
    for number in 0..<60 {
      let date =
        Int.random(in: 0..<5, using: &random) == 0
        ? nil : "202\(Int.random(in: 2...6, using: &random))-0\(Int.random(in: 1...9, using: &random))-15"
      let english = Bool.random(using: &random)
      try corpus.add(
        "deel-\(number % 3)/doc-\(number).md", title: "Document \(number)",
        body: english
          ? "Supply chain security and toezicht on suppliers." : "Ketenveiligheid en toezicht op leveranciers.",
        date: date, lang: english ? "en" : "nl", source: sources.randomElement(using: &random),
        metadata: types.randomElement(using: &random).map { $0.isEmpty ? [:] : ["type": $0] } ?? [:])
    }
    let folder = try corpus.indexFolder()
    // Two runs, two segments: one folder first, then the rest.
    _ = try IndexWriter(folder: folder).index(paths: [corpus.folder.appendingPathComponent("deel-0").path])
    _ = try IndexWriter(folder: folder).index(paths: [corpus.folder.path])
    return try IndexReader(folder: folder)
  }

  @Test("facets count every match by language, source, type and year, as the stored documents say")
  func facetsAgainstStoredFields() throws {
    let reader = try Self.metadataCorpus()
    let searcher = Searcher(reader: reader)
    let plan = try QueryPlanner().plan("toezicht", language: .dutch)
    let facets = try #require(try searcher.search(plan, .init(limit: 3, facets: true)).facets)
    var expected = Facets()
    for hit in try searcher.search(plan, .init(limit: 100)).hits {
      let document = try reader.document(hit.document)
      expected.total += 1
      if let code = document.language?.code { expected.languages[code, default: 0] += 1 }
      if let source = document.source { expected.sources[source, default: 0] += 1 }
      if let type = document.documentType { expected.types[type, default: 0] += 1 }
      if let date = document.date { expected.years[String(date.prefix(4)), default: 0] += 1 }
    }
    #expect(expected.total == 60)
    #expect(expected.types.count == 4)
    #expect(facets == expected)
  }

  @Test(
    "metadata filters, read from the columns, pass the documents whose stored fields match", arguments: filterQueries)
  func filtersAgainstStoredFields(_ filters: String) throws {
    let reader = try Self.metadataCorpus()
    let searcher = Searcher(reader: reader)
    let planner = QueryPlanner()
    let filtered = try planner.plan("toezicht " + filters, language: .dutch)
    let all = try planner.plan("toezicht", language: .dutch)
    let found = Set(try searcher.search(filtered, .init(limit: 100)).hits.map(\.key))
    // The oracle: each filter tested on the stored document, as strings.
    let expected = Set(
      try searcher.search(all, .init(limit: 100)).hits.filter { hit in
        let document = try reader.document(hit.document)
        return filtered.filters.allSatisfy { filter in
          switch filter {
          case .language(let code): document.language?.code == code
          case .source(let text):
            (document.source ?? "").range(of: text, options: [.caseInsensitive, .diacriticInsensitive]) != nil
          case .type(let text):
            document.documentType?.compare(text, options: [.caseInsensitive, .diacriticInsensitive]) == .orderedSame
          case .path(let text): hit.key.range(of: text, options: .caseInsensitive) != nil
          case .date(let from, let to):
            reader.segments[reader.locate(hit.document).segment].date(reader.locate(hit.document).local).map {
              (from ?? .min) <= $0 && $0 <= (to ?? .max)
            } ?? false
          }
        }
      }.map(\.key))
    #expect(reader.segments.count > 1)
    #expect(found == expected, "\(filters)")
    if filters == "type:wet" { #expect(!found.isEmpty) }
  }

  @Test("phrases, slop, prefixes, fuzzy, title and exclusion")
  func operators() throws {
    #expect(try Self.titles(#""digitale autonomie""#) == ["Digitale autonomie"])
    #expect(try Self.titles(#""kabinet autonomie""#).isEmpty)
    #expect(try Self.titles(#""kabinet autonomie"~3"#) == ["Digitale autonomie"])
    #expect(try Self.titles("soeverein*") == ["Aanbestedingen"])
    #expect(try Self.titles("soevereiniteid~1") == ["Aanbestedingen"])
    #expect(try Self.titles("title:veiligheid") == ["Veiligheid in de keten"])
    #expect(!(try Self.titles("digitale -cloud").contains("Digitale autonomie")))
    #expect(try Self.titles("+zorgplicht digitale") == ["Notitie"])
  }

  @Test(
    "a compound's parts add score but not a matched word's coordination credit: part-only documents rank below every document that holds the word",
    arguments: ["ketenveiligheid", "ketenveiligheid leveranciers", "ketenveiligheid toezicht leveranciers"])
  func partsEarnNoCoordination(_ query: String) throws {
    let corpus = try TestCorpus()
    let filler = Array(repeating: "De minister schrijft de Kamer over het beleid van dit jaar.", count: 12)
      .joined(separator: " ")
    try corpus.add(
      "word.md", title: "Kamerbrief",
      body: "\(filler) Het kabinet maakt ketenveiligheid leidend bij leveranciers en toezicht.", lang: "nl")
    try corpus.add(
      "word2.md", title: "Notitie", body: "\(filler) Ketenveiligheid telt. \(filler)", lang: "nl")
    try corpus.add(
      "straf.md", title: "Strafrechtketen",
      body: "De veiligheid in de strafrechtketen: leveranciers, toezicht, veiligheid en de keten.", lang: "nl")
    try corpus.add(
      "coffeeshop.md", title: "Coffeeshopketen",
      body: "Toezicht op de coffeeshopketen en de veiligheid van leveranciers in de keten.", lang: "nl")
    let folder = try corpus.indexFolder()
    _ = try IndexWriter(folder: folder).index(paths: [corpus.folder.path])
    let plan = try QueryPlanner().plan(query, language: .dutch)
    let hits = try Searcher(reader: try IndexReader(folder: folder)).search(plan, .init(explain: true)).hits
    let keys = hits.map { ($0.key as NSString).lastPathComponent }
    #expect(Set(keys) == ["word.md", "word2.md", "straf.md", "coffeeshop.md"])
    let words = query.split(separator: " ").count
    if words == 1 {
      let lastWord = try #require(keys.lastIndex { $0.hasPrefix("word") })
      let firstPart = try #require(keys.firstIndex { !$0.hasPrefix("word") })
      #expect(lastWord < firstPart, "\(keys)")
    } else {
      // The part-only documents hold every other word of the query: they
      // match one clause fewer than word.md, which holds them all.
      #expect(keys.first == "word.md", "\(keys)")
      for hit in hits where !(hit.key as NSString).lastPathComponent.hasPrefix("word") {
        #expect(hit.matchedClauses == words - 1, "\(hit.key)")
      }
    }
  }

  @Test("a phrase counts once where a word and its compound part share a stem and a position")
  func phraseCountsEachStartOnce() throws {
    let corpus = try TestCorpus()
    try corpus.add("a.md", title: "Deelneming", body: "Een onderneming die onmiddellijk of middellijk deelneemt.")
    let folder = try corpus.indexFolder()
    _ = try IndexWriter(folder: folder).index(paths: [corpus.folder.path])
    let plan = try QueryPlanner().plan(#""middellijk deelneemt""#, language: .dutch)
    let hit = try #require(
      try Searcher(reader: try IndexReader(folder: folder)).search(plan, .init(explain: true)).hits.first)
    #expect(hit.explanation?.first?.bodyFrequency == 1)
  }

  @Test(
    "a phrase that repeats a word matches where the word stands twice, counted per start",
    arguments: [
      ("de leden leden het", 1), ("leden leden leden", 2), ("de leden en de leden", 0), ("leden", 0),
    ])
  func repeatedWordPhrase(body: String, expected: Int) throws {
    let corpus = try TestCorpus()
    try corpus.add("a.md", title: "Vergadering", body: body)
    try corpus.add("b.md", title: "Andere leden", body: "Alle leden stemmen.")
    let folder = try corpus.indexFolder()
    _ = try IndexWriter(folder: folder).index(paths: [corpus.folder.path])
    let plan = try QueryPlanner().plan(#""leden leden""#, language: .dutch)
    let hits = try Searcher(reader: try IndexReader(folder: folder)).search(plan, .init(explain: true)).hits
    #expect(hits.count == (expected > 0 ? 1 : 0))
    if expected > 0 { #expect(hits.first?.explanation?.first?.bodyFrequency == Double(expected)) }
  }

  /// Random texts of five words, indexed once: 300 documents (three
  /// postings blocks) of up to 600 words, so position gaps take one and two
  /// bytes and most documents' positions are skipped past.
  static let randomTexts: (folder: String, bodies: [String: [String]])? = try? {
    let corpus = try TestCorpus()
    let words = ["raad", "besluit", "juli", "wet", "kamer"]
    var random = SeededRandom(seed: 7)
    var bodies: [String: [String]] = [:]
    for number in 0..<300 {
      // Some texts rarely use "juli", so gaps between its positions run long.
      let rare = number % 3 == 0
      let body = (0..<Int.random(in: 1...600, using: &random)).map { _ in
        let word = words.randomElement(using: &random)!
        return rare && word == "juli" && Int.random(in: 0..<20, using: &random) > 0 ? "wet" : word
      }
      bodies["tekst \(number)"] = body
      try corpus.add("t\(number).md", title: "tekst \(number)", body: body.joined(separator: " "))
    }
    let folder = try corpus.indexFolder()
    _ = try IndexWriter(folder: folder).index(paths: [corpus.folder.path])
    return (folder, bodies)
  }()

  @Test(
    "a phrase's frequency in each document counts the starts where every word stands within the slop",
    arguments: [
      (["besluit", "juli"], 0), (["juli", "besluit"], 1), (["wet", "wet"], 0), (["raad", "besluit", "juli"], 0),
      (["kamer", "juli", "raad"], 2), (["juli", "wet", "juli"], 1),
    ])
  func phraseFrequencies(words: [String], slop: Int) throws {
    let texts = try #require(Self.randomTexts)
    let query = "\"\(words.joined(separator: " "))\"" + (slop > 0 ? "~\(slop)" : "")
    let plan = try QueryPlanner().plan(query, language: .dutch)
    let hits = try Searcher(reader: try IndexReader(folder: texts.folder)).search(
      plan, .init(limit: 1000, explain: true)
    ).hits
    var found: [String: Double] = [:]
    for hit in hits { found[hit.title ?? ""] = hit.explanation?.first?.bodyFrequency }
    // Counted here from the words: each start of the first word whose
    // followers stand within `slop` of their places.
    var expected: [String: Double] = [:]
    for (title, body) in texts.bodies {
      let starts = body.indices.filter { start in
        body[start] == words[0]
          && words.indices.dropFirst().allSatisfy { offset in
            let place = start + offset
            guard place - slop < body.count else { return false }
            return (max(0, place - slop)...min(body.count - 1, place + slop)).contains { body[$0] == words[offset] }
          }
      }
      if !starts.isEmpty { expected[title] = Double(starts.count) }
    }
    #expect(!expected.isEmpty)
    let differing = Set(found.keys).union(expected.keys).filter { found[$0] != expected[$0] }.sorted()
    #expect(
      differing.isEmpty,
      "\(differing.count) differ, e.g. \(differing.prefix(3).map { "\($0): \(found[$0] ?? 0) for \(expected[$0] ?? 0)" })"
    )
  }

  @Test("documents matching more words of a short query rank first")
  func coordination() throws {
    let titles = try Self.titles("autonomie aanbestedingen soevereiniteit")
    #expect(titles.first == "Aanbestedingen")
  }

  @Test("snippets highlight the exact bytes that matched, parts included")
  func snippets() throws {
    let fixture = try #require(Self.fixture)
    let reader = try IndexReader(folder: fixture.folder)
    let plan = try QueryPlanner().plan("veiligheid", language: .dutch)
    let hits = try Searcher(reader: reader).search(plan).hits
    let generator = SnippetGenerator()
    for hit in hits {
      let snippet = try generator.snippet(
        for: try reader.document(hit.document), stems: SnippetGenerator.stems(of: plan))
      let bytes = Array(snippet.text.utf8)
      let marked = snippet.highlights.map { String(decoding: bytes[$0], as: UTF8.self).lowercased() }
      #expect(!marked.isEmpty)
      #expect(marked.allSatisfy { $0 == "veiligheid" }, "\(marked)")
    }
    let news = try #require(hits.first { $0.title == "Coalitieakkoord: digitale plannen" })
    let snippet = try generator.snippet(
      for: try reader.document(news.document), stems: SnippetGenerator.stems(of: plan))
    #expect(snippet.marked(open: "[", close: "]").contains("keten[veiligheid]"))
  }

  @Test("the searcher's snippets, with or without fields, are the generator's on the stored document")
  func searcherSnippets() throws {
    let fixture = try #require(Self.fixture)
    let reader = try IndexReader(folder: fixture.folder)
    let plan = try QueryPlanner().plan("\"digitale plannen\" OR veiligheid", language: .dutch)
    let generator = SnippetGenerator()
    for fields in [true, false] {
      let hits = try Searcher(reader: reader).search(plan, .init(fields: fields, snippets: true)).hits
      #expect(!hits.isEmpty)
      for hit in hits {
        let expected = try generator.snippet(
          for: try reader.document(hit.document), stems: SnippetGenerator.stems(of: plan),
          phrases: SnippetGenerator.phrases(of: plan))
        #expect(hit.snippet?.text == expected.text)
        #expect(hit.snippet?.highlights == expected.highlights)
        #expect((hit.title != nil) == fields)
      }
    }
  }

  @Test(
    "a prefix or fuzzy word's snippet highlights the forms it matched", arguments: ["soeverein*", "soevereiniteid~1"])
  func expandedSnippets(_ query: String) throws {
    let fixture = try #require(Self.fixture)
    let plan = try QueryPlanner().plan(query, language: .dutch)
    let hits = try Searcher(reader: try IndexReader(folder: fixture.folder)).search(plan, .init(snippets: true)).hits
    let hit = try #require(hits.first)
    #expect(
      hit.snippet?.marked(open: "[", close: "]").contains("[soevereiniteit]") == true, "\(hit.snippet?.text ?? "")")
  }

  @Test("a phrase is highlighted only where its words stand together, as one span")
  func phraseSnippets() throws {
    let document = Document(
      key: "a", path: "a", title: "a",
      body: "De digitale infrastructuur is van belang. Over digitale autonomie besliste de autonomie-commissie.",
      language: .dutch, format: "text")
    let plan = try QueryPlanner().plan("\"digitale autonomie\"", language: .dutch)
    let snippet = try SnippetGenerator().snippet(
      for: document, stems: SnippetGenerator.stems(of: plan), phrases: SnippetGenerator.phrases(of: plan))
    let marked = snippet.marked(open: "[", close: "]")
    #expect(marked.contains("[digitale autonomie]"), "\(marked)")
    #expect(!marked.contains("[digitale] infrastructuur") && !marked.contains("[autonomie]-"), "\(marked)")
  }

  @Test(
    "a long text's snippet comes from the region that holds the query's words, as analysing all of it finds",
    arguments: [
      ("ketenveiligheid", "[ketenveiligheid]"), ("Ketenveiligheid zorgplicht", "[zorgplicht]"),
      ("\"digitale autonomie\"", "[digitale autonomie]"), ("veiligheid", "keten[veiligheid]"),
    ])
  func longTextSnippets(query: String, expected: String) throws {
    // Filler on both sides of the one passage that matters, well past the
    // length that is analysed whole; a stray "keten" and "digitale" in it.
    let filler = String(
      repeating: "Het bestuursorgaan neemt een besluit over de aanvraag binnen acht weken na ontvangst. ", count: 400)
    let passage =
      "De minister versterkt de ketenveiligheid met een zorgplicht voor leveranciers. "
      + "Over digitale autonomie besluit het kabinet dit jaar."
    let body = filler + "Een keten van digitale diensten. " + filler + passage + " " + filler
    #expect(body.utf8.count > 4 * SnippetGenerator.wholeAnalysisLimit)
    let document = Document(key: "a", path: "a", title: "a", body: body, language: .dutch, format: "text")
    let plan = try QueryPlanner().plan(query, language: .dutch)
    let (stems, phrases) = (SnippetGenerator.stems(of: plan), SnippetGenerator.phrases(of: plan))
    let snippet = try SnippetGenerator().snippet(for: document, stems: stems, phrases: phrases)
    let marked = snippet.marked(open: "[", close: "]")
    #expect(marked.contains(expected), "\(marked)")
    #expect(snippet.start > body.utf8.count / 3, "from the passage, not the filler")
    // The same highlights as the whole text's analysis gives there.
    let all = try SnippetGenerator().highlights(for: document, stems: stems, phrases: phrases)
    let inside = all.filter {
      $0.lowerBound >= snippet.start && $0.upperBound <= snippet.start + snippet.text.utf8.count
    }
    #expect(snippet.highlights == inside.map { ($0.lowerBound - snippet.start)..<($0.upperBound - snippet.start) })
  }

  @Test("a long text whose bytes hold no stem's first letters still gets a snippet, from its start")
  func longTextWithoutMatches() throws {
    let body = String(repeating: "Het bestuursorgaan neemt een besluit binnen acht weken. ", count: 600)
    let document = Document(key: "a", path: "a", title: "a", body: body, language: .dutch, format: "text")
    let snippet = try SnippetGenerator().snippet(for: document, stems: ["quantumcomput"])
    #expect(snippet.start == 0 && snippet.highlights.isEmpty && !snippet.text.isEmpty)
  }

  /// 800 random documents of 3 to 150 words over `pruningWords`, in
  /// segments of about 20,000 tokens, so terms have full blocks.
  static func randomIndex(seed: UInt64, random: inout SeededRandom) throws -> String {
    let corpus = try TestCorpus()
    for index in 0..<800 {
      let body = (0..<Int.random(in: 3..<150, using: &random)).map { _ in pruningWords.randomElement(using: &random)! }
      try corpus.add(
        "d\(index).md", title: pruningWords.randomElement(using: &random)!, body: body.joined(separator: " "))
    }
    let folder = try corpus.indexFolder()
    var options = IndexWriter.Options()
    options.segmentTokenBudget = 20_000
    _ = try IndexWriter(folder: folder, options: options).index(paths: [corpus.folder.path])
    return folder
  }

  static let pruningWords = [
    "overheid", "cloud", "zorgplicht", "meldplicht", "toezicht", "minister", "wet", "brief", "data",
    "kamer", "ketenveiligheid", "autonomie", "leverancier", "incident", "beleid", "keten", "veiligheid",
  ]

  @Test("a block's score bound is at least every score in the block", arguments: [21, 22] as [UInt64])
  func blockBoundsAreSafe(seed: UInt64) throws {
    var random = SeededRandom(seed: seed)
    let reader = try IndexReader(folder: try Self.randomIndex(seed: seed, random: &random))
    let bm25 = BM25(averageBody: reader.averageBodyLength, averageTitle: reader.averageTitleLength)
    let stemmer = try DutchStemmer()
    var blocks = 0
    for segment in reader.segments {
      for word in Self.pruningWords {
        let stem = stemmer.stem(word)
        guard let postings = try segment.postings(for: stem) else { continue }
        while postings.next() != PostingsIterator.exhausted {
          guard let block = postings.shallowBlock(for: postings.doc) else { continue }
          let codes = segment.lengthCodes(Int(postings.doc))
          let frequency = bm25.frequency(
            title: Double(postings.titleFrequency), body: Double(postings.bodyFrequency), titleCode: codes.title,
            bodyCode: codes.body)
          #expect(frequency <= bm25.blockFrequency(block) + 1e-12, "\(word) doc \(postings.doc)")
          blocks += 1
        }
      }
    }
    #expect(blocks > 1_000)
  }

  @Test(
    "a compound's block bound is at least the frequency of every document holding all its parts",
    arguments: [("keten", "veiligheid"), ("beleid", "brief"), ("overheid", "data"), ("kamer", "toezicht")])
  func allOfBoundsAreSafe(first: String, second: String) throws {
    var random = SeededRandom(seed: 23)
    let reader = try IndexReader(folder: try Self.randomIndex(seed: 23, random: &random))
    let bm25 = BM25(averageBody: reader.averageBodyLength, averageTitle: reader.averageTitleLength)
    let stemmer = try DutchStemmer()
    var checked = 0
    for segment in reader.segments {
      guard let a = try segment.postings(for: stemmer.stem(first)),
        let b = try segment.postings(for: stemmer.stem(second))
      else { continue }
      let both = AllOfIterator([a, b])
      while both.next() != PostingsIterator.exhausted {
        guard let bound = both.frequencyBound(from: both.doc, bm25: bm25) else { continue }
        let codes = segment.lengthCodes(Int(both.doc))
        let frequency = bm25.frequency(
          title: Double(both.titleFrequency), body: Double(both.bodyFrequency), titleCode: codes.title,
          bodyCode: codes.body)
        #expect(frequency <= bound.frequency + 1e-12, "\(first)+\(second) doc \(both.doc)")
        #expect(bound.lastDoc >= both.doc)
        checked += 1
      }
    }
    #expect(checked > 100)
  }

  @Test("a document's coordination bonus does not depend on which segment holds it")
  func bonusIsTheSameInEverySegment() throws {
    // One thread and a small budget: files 0–255 form the first segment,
    // 256–511 the second, the rest the third. Only the first segment has
    // "toezicht" (rare, so its bound is high); documents 10 and 550 match
    // only "cloud", 550 more often. A bonus taken from each segment's own
    // clauses put 10 first.
    let corpus = try TestCorpus()
    for index in 0..<600 {
      let body =
        switch index {
        case 10: "cloud en een lange tekst over beleid en kamer en brief en nog meer beleid in een brief aan de kamer"
        case 550: "cloud cloud beleid"
        case 0..<5: "toezicht op beleid en een brief aan de kamer"
        default: "beleid en een brief aan de kamer"
        }
      try corpus.add(String(format: "d%03d.md", index), title: "stuk \(index)", body: body)
    }
    let folder = try corpus.indexFolder()
    var options = IndexWriter.Options()
    options.threads = 1
    options.segmentTokenBudget = 2_000
    _ = try IndexWriter(folder: folder, options: options).index(paths: [corpus.folder.path])
    let reader = try IndexReader(folder: folder)
    #expect(reader.segments.count >= 3)
    let plan = try QueryPlanner().plan("cloud toezicht", language: .dutch)
    let names = try Searcher(reader: reader).search(plan, .init(limit: 10)).hits.map {
      ($0.path as NSString?)?.lastPathComponent ?? ""
    }
    let first = try #require(names.firstIndex(of: "d550.md"))
    let second = try #require(names.firstIndex(of: "d010.md"))
    #expect(first < second, "\(names)")
  }

  /// Rare compounds whose parts are common words: a compound's parts
  /// match far more documents than the compound, so the variants' block
  /// bounds decide what is skipped.
  static let compoundWords = ["beleidsbrief", "kamerbrief", "overheidsdata", "cloudleverancier", "ketenveiligheid"]

  @Test(
    "pruned top-10 results equal an exhaustive ranking when rare compounds have common parts",
    arguments: [
      "beleidsbrief", "beleidsbrief OR cloud", "kamerbrief OR overheidsdata", "beleidsbrief OR kamerbrief OR toezicht",
      "overheidsdata OR cloudleverancier OR brief", "ketenveiligheid OR minister OR data", "+kamerbrief beleidsbrief",
      "cloudleverancier -data",
    ])
  func pruningIsExactForCompounds(query: String) throws {
    var random = SeededRandom(seed: 31)
    let corpus = try TestCorpus()
    for index in 0..<900 {
      let body = (0..<Int.random(in: 3..<150, using: &random)).map { _ in
        Int.random(in: 0..<150, using: &random) == 0
          ? Self.compoundWords.randomElement(using: &random)! : Self.pruningWords.randomElement(using: &random)!
      }
      try corpus.add(
        "d\(index).md", title: Self.pruningWords.randomElement(using: &random)!, body: body.joined(separator: " "))
    }
    let folder = try corpus.indexFolder()
    var options = IndexWriter.Options()
    options.segmentTokenBudget = 20_000
    _ = try IndexWriter(folder: folder, options: options).index(paths: [corpus.folder.path])
    let searcher = Searcher(reader: try IndexReader(folder: folder))
    let plan = try QueryPlanner().plan(query, language: .dutch)
    let pruned = try searcher.search(plan, .init(limit: 10, fields: false)).hits
    let exhaustive = try searcher.search(plan, .init(limit: 100_000, fields: false)).hits
    #expect(exhaustive.count > 10, "\(query)")
    #expect(pruned.map(\.document) == exhaustive.prefix(10).map(\.document), "\(query)")
    for (a, b) in zip(pruned, exhaustive) { #expect(abs(a.rankingScore - b.rankingScore) < 1e-9) }
  }

  @Test("pruned top-10 results equal the first ten of an exhaustive ranking", arguments: [11, 12, 13] as [UInt64])
  func pruningIsExact(seed: UInt64) throws {
    var random = SeededRandom(seed: seed)
    let words = Self.pruningWords
    let folder = try Self.randomIndex(seed: seed, random: &random)
    let searcher = Searcher(reader: try IndexReader(folder: folder))
    let planner = QueryPlanner()
    for _ in 0..<60 {
      let picked = (0..<Int.random(in: 1...4, using: &random)).map { _ in words.randomElement(using: &random)! }
      // OR, AND, and (two words or more) a phrase; ketenveiligheid brings
      // the variants of a compound (whole word, parts).
      let query =
        switch Int.random(in: 0..<3, using: &random) {
        case 0: picked.joined(separator: " OR ")
        case 1 where picked.count >= 2: "\"" + picked.joined(separator: " ") + "\""
        default: picked.joined(separator: " ")
        }
      let plan = try planner.plan(query, language: .dutch)
      let pruned = try searcher.search(plan, .init(limit: 10, fields: false)).hits
      let exhaustive = try searcher.search(plan, .init(limit: 100_000, fields: false)).hits.prefix(10)
      #expect(pruned.map(\.document) == exhaustive.map(\.document), "\(query)")
      for (a, b) in zip(pruned, exhaustive) { #expect(abs(a.rankingScore - b.rankingScore) < 1e-9) }
    }
  }

  @Test(
    "hits read their fields from the segments' columns as the stored documents hold them, across merges",
    arguments: [100, 2])
  func hitFieldsFromColumns(maximumSegments: Int) throws {
    let corpus = try TestCorpus()
    let folder = try corpus.indexFolder()
    var options = IndexWriter.Options()
    options.maximumSegments = maximumSegments  // 2: the third run merges
    options.memoryBudget = 1 << 40
    // Three runs, forty documents each: three segments, or a merged one.
    for run in 0..<3 {
      for number in (40 * run)..<(40 * run + 40) {
        let date = ["2026-02-21", "2025-11", "2024", nil][number % 4]
        let source = number % 3 == 0 ? nil : "Bron \(number % 5)"
        try corpus.add(
          "doc-\(number).md", title: "Besluit \(number) over cloud",
          body: "De minister besluit over cloud en ketens \(number).", date: date, lang: number % 2 == 0 ? "nl" : "en",
          source: source)
      }
      _ = try IndexWriter(folder: folder, options: options).index(paths: [corpus.folder.path])
    }
    let reader = try IndexReader(folder: folder)
    #expect(reader.segments.count == (maximumSegments == 2 ? 2 : 3))
    #expect(reader.segments.allSatisfy { $0.hitFields(0) != nil })
    let searcher = Searcher(reader: reader)
    let plan = try QueryPlanner().plan("cloud besluit", language: .dutch)
    let fromColumns = try searcher.search(plan, .init(limit: 120)).hits
    let fromStored = try searcher.search(plan, .init(limit: 120, snippets: true)).hits
    #expect(fromColumns.count == 120)
    for (column, stored) in zip(fromColumns, fromStored) {
      #expect(column.key == stored.key)
      #expect(column.title == stored.title && column.path == stored.path && column.date == stored.date)
      #expect(column.language == stored.language && column.source == stored.source)
      #expect(column.url == stored.url && column.format == stored.format)
    }
  }
}
