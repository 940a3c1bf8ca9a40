import BeleidIndex

/// A query plan made ready for one index: prefix and fuzzy words expanded,
/// each leaf's statistics counted, the coordination bonuses fixed, and the
/// terms looked up in each segment once.
///
/// This is the middle layer of a search (Query → Prepared query → Scorer →
/// Collector → Hits), after Tantivy's and Lucene's `Weight`. Every later
/// stage (the floor, collection, the proximity rerank, explanations) builds
/// its scorers from it, so however often a leaf's postings are walked, its
/// terms are found in a segment's dictionary once per query.
///
/// One per search: the term lookups are cached in it, so it is not shared
/// between threads.
final class PreparedQuery {
  /// The plan's structure, its leaves numbered into `leaves`.
  indirect enum Node {
    case leaf(Int)
    /// `clauseBonus` is added for each matching should clause (0 without
    /// coordination): the same in every segment.
    case boolean(must: [Node], should: [Node], mustNot: [Node], clauseBonus: Double)
    case variants([Node], weights: [Double])
    case all
  }

  /// A leaf's idf and document frequency (the union's, for a group).
  struct Statistics {
    var idf: Double
    var documentFrequency: Int
  }

  /// The plan searched: its prefix and fuzzy options replaced by the stems
  /// they expand to.
  let plan: QueryPlan
  /// The plan's leaves, depth first.
  let leaves: [QueryPlan.Leaf]
  /// Each leaf's statistics.
  private(set) var statistics: [Statistics] = []
  /// The tree scorers are built from.
  private(set) var root: Node = .all
  /// Notes from expanding: a prefix that matched too many forms.
  private(set) var notes: [String] = []
  let reader: IndexReader
  let bm25: BM25
  /// Each term of the plan, looked up in every segment: per leaf, per
  /// option, per term of the option (a phrase's or compound's several),
  /// per segment (nil: the segment lacks it). Resolved once, so that the
  /// scorers built for every stage find their terms by position, without
  /// hashing a string.
  private var terms: [[[[TermInfo?]]]] = []

  /// Prepares `plan` for `reader`.
  ///
  /// - Complexity: per segment, a dictionary walk for each prefix or
  ///   fuzzy word, a lookup for each term, and one pass over the postings
  ///   of each leaf with several options (to count their union).
  init(_ plan: QueryPlan, reader: IndexReader, bm25: BM25, deadline: Deadline) throws {
    self.reader = reader
    self.bm25 = bm25
    var notes: [String] = []
    self.plan = try Self.resolveExpansions(plan, reader: reader, notes: &notes, deadline: deadline)
    self.notes = notes
    leaves = self.plan.leaves
    try deadline.check()
    terms = try Self.lookUp(leaves, in: reader)
    var next = 0
    statistics = try leaves.indices.map { try statistics(ofLeaf: $0) }
    root = number(self.plan.root, next: &next)
  }

  // MARK: - Expanding

  /// How many forms a prefix or fuzzy word expands to, at most, per segment.
  static let expansionLimit = 512

  /// Replaces prefix and fuzzy options with the stems they expand to.
  private static func resolveExpansions(
    _ plan: QueryPlan, reader: IndexReader, notes: inout [String], deadline: Deadline
  ) throws -> QueryPlan {
    var found: [String] = []
    let resolved = try plan.mapLeaves { leaf in
      var leaf = leaf
      var options: [QueryPlan.Option] = []
      for option in leaf.options {
        var stems = Set<String>()
        var truncated = false
        switch option.match {
        case .prefix(let prefix):
          for segment in reader.segments where !deadline.passed {
            let result = try segment.stems(withPrefix: prefix, limit: expansionLimit)
            stems.formUnion(result.stems)
            truncated = truncated || result.truncated
          }
        case .fuzzy(let word, let distance):
          for segment in reader.segments where !deadline.passed {
            let result = try segment.stems(withinDistance: distance, of: word, limit: expansionLimit)
            stems.formUnion(result.stems)
            truncated = truncated || result.truncated
          }
        default:
          options.append(option)
          continue
        }
        if truncated {
          found.append("\(option.match) matches more than \(expansionLimit) forms; only the first are searched")
        }
        for stem in stems.sorted() {
          options.append(
            .init(.term(stem), weight: option.weight, provenance: .expansion(of: option.match, from: option.provenance))
          )
        }
      }
      leaf.options = options
      return leaf
    }
    notes += found
    return resolved
  }

  // MARK: - Statistics

  /// A leaf of one term gets its own df; a lone phrase or compound the sum
  /// of its terms' idfs (as Lucene's phrase weight); a group of options the
  /// df of their union, counted (Pirkola's structured query).
  private func statistics(ofLeaf index: Int) throws -> Statistics {
    let leaf = leaves[index]
    if leaf.options.count == 1 {
      // The documents of all segments that hold each term (deleted ones
      // included).
      let dfs = terms[index][0].map { perSegment in perSegment.reduce(0) { $0 + ($1?.documentFrequency ?? 0) } }
      switch leaf.options[0].match {
      case .term:
        return Statistics(idf: idf(dfs[0]), documentFrequency: dfs[0])
      case .phrase, .allOf:
        return Statistics(idf: dfs.reduce(0) { $0 + idf($1) }, documentFrequency: dfs.min() ?? 0)
      default:
        break
      }
    }
    // The union: count the documents any option matches.
    var union = 0
    for segment in reader.segments.indices {
      guard let scorer = try leafScorer(index, segment: segment, statistics: Statistics(idf: 1, documentFrequency: 0))
      else { continue }
      while scorer.next() != PostingsIterator.exhausted { union += 1 }
      if let failure = scorer.failure { throw failure }
    }
    return Statistics(idf: idf(union), documentFrequency: union)
  }

  private func idf(_ df: Int) -> Double {
    BM25.idf(documentFrequency: df, documents: max(reader.documentCount, 1))
  }

  /// Numbers the leaves of `node` depth first (as `QueryPlan.leaves` lists
  /// them) and fixes each boolean's coordination bonus.
  private func number(_ node: QueryPlan.Node, next: inout Int) -> Node {
    switch node {
    case .leaf:
      next += 1
      return .leaf(next - 1)
    case .boolean(let boolean):
      // Depth first: must, should, then must not (as `QueryPlan.leaves`).
      let must = boolean.must.map { number($0, next: &next) }
      let should = boolean.should.map { number($0, next: &next) }
      let mustNot = boolean.mustNot.map { number($0, next: &next) }
      let bonus = boolean.coordination ? (must + should).reduce(1) { $0 + bound($1) } : 0
      return .boolean(must: must, should: should, mustNot: mustNot, clauseBonus: bonus)
    case .variants(let nodes, let weights):
      return .variants(nodes.map { number($0, next: &next) }, weights: weights)
    case .all:
      return .all
    }
  }

  /// An upper bound on a node's score without its parent's bonus: what its
  /// scorer's `maxScore` is in a segment that has all its terms.
  ///
  /// A boolean's coordination bonus comes from these bounds, not from one
  /// segment's scorers: a segment that lacks a clause would otherwise get
  /// a smaller bonus, and how documents fall into segments (which indexing
  /// thread took them) would shift their ranking. The bonus is larger than
  /// any score the clauses reach without bonuses, so one more matching
  /// clause always outranks any difference in BM25.
  func bound(_ node: Node) -> Double {
    switch node {
    case .leaf(let index):
      return statistics[index].idf * (BM25.k1 + 1)
    case .variants(let nodes, let weights):
      return zip(nodes, weights).map { bound($0) * $1 }.max() ?? 0
    case .boolean(let must, let should, _, let bonus):
      return must.reduce(0) { $0 + bound($1) } + should.reduce(0) { $0 + bound($1) + bonus }
    case .all:
      return 0
    }
  }

  /// Whether a variant counts as the word matched, for its clause's
  /// coordination bonus: not when it is only the word's compound parts,
  /// which add their lower-weighted score alone (#16: *strafrechtketen*
  /// does not match *ketenveiligheid*).
  func earnsCoordination(_ node: Node) -> Bool {
    guard case .leaf(let index) = node else { return true }
    return !leaves[index].options.allSatisfy { $0.provenance == .compoundParts }
  }

  /// The leaves under `node`.
  func leaves(of node: Node) -> [Int] {
    switch node {
    case .leaf(let index): [index]
    case .boolean(let must, let should, let mustNot, _): (must + should + mustNot).flatMap(leaves(of:))
    case .variants(let nodes, _): nodes.flatMap(leaves(of:))
    case .all: []
    }
  }

  // MARK: - Scorers

  /// Looks up every term of `leaves` in every segment, each distinct term
  /// once (`terms`).
  ///
  /// - Complexity: a dictionary lookup per distinct term and segment.
  private static func lookUp(_ leaves: [QueryPlan.Leaf], in reader: IndexReader) throws -> [[[[TermInfo?]]]] {
    var known: [String: [TermInfo?]] = [:]
    func infos(_ term: String) throws -> [TermInfo?] {
      if let found = known[term] { return found }
      var bytes = term
      let found = try bytes.withUTF8 { buffer in
        try reader.segments.map { try $0.termInfo(UnsafeRawBufferPointer(buffer)) }
      }
      known[term] = found
      return found
    }
    return try leaves.map { leaf in
      try leaf.options.map { option in
        switch option.match {
        case .term(let stem): [try infos(stem)]
        case .phrase(let terms, _): try terms.map { try infos($0.stem) }
        case .allOf(let stems): try stems.map { try infos($0) }
        case .prefix, .fuzzy: []
        }
      }
    }
  }

  /// The scorer tree of the query in one segment, or nil if it cannot match.
  func scorer(segment: Int) throws -> Scorer? { try scorer(root, segment: segment) }

  /// The scorer tree of a node in one segment, or nil if it cannot match.
  func scorer(_ node: Node, segment: Int) throws -> Scorer? {
    switch node {
    case .leaf(let index):
      return try leafScorer(index, segment: segment)
    case .boolean(let mustNodes, let shouldNodes, let mustNotNodes, let bonus):
      var must: [Scorer] = []
      for clause in mustNodes {
        guard let built = try scorer(clause, segment: segment) else { return nil }
        must.append(built)
      }
      let should = try shouldNodes.compactMap { try scorer($0, segment: segment) }
      let mustNot = try mustNotNodes.compactMap { try scorer($0, segment: segment) }
      if must.isEmpty && should.isEmpty { return nil }
      return BooleanScorer(must: must, should: should, mustNot: mustNot, clauseBonus: bonus)
    case .variants(let nodes, let weights):
      var built: [Scorer] = []
      var kept: [Double] = []
      var credited: [Bool] = []
      for (node, weight) in zip(nodes, weights) {
        if let scorer = try scorer(node, segment: segment) {
          built.append(scorer)
          kept.append(weight)
          credited.append(earnsCoordination(node))
        }
      }
      if built.isEmpty { return nil }
      return VariantScorer(built, weights: kept, credited: credited)
    case .all:
      return AllScorer(documentCount: reader.segments[segment].documentCount)
    }
  }

  /// The scorer of leaf `index` in one segment, or nil if it cannot match.
  func leafScorer(_ index: Int, segment: Int) throws -> LeafScorer? {
    try leafScorer(index, segment: segment, statistics: statistics[index])
  }

  private func leafScorer(_ index: Int, segment: Int, statistics: Statistics) throws -> LeafScorer? {
    let leaf = leaves[index]
    let source = reader.segments[segment]
    var iterators: [any MatchIterator] = []
    var weights: [Double] = []
    var optionIndices: [Int] = []
    for (optionIndex, option) in leaf.options.enumerated() {
      // Every term of the option, or none (the segment lacks one).
      var lists: [PostingsIterator] = []
      for perSegment in terms[index][optionIndex] {
        guard let info = perSegment[segment] else { break }
        lists.append(try source.postings(info))
      }
      guard !lists.isEmpty, lists.count == terms[index][optionIndex].count else { continue }
      switch option.match {
      case .term: iterators.append(lists[0])
      case .phrase(let terms, let slop):
        iterators.append(PhraseIterator(terms: lists, offsets: terms.map(\.offset), slop: slop))
      case .allOf: iterators.append(AllOfIterator(lists))
      case .prefix, .fuzzy: continue
      }
      weights.append(option.weight)
      optionIndices.append(optionIndex)
    }
    guard !iterators.isEmpty else { return nil }
    return LeafScorer(
      leaf: leaf, iterators: iterators, weights: weights, optionIndices: optionIndices, norms: source.norms,
      bm25: bm25, idf: statistics.idf, documentFrequency: statistics.documentFrequency)
  }
}
