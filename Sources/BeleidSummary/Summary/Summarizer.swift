import BeleidAnalysis
import BeleidDocuments
import BeleidGlossary
import Foundation

/// Extractive summaries of one document or of several.
///
/// The method, step by step:
/// 1. **Sentences** come from `SentenceSplitter`; each gets a tf-idf vector
///    of its stems (stop words out, compound parts at half weight).
/// 2. **Centrality**: LexRank (Erkan and Radev 2004) on the thresholded
///    cosine graph, as PageRank with damping 0.85 and a uniform jump. The
///    graph is sparse: edges below 0.1 are dropped, each sentence keeps its
///    25 strongest (each of weight 1), and terms in more
///    than a tenth of the sentences do not build edges, so long documents
///    never cost O(n²).
/// 3. **Position**: a prior by document kind, mixed into the score: half of
///    a news sentence's score, a tenth of others' (report sections' first
///    sentences count more than the rest).
/// 4. **Key terms**: sentences holding glossary terms or the document's key
///    phrases gain up to 30%.
/// 5. **Query**: with a query, the random walk jumps to sentences in
///    proportion to their similarity to it (biased LexRank, Otterbacher et
///    al. 2005), and the score is scaled by that similarity.
/// 6. **Penalties**: headings and very short sentences, sentences that are
///    mostly numbers or citations, and sentences that open with a reference
///    to what came before (Dit, Deze, Daarnaast, However…).
/// 7. **Selection** by MMR (Carbonell and Goldstein 1998): the next sentence
///    maximises λ·score − (1−λ)·(its highest similarity to those chosen).
///
/// Not `Sendable`: it owns analyzers and a sentence splitter per language.
package final class Summarizer {
  /// Edges weaker than this are dropped.
  static let edgeThreshold = 0.1
  /// Each sentence keeps at most this many edges.
  static let neighbours = 25
  /// PageRank's damping.
  static let damping = 0.85
  /// How much a full set of key terms raises a score.
  static let keyTermBoost = 0.3

  private var analyzers: [Language: Analyzer] = [:]
  private var splitters: [Language: SentenceSplitter] = [:]
  private let matcher: TermMatcher?
  private let identifier = LanguageIdentifier()
  /// The learned scorer for rulings, read on first use.
  var sentenceModel: SentenceModel?

  /// A summarizer; with a glossary matcher, glossary terms count as key terms.
  package init(matcher: TermMatcher? = nil) {
    self.matcher = matcher
  }

  func analyzer(_ language: Language) throws -> Analyzer {
    if let analyzer = analyzers[language] { return analyzer }
    let analyzer = try Analyzer(language: language)
    analyzers[language] = analyzer
    return analyzer
  }

  func splitter(_ language: Language) throws -> SentenceSplitter {
    if let splitter = splitters[language] { return splitter }
    let splitter = try SentenceSplitter(language: language)
    splitters[language] = splitter
    return splitter
  }

  /// The language of a document: its own, else detected.
  package func language(of document: Document) -> Language {
    document.language ?? identifier.identify(String(document.body.prefix(20_000))).language ?? .dutch
  }

  /// Summarises a document.
  ///
  /// - Complexity: O(*n*) to split and analyse, O(*n*·*k*) for the graph
  ///   with *k* = 25 neighbours, O(*s*·*c*) for MMR over *c* candidates.
  package func summarize(_ document: Document, options: SummaryOptions = SummaryOptions()) throws -> Summary {
    let language = language(of: document)
    let analyzer = try analyzer(language)
    var table = try SentenceTable(Array(document.body.utf8), splitter: try splitter(language), analyzer: analyzer)
    table.weigh(idf: table.sentenceIDF)
    let kind = options.kind ?? Self.kind(of: document, sentences: table.units.count)
    var notes: [String] = []
    guard !table.units.isEmpty else {
      return Summary(
        sentences: [], sentenceCount: 0, language: language, kind: kind, notes: ["the document has no text"])
    }
    let keyTerms = try keyTermShares(table, body: document.body, language: language, analyzer: analyzer)
    var relevance: [Double]?
    if let query = options.query, !query.trimmingCharacters(in: .whitespaces).isEmpty {
      let found = try queryRelevance(query, table: table, language: language, analyzer: analyzer)
      if found.allSatisfy({ $0 == 0 }) {
        notes.append("no sentence matches the query '\(query)'; this summary ignores it")
      } else {
        relevance = found
      }
    }
    let scored =
      kind == .ruling
      ? Self.score(table.units, model: try model(), keyTerms: keyTerms, relevance: relevance)
      : Self.score(
        table.units, kind: kind, prior: Self.prior(table.units, kind: kind), keyTerms: keyTerms, relevance: relevance)
    let chosen = Self.select(
      scored: scored, units: table.units, length: options.length, lambda: options.relevanceWeight)
    if chosen.isEmpty {
      notes.append(
        "no sentence can be quoted: the text holds only numbers and punctuation, or runs of over \(Self.maximumSentenceBytes) bytes without a sentence end"
      )
    }
    var sentences = chosen.map { index in
      Summary.Sentence(
        text: SentenceLint.clean(table.units[index].text), position: index, start: table.units[index].range.lowerBound,
        end: table.units[index].range.upperBound, score: scored[index].score, centrality: scored[index].centrality,
        positionPrior: scored[index].prior, keyTerms: keyTerms[index], queryRelevance: relevance?[index], document: nil,
        page: document.page(atOffset: table.units[index].range.lowerBound))
    }
    if options.order == .document { sentences.sort { $0.position < $1.position } }
    return Summary(sentences: sentences, sentenceCount: table.units.count, language: language, kind: kind, notes: notes)
  }

  /// A summary across several documents.
  ///
  /// Their most central sentences, with redundancy removed across documents
  /// and at most `perDocument` from each. Each sentence's `document` is its
  /// document's index.
  ///
  /// The documents' sentences form one graph (each language's terms apart),
  /// each document's lead counts as a news lead does, and MMR compares
  /// sentences of all documents, so two items reporting the same news give
  /// one sentence.
  ///
  /// - Complexity: as `summarize(_:options:)` over all sentences together.
  package func summarize(
    documents: [Document], options: SummaryOptions = SummaryOptions(), perDocument: Int = 1
  ) throws -> Summary {
    var tables: [SentenceTable] = []
    var offsets: [Int32] = []
    var keyTerms: [Double] = []
    var prior: [Double] = []
    var owner: [Int] = []
    var languages: [Language: Int] = [:]
    for (number, document) in documents.enumerated() {
      let language = language(of: document)
      languages[language, default: 0] += 1
      let analyzer = try analyzer(language)
      let table = try SentenceTable(Array(document.body.utf8), splitter: try splitter(language), analyzer: analyzer)
      keyTerms += try keyTermShares(table, body: document.body, language: language, analyzer: analyzer)
      prior += Self.prior(table.units, kind: .news)
      owner += Array(repeating: number, count: table.units.count)
      tables.append(table)
      offsets.append(Self.termOffset(language))
    }
    let language =
      languages.max { $0.value != $1.value ? $0.value < $1.value : $0.key.code > $1.key.code }?.key ?? .dutch
    var table = SentenceTable(joining: tables, offsets: offsets)
    table.weigh(idf: table.sentenceIDF)
    guard !table.units.isEmpty else {
      return Summary(
        sentences: [], sentenceCount: 0, language: language, kind: .news, notes: ["the documents have no text"])
    }
    var relevance: [Double]?
    var notes: [String] = []
    if let query = options.query, !query.trimmingCharacters(in: .whitespaces).isEmpty {
      // Each document meets the query in its own language's terms.
      var vectors: [Int32: [(term: Int32, weight: Double)]] = [:]
      for candidate in [Language.dutch, .english] where offsets.contains(Self.termOffset(candidate)) {
        let offset = Self.termOffset(candidate)
        vectors[offset] = try queryVector(
          query, table: table, language: candidate, analyzer: try analyzer(candidate), offset: offset)
      }
      let found = table.units.indices.map { Self.cosine(table.units[$0].vector, vectors[offsets[owner[$0]]] ?? []) }
      if found.allSatisfy({ $0 == 0 }) {
        notes.append("no sentence matches the query '\(query)'; this summary ignores it")
      } else {
        relevance = found
      }
    }
    let scored = Self.score(table.units, kind: .news, prior: prior, keyTerms: keyTerms, relevance: relevance)
    let chosen = Self.select(
      scored: scored, units: table.units, length: options.length, lambda: options.relevanceWeight,
      groups: (owner, perDocument))
    var sentences = chosen.map { index in
      Summary.Sentence(
        text: SentenceLint.clean(table.units[index].text), position: index, start: table.units[index].range.lowerBound,
        end: table.units[index].range.upperBound, score: scored[index].score, centrality: scored[index].centrality,
        positionPrior: scored[index].prior, keyTerms: keyTerms[index], queryRelevance: relevance?[index],
        document: owner[index], page: documents[owner[index]].page(atOffset: table.units[index].range.lowerBound))
    }
    if options.order == .document { sentences.sort { $0.position < $1.position } }
    // Positions are per document, as for a single document.
    let starts = tables.reduce(into: [0]) { $0.append($0.last! + $1.units.count) }
    for k in sentences.indices { sentences[k].position -= starts[sentences[k].document ?? 0] }
    return Summary(
      sentences: sentences, sentenceCount: table.units.count, language: language, kind: .news, notes: notes)
  }

  /// How a language's term ids are shifted in a joined table, so Dutch and
  /// English stems never share an id.
  static func termOffset(_ language: Language) -> Int32 {
    language == .dutch ? 0 : 1 << 28
  }

  /// The kind of a document: news by its source or path, a report when it
  /// is long, else general.
  static func kind(of document: Document, sentences: Int) -> DocumentKind {
    let hints = [document.source ?? "", document.path, document.metadata["type"] ?? ""].joined(separator: " ")
      .lowercased()
    if isRuling(document.body) { return .ruling }
    if ["news", "nieuws", "persbericht", "press release", "article"].contains(where: hints.contains) && sentences <= 120
    {
      return .news
    }
    return sentences > 150 ? .report : .general
  }

  /// Words of court proceedings, rare elsewhere: the parties, the hearing,
  /// the case numbers.
  static let proceedingsWords = [
    "ter zitting", "ter terechtzitting", "griffier", "procesverloop", "zaaknummer", "rolnummer", "parketnummer",
    "parketnummers", "uitspraakdatum", "gemachtigde", "appellant", "appellante", "eiser", "eiseres", "verweerder",
    "verweerster", "gedaagde", "verdachte", "verzoeker", "verzoekster", "betrokkene", "belanghebbende",
    "bestreden besluit", "kantonrechter", "officier van justitie",
  ]

  /// Dutch courts, which head their rulings.
  static let courts = [
    "rechtbank", "gerechtshof", "centrale raad van beroep", "college van beroep", "raad van state", "hoge raad",
  ]

  /// Whether a text is a Dutch court ruling: an ECLI or three words of
  /// proceedings in its first 20,000 characters, or one such word and a
  /// court named in its first 500.
  static func isRuling(_ body: String) -> Bool {
    let head = String(body.prefix(20_000))
    if head.lowercased().contains("ecli:nl:") { return true }
    let words = SentenceFeatures.words(head)
    let found = proceedingsWords.filter { words.contains(" \($0) ") }.count
    return found >= 3
      || (found >= 1 && SentenceFeatures.holds(SentenceFeatures.words(String(body.prefix(500))), courts))
  }

  // MARK: - Scoring

  struct Scored {
    var score: Double
    var centrality: Double
    var prior: Double
  }

  /// The prior for each sentence's position, highest 1.
  static func prior(_ units: [SentenceTable.Unit], kind: DocumentKind) -> [Double] {
    let n = Double(units.count)
    return units.indices.map { index in
      let i = Double(index)
      switch kind {
      case .news: return 1 / (1 + i / 2)
      case .report: return (units[index].startsParagraph ? 1 : 0.5) / (1 + i / max(n / 4, 1))
      case .general, .ruling: return 1 / (1 + i / 10)
      }
    }
  }

  /// How much of the prior enters the final score, by kind.
  static func priorWeight(_ kind: DocumentKind) -> Double {
    switch kind {
    case .news: 0.5
    case .report: 0.1
    case .general, .ruling: 0.1
    }
  }

  /// Centrality, prior, key terms, query and penalties combined.
  static func score(
    _ units: [SentenceTable.Unit], kind: DocumentKind, prior: [Double], keyTerms: [Double], relevance: [Double]?
  ) -> [Scored] {
    let n = units.count
    // The walk jumps uniformly, as in LexRank; the prior enters the score
    // below. (Jumping by the prior cost 4 ROUGE-2 points on court rulings.)
    let centrality = lexRank(units, jump: jump(n, relevance: relevance))
    let topCentrality = max(centrality.max() ?? 0, 1e-12)
    let gamma = priorWeight(kind)
    return (0..<n).map { index in
      let unit = units[index]
      let central = centrality[index] / topCentrality
      var score = (1 - gamma) * central + gamma * prior[index]
      score *= 1 + keyTermBoost * keyTerms[index]
      if let relevance {
        let top = max(relevance.max() ?? 0, 1e-9)
        score *= 0.2 + 0.8 * relevance[index] / top
      }
      score *= penalty(unit)
      return Scored(score: score, centrality: central, prior: prior[index])
    }
  }

  /// Where the random walk jumps: uniformly, or with a query, in proportion
  /// to each sentence's similarity to it (biased LexRank).
  static func jump(_ n: Int, relevance: [Double]?) -> [Double] {
    guard let relevance else { return Array(repeating: 1.0, count: n) }
    let top = max(relevance.max() ?? 0, 1e-9)
    return relevance.map { 0.3 + 0.7 * $0 / top }
  }

  /// Below 1 for sentences that cannot stand alone.
  static func penalty(_ unit: SentenceTable.Unit) -> Double {
    var factor = 1.0
    if unit.isHeading { factor *= 0.25 }
    if unit.words < 6 { factor *= 0.3 } else if unit.words < 9 { factor *= 0.7 }
    if unit.words > 70 { factor *= 0.7 }
    if unit.letterShare < 0.6 { factor *= 0.4 }
    if unit.opensWithReference { factor *= 0.6 }
    if unit.vector.isEmpty { factor *= 0.1 }
    return factor
  }

  /// LexRank centrality: PageRank on the sparse cosine graph, jumping by
  /// `jump` (normalised here).
  ///
  /// - Complexity: O(Σ df²) over terms below the frequency cap to build
  ///   the graph, O(*n*·*k*) per iteration.
  static func lexRank(_ units: [SentenceTable.Unit], jump: [Double]) -> [Double] {
    let n = units.count
    guard n > 1 else { return Array(repeating: 1, count: n) }
    let edges = graph(units)
    let jumpTotal = jump.reduce(0, +)
    let teleport = jumpTotal > 0 ? jump.map { $0 / jumpTotal } : Array(repeating: 1 / Double(n), count: n)
    let outWeight = edges.map { $0.reduce(0) { $0 + $1.weight } }
    var rank = Array(repeating: 1 / Double(n), count: n)
    for _ in 0..<50 {
      var next = Array(repeating: 0.0, count: n)
      var dangling = 0.0
      for i in 0..<n {
        if outWeight[i] == 0 {
          dangling += rank[i]
          continue
        }
        let share = rank[i] / outWeight[i]
        for edge in edges[i] { next[edge.to] += share * edge.weight }
      }
      var change = 0.0
      for i in 0..<n {
        let value = (1 - damping) * teleport[i] + damping * (next[i] + dangling * teleport[i])
        change += abs(value - rank[i])
        next[i] = value
      }
      rank = next
      if change < 1e-7 { break }
    }
    return rank
  }

  /// For each sentence, its strongest neighbours by cosine similarity,
  /// each edge of weight 1 (LexRank's thresholded graph).
  static func graph(_ units: [SentenceTable.Unit]) -> [[(to: Int, weight: Double)]] {
    let n = units.count
    var postings: [Int32: [(sentence: Int, weight: Double)]] = [:]
    for (index, unit) in units.enumerated() {
      for (term, weight) in unit.vector { postings[term, default: []].append((index, weight)) }
    }
    let cap = max(50, n / 10)
    var dots = Array(repeating: 0.0, count: n)
    var touched: [Int] = []
    var edges: [[(to: Int, weight: Double)]] = Array(repeating: [], count: n)
    for (index, unit) in units.enumerated() {
      touched.removeAll(keepingCapacity: true)
      for (term, weight) in unit.vector {
        guard let list = postings[term], list.count <= cap else { continue }
        for (other, otherWeight) in list where other != index {
          if dots[other] == 0 { touched.append(other) }
          dots[other] += weight * otherWeight
        }
      }
      var found: [(to: Int, weight: Double)] = []
      for other in touched {
        if dots[other] >= edgeThreshold { found.append((other, dots[other])) }
        dots[other] = 0
      }
      if found.count > neighbours {
        found.sort { $0.weight != $1.weight ? $0.weight > $1.weight : $0.to < $1.to }
        found.removeLast(found.count - neighbours)
      }
      edges[index] = found.map { ($0.to, 1) }
    }
    return edges
  }

  /// Cosine similarity of two unit vectors sorted by term.
  static func cosine(_ a: [(term: Int32, weight: Double)], _ b: [(term: Int32, weight: Double)]) -> Double {
    var i = 0
    var j = 0
    var sum = 0.0
    while i < a.count && j < b.count {
      if a[i].term == b[j].term {
        sum += a[i].weight * b[j].weight
        i += 1
        j += 1
      } else if a[i].term < b[j].term {
        i += 1
      } else {
        j += 1
      }
    }
    return sum
  }

  /// Chooses sentences by MMR until the length is reached.
  ///
  /// With `groups`, at most `cap` sentences come from one group (document).
  static func select(
    scored: [Scored], units: [SentenceTable.Unit], length: SummaryOptions.Length, lambda: Double,
    groups: (owner: [Int], cap: Int)? = nil
  ) -> [Int] {
    var taken: [Int: Int] = [:]
    let top = max(scored.map(\.score).max() ?? 0, 1e-12)
    let quotable = scored.indices.filter { isQuotable(units[$0]) }.sorted { scored[$0].score > scored[$1].score }
    // The 200 best printable sentences (linted best first, so a long text
    // lints about 200, not all), else the 200 best quotable ones.
    var printable: [Int] = []
    for index in quotable {
      if printable.count == 200 { break }
      if isPrintable(units[index]) { printable.append(index) }
    }
    let candidates = printable.isEmpty ? Array(quotable.prefix(200)) : printable
    var chosen: [Int] = []
    // A sentence that repeats one already chosen (boilerplate, a heading
    // said twice) is never chosen again.
    var chosenTexts: Set<String> = []
    var words = 0
    var remaining = Array(candidates)
    while !remaining.isEmpty {
      switch length {
      case .sentences(let count) where chosen.count >= count: return chosen
      default: break
      }
      var best = 0
      var bestValue = -Double.infinity
      for (k, index) in remaining.enumerated() {
        let overlap = chosen.map { cosine(units[index].vector, units[$0].vector) }.max() ?? 0
        let value = lambda * scored[index].score / top - (1 - lambda) * overlap
        if value > bestValue {
          bestValue = value
          best = k
        }
      }
      let index = remaining.remove(at: best)
      if chosenTexts.contains(Self.comparable(units[index].text)) { continue }
      if case .words(let budget) = length, !chosen.isEmpty, words + units[index].words > budget { continue }
      if let groups {
        let group = groups.owner[index]
        if taken[group, default: 0] >= groups.cap { continue }
        taken[group, default: 0] += 1
      }
      chosen.append(index)
      chosenTexts.insert(Self.comparable(units[index].text))
      words += units[index].words
    }
    return chosen
  }

  /// The longest sentence a summary quotes, in bytes: a longer "sentence"
  /// is a run of text the splitter could not cut (a table, 1 MB of dots).
  static let maximumSentenceBytes = 2_000

  /// Whether a sentence can be quoted: it has words (letters, not only
  /// numbers and punctuation) and is not over `maximumSentenceBytes`.
  static func isQuotable(_ unit: SentenceTable.Unit) -> Bool {
    unit.range.count <= maximumSentenceBytes && !unit.raw.isEmpty && unit.text.contains(where: \.isLetter)
  }

  /// Whether a sentence reads as a sentence on its own.
  ///
  /// It is not a heading line and has none of `SentenceLint`'s defects. A
  /// summary takes other sentences only when no sentence is printable.
  static func isPrintable(_ unit: SentenceTable.Unit) -> Bool {
    !unit.isHeading && SentenceLint.defects(unit.text).isEmpty
  }

  /// A sentence's text for spotting repeats: case and spacing ignored.
  static func comparable(_ text: String) -> String {
    text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }

  // MARK: - Key terms and queries

  /// Per sentence, the share (0…1) of up to four distinct key terms it holds:
  /// glossary terms and the document's top key phrases.
  func keyTermShares(_ table: SentenceTable, body: String, language: Language, analyzer: Analyzer) throws
    -> [Double]
  {
    var counts = Array(repeating: 0, count: table.units.count)
    if let matcher {
      var sentence = 0
      for occurrence in try matcher.occurrences(in: body, language: language) {
        while sentence < table.units.count && table.units[sentence].range.upperBound <= occurrence.range.lowerBound {
          sentence += 1
        }
        if sentence < table.units.count && table.units[sentence].range.contains(occurrence.range.lowerBound) {
          counts[sentence] += 1
        }
      }
    }
    // The document's most weighty stems (tf × idf over the whole text).
    var totals: [Int32: Double] = [:]
    for unit in table.units { for (term, tf) in unit.raw { totals[term, default: 0] += tf } }
    var weighted: [(term: Int32, weight: Double)] = []
    for (term, total) in totals where total >= 2 { weighted.append((term, total * table.sentenceIDF(term))) }
    weighted.sort { $0.weight != $1.weight ? $0.weight > $1.weight : $0.term < $1.term }
    let key = Set(weighted.prefix(10).map(\.term))
    for (index, unit) in table.units.enumerated() {
      counts[index] += unit.raw.keys.filter(key.contains).count
    }
    return counts.map { min(Double($0), 4) / 4 }
  }

  /// Per sentence, its similarity to the query, whose words count in the
  /// document's language and, through the glossary, in their equivalents.
  private func queryRelevance(_ query: String, table: SentenceTable, language: Language, analyzer: Analyzer) throws
    -> [Double]
  {
    let vector = try queryVector(query, table: table, language: language, analyzer: analyzer, offset: 0)
    return table.units.map { Self.cosine($0.vector, vector) }
  }

  /// The query as a unit tf-idf vector in `language`'s terms (ids shifted
  /// by `offset`, as in a joined table), with its glossary equivalents.
  private func queryVector(
    _ query: String, table: SentenceTable, language: Language, analyzer: Analyzer, offset: Int32
  ) throws -> [(term: Int32, weight: Double)] {
    var texts = [query]
    if let matcher {
      for occurrence in try matcher.occurrences(in: query, language: language)
        + (try matcher.occurrences(in: query, language: language.other))
      {
        for concept in occurrence.concepts {
          texts += matcher.glossary.concepts[concept].terms(in: language).map(\.text)
        }
      }
    }
    var raw: [Int32: Double] = [:]
    var tokens: [Token] = []
    for text in texts {
      tokens.removeAll(keepingCapacity: true)
      var copy = text
      try copy.withUTF8 { _ = try analyzer.analyze(UnsafeRawBufferPointer($0), into: &tokens) }
      for token in tokens where !token.isStopWord && token.kind != .joined && token.kind != .number {
        raw[token.stem] = max(raw[token.stem] ?? 0, token.kind == .compoundPart ? 0.5 : 1)
      }
    }
    var vector = raw.map { (term: $0.key + offset, weight: $0.value * max(table.sentenceIDF($0.key + offset), 0.1)) }
    let norm = vector.reduce(0) { $0 + $1.weight * $1.weight }.squareRoot()
    if norm > 0 { for k in vector.indices { vector[k].weight /= norm } }
    vector.sort { $0.term < $1.term }
    return vector
  }
}
