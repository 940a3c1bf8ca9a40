import BeleidAnalysis
import BeleidDocuments
import BeleidTestSupport
import Foundation
import Testing

@testable import BeleidSummary

@Suite("Key terms")
struct KeywordExtractorTests {
  @Test("glossary terms, compounds and phrases come first, with equivalents")
  func newsKeywords() throws {
    let keywords = try KeywordExtractor(matcher: bundledMatcher).keywords(of: document(newsArticle), limit: 12)
    let texts = keywords.map { $0.text.lowercased() }
    #expect(texts.contains("ketenveiligheid"))
    let keten = try #require(keywords.first { $0.text.lowercased() == "ketenveiligheid" })
    #expect(keten.equivalent == "supply chain security")
    #expect(keten.count == 2)
    #expect(keywords.contains { $0.text == "Cyberbeveiligingswet" && $0.equivalent != nil })
    #expect(keywords.contains { $0.text.split(separator: " ").count > 1 }, "\(texts)")
  }

  @Test(
    "stop words, numbers and short words are never key terms",
    arguments: ["de", "het", "van", "2026", "om", "ook"])
  func noNoise(_ word: String) throws {
    let keywords = try KeywordExtractor().keywords(of: document(newsArticle + " In 2026 om 12 uur."), limit: 50)
    #expect(!keywords.contains { $0.text.lowercased() == word })
  }

  @Test("an English document's terms get Dutch equivalents; a Dutch term in it is not glossed by itself")
  func english() throws {
    let text = """
      The cabinet wants better supply chain security. Supply chain security is hard for small firms. \
      The Dutch call it ketenveiligheid.
      """
    let keywords = try KeywordExtractor(matcher: bundledMatcher).keywords(of: document(text, language: .english))
    let chain = try #require(keywords.first { $0.text.lowercased() == "supply chain security" })
    #expect(["ketenveiligheid", "beveiliging van de toeleveringsketen"].contains(chain.equivalent ?? ""))
    #expect(!keywords.contains { $0.equivalent?.lowercased() == $0.text.lowercased() })
  }

  /// Real documents and the terms their top key terms must hold: each
  /// entry is a set of alternatives (the act or the law that transposes it).
  static let realDocuments: [(path: String, shared: Bool, top: Int, expected: [[String]])] = [
    (
      "corpus/news/2026-01-30-coalitieakkoord-digitale-plannen.txt", true, 8,
      [
        ["ketenveiligheid"], ["hyperscalers"], ["nis2-richtlijn", "cyberbeveiligingswet"], ["vitale sectoren"],
        ["digitale autonomie"],
      ]
    ),
    (
      "corpus/coalitieakkoord-2021/05-03-digitalisering.md", true, 8,
      [["digitalisering"], ["kunstmatige intelligentie"], ["cybersecurity"], ["digitale kloof"]]
    ),
    ("Corpus/nl/cloud-en-hyperscalers.md", false, 8, [["hyperscalers"], ["clouddiensten"], ["publieke cloud"]]),
    // A NeRDS page whose cards are raw HTML in Markdown (div, class, https before).
    ("corpus/nerds/nl/richtlijnen__data__index.md", true, 5, [["datakwaliteitscontroles"], ["open data"]]),
  ]

  @Test("real documents: domain terms and noun phrases lead", arguments: realDocuments.indices)
  func realDocument(_ index: Int) throws {
    let entry = Self.realDocuments[index]
    let url =
      entry.shared ? SharedData.url(entry.path) : SharedData.packageRoot.appendingPathComponent(entry.path)
    guard FileManager.default.fileExists(atPath: url.path) else {
      print("skipped: key terms of \(entry.path): \(SharedData.skipReason)")
      return
    }
    let file = try SourceFile(path: url.path)
    let reader = try #require(DocumentReaders.reader(for: file))
    var documents: [Document] = []
    _ = try reader.read(file) { documents.append($0) }
    let document = try #require(documents.first)
    let keywords = try KeywordExtractor(matcher: bundledMatcher).keywords(of: document, limit: entry.top)
    let texts = keywords.map { $0.text.lowercased() }
    for alternatives in entry.expected {
      #expect(alternatives.contains { texts.contains($0) }, "\(alternatives) not in the top \(entry.top): \(texts)")
    }
  }

  @Test(
    "verbs, pronouns, lone adjectives and general concepts are not key terms",
    arguments: ["versterken", "we versterken", "overheid", "coalitie", "digitale", "mogelijk", "nederland"])
  func noGeneralTerms(_ term: String) throws {
    let text = """
      We versterken de digitale weerbaarheid. We versterken ook de ketenveiligheid, waar dat mogelijk is. \
      De overheid en de coalitie willen dat vitale sectoren hun leveranciers controleren. \
      De coalitie wil dat de overheid digitale autonomie als uitgangspunt neemt. Nederland wordt weerbaarder. \
      De overheid wil hyperscalers minder ruimte geven. Digitale autonomie en ketenveiligheid gaan samen. \
      Nederland, de overheid en de coalitie: het is mogelijk.
      """
    let keywords = try KeywordExtractor(matcher: bundledMatcher).keywords(of: document(text), limit: 6)
    let texts = keywords.map { $0.text.lowercased() }
    #expect(!texts.contains(term), "\(texts)")
    #expect(texts.contains("ketenveiligheid") && texts.contains("digitale autonomie"), "\(texts)")
  }

  @Test(
    "addresses are not key terms: URLs, link targets and kramdown attributes",
    arguments: ["https", "index.md", "_blank", "www", "example", "target"])
  func noAddresses(_ term: String) throws {
    let text = """
      Zie [de richtlijn over datakwaliteit](../data/index.md){:target="_blank"} en https://www.example.org/index.md.       Meer over datakwaliteit op [de site](https://example.org/data/index.md). Datakwaliteit telt; zie www.example.nl.
      """
    let keywords = try KeywordExtractor().keywords(of: document(text), limit: 30)
    let texts = keywords.flatMap { $0.text.lowercased().split(separator: " ").map(String.init) }
    #expect(!texts.contains(term), "\(texts)")
    #expect(texts.contains("datakwaliteit"), "\(texts)")
  }

  @Test("the same document gives the same key terms every time (not in dictionary order)")
  func deterministic() throws {
    // EU and Europese Unie name one concept; which form takes the English
    // mentions once depended on hashing order.
    let text = """
      De EU en de Europese Unie: de EU wil meer. The European Union agrees. De EU-lidstaten en de Europese Unie \
      werken samen; de EU betaalt.
      """
    let extractor = KeywordExtractor(matcher: bundledMatcher)
    let first = try extractor.keywords(of: document(text)).map { "\($0.text) \($0.count)" }
    for _ in 0..<5 {
      #expect(
        try KeywordExtractor(matcher: bundledMatcher).keywords(of: document(text)).map { "\($0.text) \($0.count)" }
          == first)
    }
  }

  /// A glossary phrase, then its head alone: whether the head counts for the phrase.
  static let headMentions: [(text: String, term: String, count: Int)] = [
    // The head, specific, after the phrase: counts.
    (
      "Digitale autonomie is het doel. Autonomie is eenvoudig uit te leggen. Autonomie vraagt tijd.",
      "digitale autonomie", 3
    ),
    // Before the phrase it does not refer back.
    ("Autonomie is eenvoudig uit te leggen. Digitale autonomie is het doel.", "digitale autonomie", 1),
    // A head Dutch law uses everywhere (dienst) stands alone in other senses.
    (
      "De Nederlandse Digitale Dienst komt er. Zij werft talent in dienst van het Rijk.", "nederlandse digitale dienst",
      1
    ),
    // The head within the phrase's own later mention is no short form.
    (
      "De netwerk- en informatiesystemen zijn kwetsbaar. Alle netwerk- en informatiesystemen worden beschermd.",
      "netwerk- en informatiesystemen", 2
    ),
    // The head of "X van Y" is X: beheerde beveiligingsdienst is not the provider.
    (
      "De aanbieder van beheerde beveiligingsdiensten meldt. Een beheerde beveiligingsdienst valt uit.",
      "aanbieder van beheerde beveiligingsdiensten", 1
    ),
    // A head that ends two glossary phrases refers to neither.
    (
      "Digitale autonomie en strategische autonomie zijn doelen. Autonomie is eenvoudig uit te leggen.",
      "digitale autonomie", 1
    ),
  ]

  @Test("a glossary phrase mentioned again by its specific head alone counts it", arguments: headMentions)
  func headMention(_ example: (text: String, term: String, count: Int)) throws {
    let keywords = try KeywordExtractor(matcher: bundledMatcher).keywords(of: document(example.text), limit: 20)
    let keyword = try #require(keywords.first { $0.text.lowercased() == example.term }, "\(keywords.map(\.text))")
    #expect(keyword.count == example.count)
  }

  @Test("an empty document has no key terms")
  func empty() throws {
    #expect(try KeywordExtractor().keywords(of: document("")).isEmpty)
  }
}
