import BeleidAnalysis

/// Turns a parsed query into a plan, analysing words with the same chain as
/// the indexed text: a word's stem, a compound's parts, a hyphenated word's
/// joined form and parts.
///
/// Not `Sendable`: it owns analyzers. Use one per thread.
package final class QueryPlanner {
  /// Default-operator queries of up to this many clauses rank documents that
  /// match more of them first; longer ones (pasted sentences) rank by BM25.
  package static let coordinationLimit = 4
  /// How much a match on a compound's parts counts against the whole word.
  package static let compoundPartsWeight = 0.5
  /// How much a multi-word term's words near each other, in any order,
  /// count against the exact phrase (`nearSlop`), in queries of at most
  /// `coordinationLimit` clauses.
  package static let nearWeight = 0.5

  /// How far each word of an *n*-word term may stand from its place in the
  /// phrase and still count as near: 2*n* positions, so that "security of
  /// the supply chain" is near "supply chain security" and "controller of
  /// the data" near "data controller".
  package static func nearSlop(words: Int) -> Int { 2 * words }

  private var analyzers: [Language: Analyzer] = [:]
  private let identifier = LanguageIdentifier()

  /// Adds synonyms and translations to the query's words (cross-language
  /// search); nil searches the words as written.
  package var expander: (any QueryExpander)?

  /// Creates a planner.
  package init() {}

  /// The analyzer for a language.
  package func analyzer(_ language: Language) throws -> Analyzer {
    if let analyzer = analyzers[language] { return analyzer }
    let analyzer = try Analyzer(language: language)
    analyzers[language] = analyzer
    return analyzer
  }

  /// The language of a query's words: detected, Dutch on a tie.
  ///
  /// Words that the expander knows as a term of one language vote for it,
  /// one vote a word; the others vote as `LanguageIdentifier` judges them.
  package func detectLanguage(_ node: QueryNode) -> Language {
    let words = Self.words(node)
    let known = (try? expander?.termLanguages(words)) ?? []
    var evidence = LanguageIdentifier.Evidence()
    var rest: [String] = []
    for (index, word) in words.enumerated() {
      switch index < known.count ? known[index] : nil {
      case .dutch: evidence.dutch += 1
      case .english: evidence.english += 1
      case nil: rest.append(word)
      }
    }
    return identifier.identify(rest.joined(separator: " "), query: true, evidence: evidence).language ?? .dutch
  }

  /// Analyses a parsed query into a plan, in `language` (detected if nil).
  ///
  /// - Throws: `QueryParseError` for a tree nested deeper than the parser
  ///   allows (planning recurses over it), and for queries of only stop
  ///   words or only exclusions.
  package func plan(_ node: QueryNode, language: Language? = nil) throws -> QueryPlan {
    // Sequences and the two levels of AND/OR between groups add to the
    // parser's count of groups and operators.
    guard node.depth <= 4 * QueryParser.maximumDepth + 4 else {
      throw QueryParseError("the query nests too deep (at most \(QueryParser.maximumDepth) levels)", column: 1)
    }
    let language = language ?? detectLanguage(node)
    var filters: [Filter] = []
    var stopOnly: [Int] = []
    let root = try build(node, language: language, filters: &filters, stopOnly: &stopOnly, titleOnly: false)
    guard let root else {
      if !filters.isEmpty && stopOnly.isEmpty {
        // Filters alone select documents without ranking them.
        return QueryPlan(root: .all, filters: filters, language: language)
      }
      throw QueryParseError("the query has only stop words (de, het, the, of, …)", column: stopOnly.first ?? 1)
    }
    if case .boolean(let boolean) = root, boolean.must.isEmpty, boolean.should.isEmpty {
      throw QueryParseError("the query only excludes; add a word to search for", column: 1)
    }
    var plan = QueryPlan(root: root, filters: filters, language: language)
    plan.notes = expander?.notes ?? []
    return plan
  }

  /// Parses and plans in one step.
  package func plan(_ text: String, language: Language? = nil) throws -> QueryPlan {
    try plan(try QueryParser().parse(text), language: language)
  }

  private func build(
    _ node: QueryNode, language: Language, filters: inout [Filter], stopOnly: inout [Int], titleOnly: Bool
  ) throws -> QueryPlan.Node? {
    switch node {
    case .word(let text, let column):
      let built = try expandedRun([(text, column)], language: language, titleOnly: titleOnly)
      guard let word = built.first?.node else {
        stopOnly.append(column)
        return nil
      }
      return word
    case .phrase(let text, let slop, let column):
      guard var phrase = try phraseNode(text, slop: slop, column: column, language: language, titleOnly: titleOnly)
      else {
        stopOnly.append(column)
        return nil
      }
      // A phrase that is a glossary term as a whole gets its equivalents.
      let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
      if slop == 0, let expander, let expansion = try expander.expand(words, language: language).first,
        expansion.isTerm, expansion.words == 0..<words.count
      {
        phrase = try inject(expansion.alternatives, into: phrase)
      }
      return phrase
    case .prefix(let text, let column):
      return .leaf(
        QueryPlan.Leaf(
          label: text + "*", options: [.init(.prefix(TextFolding.fold(text)))], titleOnly: titleOnly, column: column))
    case .fuzzy(let text, let distance, let column):
      return .leaf(
        QueryPlan.Leaf(
          label: "\(text)~\(distance)", options: [.init(.fuzzy(TextFolding.fold(text), distance: distance))],
          titleOnly: titleOnly, column: column))
    case .title(let inner):
      return try build(inner, language: language, filters: &filters, stopOnly: &stopOnly, titleOnly: true)
    case .filter(let filter):
      filters.append(filter)
      return nil
    case .must(let inner):
      guard
        let built = try build(inner, language: language, filters: &filters, stopOnly: &stopOnly, titleOnly: titleOnly)
      else { return nil }
      return .boolean(.init(must: [built], should: [], mustNot: [], coordination: false))
    case .mustNot(let inner):
      guard
        let built = try build(inner, language: language, filters: &filters, stopOnly: &stopOnly, titleOnly: titleOnly)
      else { return nil }
      return .boolean(.init(must: [], should: [], mustNot: [built], coordination: false))
    case .sequence(let children), .and(let children), .or(let children):
      var must: [QueryPlan.Node] = []
      var should: [QueryPlan.Node] = []
      var mustNot: [QueryPlan.Node] = []
      var builtChildren: [QueryPlan.Node?] = []
      if case .sequence = node {
        // Runs of plain words go to the expander together, so that
        // multi-word terms are found ("supply chain security").
        var run: [(String, Int)] = []
        func flush() throws {
          guard !run.isEmpty else { return }
          for (node, column) in try expandedRun(run, language: language, titleOnly: titleOnly) {
            if node == nil { stopOnly.append(column) }
            builtChildren.append(node)
          }
          run = []
        }
        for child in children {
          if case .word(let text, let column) = child {
            run.append((text, column))
            continue
          }
          try flush()
          builtChildren.append(
            try build(child, language: language, filters: &filters, stopOnly: &stopOnly, titleOnly: titleOnly))
        }
        try flush()
      } else {
        for child in children {
          builtChildren.append(
            try build(child, language: language, filters: &filters, stopOnly: &stopOnly, titleOnly: titleOnly))
        }
      }
      for case let built? in builtChildren {
        // A lone +x or -x inside a sequence joins this boolean directly.
        if case .boolean(let inner) = built, inner.should.isEmpty,
          inner.must.count + inner.mustNot.count == 1
        {
          must += inner.must
          mustNot += inner.mustNot
          continue
        }
        if case .and = node { must.append(built) } else { should.append(built) }
      }
      if must.isEmpty && should.isEmpty && mustNot.isEmpty { return nil }
      if must.count + should.count == 1 && mustNot.isEmpty { return must.first ?? should.first }
      var coordination = false
      if case .sequence = node { coordination = should.count <= Self.coordinationLimit }
      return .boolean(.init(must: must, should: should, mustNot: mustNot, coordination: coordination))
    }
  }

  /// Plans a run of adjacent words, with the expander's synonyms and
  /// translations: one node per span the expander knows, one per other
  /// word (nil for a stop word).
  private func expandedRun(_ run: [(String, Int)], language: Language, titleOnly: Bool) throws -> [(
    node: QueryPlan.Node?, column: Int
  )] {
    let expansions = try expander?.expand(run.map(\.0), language: language) ?? []
    // Terms match as words near each other in short queries, the ones
    // users type; a pasted sentence (more clauses than coordination counts)
    // has the proximity rerank instead, and near options for its every
    // term cost it 30% of its time.
    let clauses = run.count - expansions.reduce(0) { $0 + max($1.words.count - 1, 0) }
    let near = clauses <= Self.coordinationLimit
    var result: [(node: QueryPlan.Node?, column: Int)] = []
    var index = 0
    while index < run.count {
      let (text, column) = run[index]
      if let expansion = expansions.first(where: { $0.words.lowerBound == index }), expansion.words.count > 1 {
        let span = run[expansion.words]
        let label = span.map(\.0).joined(separator: " ")
        if let node = try phraseNode(label, slop: 0, column: column, language: language, titleOnly: titleOnly) {
          // A term in the query matches as a phrase, or as its words near
          // each other at a lower weight; so do its equivalents.
          let phrase = near ? Self.withNearOption(node) : node
          result.append((try inject(expansion.alternatives, into: phrase, near: near), column))
        } else {
          result.append((nil, column))
        }
        index = expansion.words.upperBound
        continue
      }
      var node = try wordNode(text, column: column, language: language, titleOnly: titleOnly)
      if let expansion = expansions.first(where: { $0.words == index..<(index + 1) }), let built = node {
        node = try inject(expansion.alternatives, into: built, near: near)
      }
      result.append((node, column))
      index += 1
    }
    return result
  }

  /// Adds alternatives as options of a node's main leaf: the leaf itself,
  /// or the whole-word leaf of a word's variants.
  /// With `near`, a multi-word alternative also matches as its words near
  /// each other (`nearSlop`), at `nearWeight`.
  private func inject(_ alternatives: [QueryExpansion.Alternative], into node: QueryPlan.Node, near: Bool = false)
    throws -> QueryPlan.Node
  {
    switch node {
    case .leaf(var leaf):
      for alternative in alternatives {
        for option in try options(for: alternative, near: near) {
          if let existing = leaf.options.firstIndex(where: { $0.match == option.match }) {
            if leaf.options[existing].weight < option.weight { leaf.options[existing] = option }
          } else {
            leaf.options.append(option)
          }
        }
      }
      return .leaf(leaf)
    case .variants(var nodes, let weights):
      guard !nodes.isEmpty else { return node }
      nodes[0] = try inject(alternatives, into: nodes[0], near: near)
      return .variants(nodes, weights: weights)
    case .boolean, .all:
      return node
    }
  }

  /// An alternative analysed in its language: a term for one word, a
  /// phrase for several; a hyphenated word both joined and as a phrase.
  private func options(for alternative: QueryExpansion.Alternative, near: Bool) throws -> [QueryPlan.Option] {
    let (tokens, analyzer) = try analyze(alternative.text, language: alternative.language)
    let words = tokens.filter { $0.kind != .compoundPart && $0.kind != .joined }
    guard !words.isEmpty, !words.allSatisfy(\.isStopWord) else { return [] }
    func option(_ match: QueryPlan.Match) -> QueryPlan.Option {
      QueryPlan.Option(match, weight: alternative.weight, provenance: alternative.provenance)
    }
    if words.count == 1 { return [option(.term(analyzer.stem(words[0].stem)))] }
    let terms = phraseTerms(words, analyzer)
    var result = [option(.phrase(terms, slop: 0))]
    if near {
      result.append(
        QueryPlan.Option(
          .phrase(terms, slop: Self.nearSlop(words: terms.count)), weight: alternative.weight * Self.nearWeight,
          provenance: alternative.provenance))
    }
    if let joined = tokens.first(where: { $0.kind == .joined }), words.allSatisfy({ $0.kind == .hyphenPart }) {
      result.insert(option(.term(analyzer.stem(joined.stem))), at: 0)
    }
    return result
  }

  /// The word-level tokens of a text: words, numbers, hyphen parts and
  /// joined forms, with the compound parts that follow each word.
  private func analyze(_ text: String, language: Language) throws -> (tokens: [Token], analyzer: Analyzer) {
    let analyzer = try analyzer(language)
    var tokens: [Token] = []
    var text = text
    try text.withUTF8 { _ = try analyzer.analyze(UnsafeRawBufferPointer($0), into: &tokens) }
    return (tokens, analyzer)
  }

  /// A word: its stem; a compound also by its parts (weighted lower); a
  /// hyphenated word by its joined form or its parts as a phrase.
  private func wordNode(_ text: String, column: Int, language: Language, titleOnly: Bool) throws -> QueryPlan.Node? {
    let (tokens, analyzer) = try analyze(text, language: language)
    let words = tokens.filter { $0.kind != .compoundPart && $0.kind != .joined }
    guard !words.isEmpty, !words.allSatisfy(\.isStopWord) else { return nil }
    func leaf(_ match: QueryPlan.Match) -> QueryPlan.Node {
      .leaf(QueryPlan.Leaf(label: text, options: [.init(match)], titleOnly: titleOnly, column: column))
    }
    if words.count == 1 {
      let whole = leaf(.term(analyzer.stem(words[0].stem)))
      let parts = tokens.filter { $0.kind == .compoundPart }.map { analyzer.stem($0.stem) }
      guard parts.count >= 2 else { return whole }
      let partsLeaf = QueryPlan.Leaf(
        label: text, options: [.init(.allOf(parts), provenance: .compoundParts)], titleOnly: titleOnly, column: column)
      return .variants([whole, .leaf(partsLeaf)], weights: [1, Self.compoundPartsWeight])
    }
    if let joined = tokens.first(where: { $0.kind == .joined }), words.allSatisfy({ $0.kind == .hyphenPart }) {
      return .variants(
        [leaf(.term(analyzer.stem(joined.stem))), leaf(.phrase(phraseTerms(words, analyzer), slop: 0))],
        weights: [1, 1])
    }
    // Several words in one token (d66/cda): a phrase.
    return leaf(.phrase(phraseTerms(words, analyzer), slop: 0))
  }

  private func phraseNode(_ text: String, slop: Int, column: Int, language: Language, titleOnly: Bool) throws
    -> QueryPlan.Node?
  {
    let (tokens, analyzer) = try analyze(text, language: language)
    let words = tokens.filter { $0.kind != .compoundPart && $0.kind != .joined }
    guard !words.isEmpty, !words.allSatisfy(\.isStopWord) else { return nil }
    let label = "\"\(text)\"" + (slop > 0 ? "~\(slop)" : "")
    if words.count == 1 || (words.allSatisfy { $0.kind == .hyphenPart }) {
      // A one-word phrase is the word itself, with its variants.
      return try wordNode(text, column: column, language: language, titleOnly: titleOnly)
    }
    return .leaf(
      QueryPlan.Leaf(
        label: label, options: [.init(.phrase(phraseTerms(words, analyzer), slop: slop))], titleOnly: titleOnly,
        column: column))
  }

  /// A phrase leaf with, beside its exact phrase, its words near each other.
  static func withNearOption(_ node: QueryPlan.Node) -> QueryPlan.Node {
    guard case .leaf(var leaf) = node, let first = leaf.options.first, case .phrase(let terms, 0) = first.match
    else { return node }
    leaf.options.append(
      QueryPlan.Option(
        .phrase(terms, slop: nearSlop(words: terms.count)), weight: first.weight * nearWeight,
        provenance: first.provenance))
    return .leaf(leaf)
  }

  private func phraseTerms(_ words: [Token], _ analyzer: Analyzer) -> [QueryPlan.PhraseTerm] {
    let first = words.first?.position ?? 0
    return words.map { QueryPlan.PhraseTerm(offset: Int($0.position - first), stem: analyzer.stem($0.stem)) }
  }

  /// The words of a query, for language detection.
  static func words(_ node: QueryNode) -> [String] {
    switch node {
    case .word(let text, _), .prefix(let text, _), .fuzzy(let text, _, _), .phrase(let text, _, _): [text]
    case .title(let inner), .must(let inner), .mustNot(let inner): words(inner)
    case .filter: []
    case .sequence(let children), .and(let children), .or(let children): children.flatMap(words)
    }
  }
}
