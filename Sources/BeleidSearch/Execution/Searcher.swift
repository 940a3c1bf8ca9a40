import BeleidAnalysis
import BeleidDocuments
import BeleidIndex
import Foundation
import HeapModule

/// Runs query plans against an index and returns the top hits.
///
/// Per segment, the plan becomes a scorer tree; a single heap of the best
/// *k* carries across segments so its threshold keeps pruning. A query of
/// `should` clauses only runs MaxScore (Turtle and Flood 1995): clauses whose
/// summed upper bounds cannot beat the current *k*-th score stop driving the
/// iteration and are only probed for documents the others find. Ties break
/// on the lower document number, so results are deterministic.
///
/// Not `Sendable`: it reads through one `IndexReader`.
public final class Searcher {
  /// Prefix and fuzzy expansions stop at this many forms per segment.
  public static let expansionLimit = 512

  /// The index read.
  public let reader: IndexReader
  private let bm25: BM25
  private var documentFrequencies: [String: Int] = [:]

  /// A searcher over `reader`.
  public init(reader: IndexReader) {
    self.reader = reader
    bm25 = BM25(averageBody: reader.averageBodyLength, averageTitle: reader.averageTitleLength)
  }

  /// What to return.
  public struct Request: Sendable {
    public var limit = 10
    public var offset = 0
    /// Load stored fields (title, path, date…) for each hit.
    public var fields = true
    /// Explain each hit's score.
    public var explain = false
    /// Give up with `SearchError.timeLimit` once the search has run this
    /// long: checked between expansions and between segments, so a search
    /// can overrun it by the time of one segment's collection.
    public var timeLimit: Duration?

    public init(
      limit: Int = 10, offset: Int = 0, fields: Bool = true, explain: Bool = false, timeLimit: Duration? = nil
    ) {
      self.limit = limit
      self.offset = offset
      self.fields = fields
      self.explain = explain
      self.timeLimit = timeLimit
    }
  }

  /// Searches with a plan.
  ///
  /// - Complexity: document-at-a-time over the postings of the query's
  ///   terms, pruned by MaxScore for `should`-only queries; O(*k* log *k*)
  ///   for the heap.
  public func search(_ plan: QueryPlan, _ request: Request = Request()) throws -> SearchResults {
    var notes = reader.warnings + plan.notes
    let deadline = Deadline(request.timeLimit)
    let resolved = try resolveExpansions(plan, notes: &notes, deadline: deadline)
    try deadline.check()
    let statistics = try leafStatistics(resolved)
    let k = request.offset + request.limit
    // A long query's best documents are reranked by their best passage.
    let units = k > 0 ? Self.proximityUnits(resolved) : []
    let depth = units.isEmpty ? k : max(k, Proximity.depth)
    var top = TopK(k: depth, floor: try floor(resolved, statistics: statistics, k: depth))
    if top.k > 0 {
      for (index, segment) in reader.segments.enumerated() {
        try deadline.check()
        try collect(resolved, segment: segment, base: reader.bases[index], statistics: statistics, top: &top)
      }
    }
    var ranked: [Candidate] = []
    while let worst = top.heap.popMin() { ranked.append(worst) }
    ranked.reverse()
    if !units.isEmpty {
      ranked = Array(try rerank(ranked, units: units, statistics: statistics).prefix(k))
    }
    var hits: [SearchHit] = []
    for (position, candidate) in ranked.enumerated() where position >= request.offset {
      hits.append(try hit(candidate, rank: position + 1, plan: resolved, statistics: statistics, request: request))
    }
    return SearchResults(
      hits: hits, language: plan.language.code, notes: notes, concepts: resolved.leaves.map(Self.describe))
  }

  /// The best *k* documents so far, and the score a newcomer must beat.
  struct TopK {
    let k: Int
    var heap = Heap<Candidate>()
    /// A score that *k* hits are known to beat (see `floor(_:)`): nothing
    /// at or below it can enter.
    let floor: Double
    /// The k-th best score once there are k, and never below `floor`.
    private(set) var threshold: Double

    init(k: Int, floor: Double = -.infinity) {
      self.k = k
      self.floor = floor
      threshold = floor
    }

    var isFull: Bool { heap.count >= k }

    /// Whether `threshold` can prune: the heap is full or a floor is known.
    var prunes: Bool { threshold > -.infinity }

    mutating func offer(_ score: Double, _ document: Int) {
      guard score > floor else { return }
      let candidate = Candidate(score: score, document: document)
      if heap.count < k {
        heap.insert(candidate)
      } else if let worst = heap.min, worst < candidate {
        _ = heap.replaceMin(with: candidate)
      } else {
        return
      }
      if heap.count >= k { threshold = max(heap.min!.score, floor) }
    }
  }

  /// A document in the heap: compared by score, then by document (lower wins).
  struct Candidate: Comparable {
    var score: Double
    var document: Int
    /// The part of `score` that `Proximity` added.
    var proximity = 0.0

    static func < (a: Candidate, b: Candidate) -> Bool {
      a.score != b.score ? a.score < b.score : a.document > b.document
    }
  }

  static func describe(_ leaf: QueryPlan.Leaf) -> String {
    let options = leaf.options.map { option in
      option.weight == 1 && option.origin == "query"
        ? option.match.description : "\(option.match) (\(option.origin), ×\(option.weight))"
    }
    return (leaf.titleOnly ? "title:" : "") + leaf.label + " → " + options.joined(separator: " | ")
  }

  // MARK: - Preparing

  /// A score that *k* hits beat, found cheaply; minus infinity if none is.
  ///
  /// A compound is searched as the whole word or its parts (weighted
  /// lower), and a rare compound's parts are often common words: until the
  /// heap fills, the documents holding all the parts are scored one by one.
  /// When the word is the query, or one of its should-only clauses, each of
  /// its documents is a hit scoring at least the whole word's own score, so
  /// the k-th best of those (the word's postings alone, block-max pruned)
  /// is a floor the full search can start from. It sits a relative 1e-9
  /// lower, so rounding and ties broken by document never lose a hit.
  ///
  /// - Complexity: one single-term search per rare compound of the query.
  private func floor(_ plan: QueryPlan, statistics: [String: LeafStatistics], k: Int) throws -> Double {
    guard k > 0, plan.filters.isEmpty else { return -.infinity }
    var clauses: [QueryPlan.Node]
    switch plan.root {
    case .variants: clauses = [plan.root]
    case .boolean(let boolean) where boolean.must.isEmpty && boolean.mustNot.isEmpty: clauses = boolean.should
    default: return -.infinity
    }
    var best = -Double.infinity
    for clause in clauses {
      guard case .variants(let nodes, let weights) = clause, weights.first == 1, case .leaf(let whole) = nodes[0],
        let wholeStatistics = statistics[Self.key(whole)],
        nodes.dropFirst().contains(where: { node in
          guard case .leaf(let leaf) = node, let other = statistics[Self.key(leaf)] else { return false }
          return other.documentFrequency >= Self.floorRatio * max(wholeStatistics.documentFrequency, 1)
        })
      else { continue }
      var top = TopK(k: k)
      for (index, segment) in reader.segments.enumerated() {
        guard let leaf = try leafScorer(whole, segment: segment, statistics: wholeStatistics),
          let postings = leaf.single, !leaf.titleOnly
        else { continue }
        let deleted = segment.deleted
        singleTerm(
          leaf, postings, from: postings.next(), segment: segment, base: reader.bases[index],
          accepts: { !Self.isDeleted($0, in: deleted) }, top: &top)
      }
      if top.isFull { best = max(best, top.threshold) }
    }
    return best.isFinite ? best - abs(best) * 1e-9 : -.infinity
  }

  /// How many times as many documents a compound's parts must share as the
  /// whole word has for `floor(_:)` to look for a floor.
  static let floorRatio = 4

  /// Replaces prefix and fuzzy options with the stems they expand to.
  private func resolveExpansions(_ plan: QueryPlan, notes: inout [String], deadline: Deadline) throws -> QueryPlan {
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
            let result = try segment.stems(withPrefix: prefix, limit: Self.expansionLimit)
            stems.formUnion(result.stems)
            truncated = truncated || result.truncated
          }
        case .fuzzy(let word, let distance):
          for segment in reader.segments where !deadline.passed {
            let result = try segment.stems(withinDistance: distance, of: word, limit: Self.expansionLimit)
            stems.formUnion(result.stems)
            truncated = truncated || result.truncated
          }
        default:
          options.append(option)
          continue
        }
        if truncated {
          found.append("\(option.match) matches more than \(Self.expansionLimit) forms; only the first are searched")
        }
        for stem in stems.sorted() {
          let origin = option.origin == "query" ? "\(option.match)" : "\(option.origin): \(option.match)"
          options.append(.init(.term(stem), weight: option.weight, origin: origin))
        }
      }
      leaf.options = options
      return leaf
    }
    notes += found
    return resolved
  }

  /// Per leaf: its idf and document frequency.
  struct LeafStatistics {
    var idf: Double
    var documentFrequency: Int
  }

  private func documentFrequency(_ term: String) throws -> Int {
    if let known = documentFrequencies[term] { return known }
    let df = try reader.segments.reduce(0) { $0 + (try $1.documentFrequency(of: term)) }
    documentFrequencies[term] = df
    return df
  }

  private func idf(_ df: Int) -> Double {
    BM25.idf(documentFrequency: df, documents: max(reader.documentCount, 1))
  }

  /// A leaf of one term gets its own df; a lone phrase or compound the sum
  /// of its terms' idfs (as Lucene's phrase weight); a group of options the
  /// df of their union, counted (Pirkola's structured query).
  private func leafStatistics(_ plan: QueryPlan) throws -> [String: LeafStatistics] {
    var result: [String: LeafStatistics] = [:]
    for leaf in plan.leaves {
      let key = Self.key(leaf)
      if result[key] != nil { continue }
      if leaf.options.count == 1 {
        switch leaf.options[0].match {
        case .term(let stem):
          let df = try documentFrequency(stem)
          result[key] = LeafStatistics(idf: idf(df), documentFrequency: df)
          continue
        case .phrase(let terms, _):
          let dfs = try terms.map { try documentFrequency($0.stem) }
          result[key] = LeafStatistics(idf: dfs.reduce(0) { $0 + idf($1) }, documentFrequency: dfs.min() ?? 0)
          continue
        case .allOf(let stems):
          let dfs = try stems.map { try documentFrequency($0) }
          result[key] = LeafStatistics(idf: dfs.reduce(0) { $0 + idf($1) }, documentFrequency: dfs.min() ?? 0)
          continue
        default:
          break
        }
      }
      // The union: count the documents any option matches.
      var union = 0
      for segment in reader.segments {
        guard
          let scorer = try leafScorer(leaf, segment: segment, statistics: LeafStatistics(idf: 1, documentFrequency: 0))
        else { continue }
        while scorer.next() != PostingsIterator.exhausted { union += 1 }
        if let failure = scorer.failure { throw failure }
      }
      result[key] = LeafStatistics(idf: idf(union), documentFrequency: union)
    }
    return result
  }

  static func key(_ leaf: QueryPlan.Leaf) -> String {
    "\(leaf.titleOnly)|" + leaf.options.map { "\($0.match)#\($0.weight)" }.joined(separator: "|")
  }

  // MARK: - Scorers

  private func leafScorer(_ leaf: QueryPlan.Leaf, segment: SegmentReader, statistics: LeafStatistics) throws
    -> LeafScorer?
  {
    var options: [(any MatchIterator, Double, String)] = []
    for option in leaf.options {
      let description = option.origin == "query" ? "\(option.match)" : "\(option.match) (\(option.origin))"
      switch option.match {
      case .term(let stem):
        if let postings = try segment.postings(for: stem) { options.append((postings, option.weight, description)) }
      case .phrase(let terms, let slop):
        var lists: [PostingsIterator] = []
        for term in terms {
          guard let postings = try segment.postings(for: term.stem) else { break }
          lists.append(postings)
        }
        if lists.count == terms.count {
          options.append(
            (PhraseIterator(terms: lists, offsets: terms.map(\.offset), slop: slop), option.weight, description))
        }
      case .allOf(let stems):
        var lists: [PostingsIterator] = []
        for stem in stems {
          guard let postings = try segment.postings(for: stem) else { break }
          lists.append(postings)
        }
        if lists.count == stems.count { options.append((AllOfIterator(lists), option.weight, description)) }
      case .prefix, .fuzzy:
        continue
      }
    }
    guard !options.isEmpty else { return nil }
    return LeafScorer(
      label: leaf.label, options: options, segment: segment, bm25: bm25, idf: statistics.idf,
      documentFrequency: statistics.documentFrequency, titleOnly: leaf.titleOnly)
  }

  /// The coordination bonus of a boolean node: larger than any score its
  /// clauses can reach without bonuses, so one more matching clause always
  /// outranks any difference in BM25.
  ///
  /// It comes from the plan, not from one segment's scorers: a segment that
  /// lacks a clause would otherwise get a smaller bonus, and how documents
  /// fall into segments (which indexing thread took them) would shift
  /// their ranking.
  private func clauseBonus(_ boolean: QueryPlan.Boolean, statistics: [String: LeafStatistics]) -> Double {
    (boolean.must + boolean.should).reduce(1) { $0 + bound($1, statistics: statistics) }
  }

  /// An upper bound on a node's score without its parent's bonus: what its
  /// scorer's `maxScore` is in a segment that has all its terms.
  private func bound(_ node: QueryPlan.Node, statistics: [String: LeafStatistics]) -> Double {
    switch node {
    case .leaf(let leaf):
      return (statistics[Self.key(leaf)]?.idf ?? 0) * (BM25.k1 + 1)
    case .variants(let nodes, let weights):
      return zip(nodes, weights).map { bound($0, statistics: statistics) * $1 }.max() ?? 0
    case .boolean(let boolean):
      let bonus = boolean.coordination ? clauseBonus(boolean, statistics: statistics) : 0
      return boolean.must.reduce(0) { $0 + bound($1, statistics: statistics) }
        + boolean.should.reduce(0) { $0 + bound($1, statistics: statistics) + bonus }
    case .all:
      return 0
    }
  }

  /// The scorer tree of a plan node in one segment, or nil if it cannot match.
  private func scorer(_ node: QueryPlan.Node, segment: SegmentReader, statistics: [String: LeafStatistics]) throws
    -> Scorer?
  {
    switch node {
    case .leaf(let leaf):
      return try leafScorer(leaf, segment: segment, statistics: statistics[Self.key(leaf)]!)
    case .boolean(let boolean):
      var must: [Scorer] = []
      for clause in boolean.must {
        guard let built = try scorer(clause, segment: segment, statistics: statistics) else { return nil }
        must.append(built)
      }
      let should = try boolean.should.compactMap { try scorer($0, segment: segment, statistics: statistics) }
      let mustNot = try boolean.mustNot.compactMap { try scorer($0, segment: segment, statistics: statistics) }
      if must.isEmpty && should.isEmpty { return nil }
      return BooleanScorer(
        must: must, should: should, mustNot: mustNot,
        clauseBonus: boolean.coordination ? clauseBonus(boolean, statistics: statistics) : 0)
    case .variants(let nodes, let weights):
      var built: [Scorer] = []
      var kept: [Double] = []
      for (node, weight) in zip(nodes, weights) {
        if let scorer = try scorer(node, segment: segment, statistics: statistics) {
          built.append(scorer)
          kept.append(weight)
        }
      }
      if built.isEmpty { return nil }
      return VariantScorer(built, weights: kept)
    case .all:
      return AllScorer(documentCount: segment.documentCount)
    }
  }

  // MARK: - Collecting

  /// Whether `doc` is marked in a segment's deletion bits.
  @inline(__always)
  static func isDeleted(_ doc: Int32, in deleted: [UInt64]) -> Bool {
    !deleted.isEmpty && deleted[Int(doc) >> 6] & (1 << UInt64(doc & 63)) != 0
  }

  /// Which documents of a segment pass the filters (nil: all do).
  private func allowed(_ filters: [Filter], segment: SegmentReader) -> [Bool]? {
    guard !filters.isEmpty else { return nil }
    return (0..<segment.documentCount).map { doc in
      filters.allSatisfy { filter in
        switch filter {
        case .language(let code):
          return segment.language(doc) == code
        case .source(let text):
          return segment.source(doc).range(of: text, options: [.caseInsensitive, .diacriticInsensitive]) != nil
        case .path(let text):
          return segment.key(doc).range(of: text, options: [.caseInsensitive]) != nil
        case .date(let from, let to):
          guard let date = segment.date(doc) else { return false }
          return (from.map { date >= $0 } ?? true) && (to.map { date <= $0 } ?? true)
        }
      }
    }
  }

  private func collect(
    _ plan: QueryPlan, segment: SegmentReader, base: Int, statistics: [String: LeafStatistics], top: inout TopK
  ) throws {
    guard var root = try scorer(plan.root, segment: segment, statistics: statistics) else { return }
    // One clause left (the others have no postings in this segment): its
    // own path prunes, the generic loop below would score every document.
    // Scores stay the same: a root boolean adds nothing to its clause's.
    if let boolean = root as? BooleanScorer, boolean.must.isEmpty, boolean.mustNot.isEmpty, boolean.bonus == 0,
      boolean.should.count == 1,
      boolean.should[0] is VariantScorer || (boolean.should[0] as? LeafScorer)?.bonus == 0
    {
      root = boolean.should[0]
    }
    // Local copies: reading them through the segment object for every
    // document would cost an exclusivity check each time.
    let allowed = allowed(plan.filters, segment: segment)
    let deleted = segment.deleted
    func accepts(_ doc: Int32) -> Bool { !Self.isDeleted(doc, in: deleted) && (allowed?[Int(doc)] ?? true) }
    if let boolean = root as? BooleanScorer, boolean.must.isEmpty, boolean.should.count >= 2 {
      maxScore(boolean, base: base, accepts: accepts, top: &top)
    } else if let leaf = root as? LeafScorer, let postings = leaf.single, !leaf.titleOnly {
      singleTerm(leaf, postings, from: postings.next(), segment: segment, base: base, accepts: accepts, top: &top)
    } else if let leaf = root as? LeafScorer, let phrase = leaf.phrase, !leaf.titleOnly {
      lazyPhrase(leaf, phrase.iterator, weight: phrase.weight, base: base, accepts: accepts, top: &top)
    } else if let variants = root as? VariantScorer {
      bestVariant(variants, segment: segment, base: base, accepts: accepts, top: &top)
    } else if let leaf = root as? LeafScorer {
      var doc = leaf.next()
      while doc != PostingsIterator.exhausted {
        if accepts(doc) {
          let score = leaf.score()
          if score > top.threshold { top.offer(score, base + Int(doc)) }
        }
        doc = leaf.next()
      }
    } else {
      while root.next() != PostingsIterator.exhausted {
        let doc = root.doc
        guard accepts(doc) else { continue }
        let score = root.score()
        if score > top.threshold || (score == 0 && !top.isFull) { top.offer(score, base + Int(doc)) }
      }
    }
    if let failure = root.failure { throw failure }
  }

  /// One term: score inline and skip whole blocks that cannot beat the
  /// k-th score (block-max WAND with one list), checking each block once.
  private func singleTerm(
    _ leaf: LeafScorer, _ postings: PostingsIterator, from start: Int32, segment: SegmentReader, base: Int,
    accepts: (Int32) -> Bool, top: inout TopK
  ) {
    let norms = segment.norms
    let bodyTable = leaf.bm25.body
    let titleTable = leaf.bm25.title
    let scale = leaf.idf * (BM25.k1 + 1)
    let k1 = BM25.k1
    let titleWeight = BM25.titleWeight
    var blockEnd: Int32 = -1
    var doc = start
    while doc != PostingsIterator.exhausted {
      if top.prunes && doc > blockEnd {
        if let block = leaf.blockBound(from: doc) {
          if block.bound <= top.threshold {
            doc = postings.advance(to: block.lastDoc &+ 1)
            continue
          }
          blockEnd = block.lastDoc
        } else {
          blockEnd = Int32.max
        }
      }
      if accepts(doc) {
        let index = 2 * Int(doc)
        let frequency =
          titleWeight * Double(postings.titleFrequency) * titleTable[Int(norms[index + 1])]
          + Double(postings.bodyFrequency) * bodyTable[Int(norms[index])]
        let score = scale * frequency / (k1 + frequency)
        if score > top.threshold { top.offer(score, base + Int(doc)) }
      }
      doc = postings.next()
    }
  }

  /// One phrase: read a document's positions only if the phrase could put
  /// it in the top k, judged from its terms' frequencies (the phrase occurs
  /// no more often than its words). Once the heap is full, most documents
  /// that hold all the words are passed over without decoding positions.
  private func lazyPhrase(
    _ leaf: LeafScorer, _ phrase: PhraseIterator, weight: Double, base: Int, accepts: (Int32) -> Bool,
    top: inout TopK
  ) {
    var doc = phrase.nextCandidate()
    while doc != PostingsIterator.exhausted {
      leaf.doc = doc
      if accepts(doc) {
        let bounds = phrase.frequencyBounds
        if !top.prunes
          || leaf.score(title: weight * Double(bounds.title), body: weight * Double(bounds.body)) > top.threshold,
          phrase.verify()
        {
          let score = leaf.score()
          if score > top.threshold { top.offer(score, base + Int(doc)) }
        }
      }
      doc = phrase.nextCandidate()
    }
  }

  /// The variants of one word (the whole word, its compound parts): each
  /// document scores its best variant.
  ///
  /// Since only the best variant counts, a variant whose weighted upper
  /// bound cannot beat the k-th score can be dropped outright, exactly;
  /// when the whole word alone is left, the block-max path takes over.
  /// For a compound query that is the common case once the heap is full:
  /// its parts (weighted 0.5) rarely outscore the whole word.
  private func bestVariant(
    _ root: VariantScorer, segment: SegmentReader, base: Int, accepts: (Int32) -> Bool, top: inout TopK
  ) {
    let variants = root.variants
    let weights = root.weights
    var active = Array(variants.indices)
    for index in active { variants[index].next() }
    while true {
      if top.prunes {
        active.removeAll { variants[$0].maxScore * weights[$0] + root.bonus <= top.threshold }
      }
      if active.count == 1, weights[active[0]] == 1, root.bonus == 0, let leaf = variants[active[0]] as? LeafScorer,
        let postings = leaf.single, !leaf.titleOnly
      {
        singleTerm(leaf, postings, from: postings.doc, segment: segment, base: base, accepts: accepts, top: &top)
        return
      }
      var doc = PostingsIterator.exhausted
      for index in active { doc = min(doc, variants[index].doc) }
      if doc == PostingsIterator.exhausted { return }
      if accepts(doc) {
        var best = -Double.infinity
        for index in active where variants[index].doc == doc {
          best = max(best, variants[index].score() * weights[index])
        }
        let score = best + root.bonus
        if score > top.threshold || (score == 0 && !top.isFull) { top.offer(score, base + Int(doc)) }
      }
      for index in active where variants[index].doc == doc { variants[index].next() }
    }
  }

  /// MaxScore over the should clauses of `root`, with block maxima.
  ///
  /// Clauses are sorted by upper bound; the longest prefix whose bounds sum
  /// to no more than the k-th score is non-essential: those clauses never
  /// drive the iteration and are probed only while they could still lift a
  /// document over the threshold. Block maxima tighten both parts: a
  /// window of documents whose block bounds, summed over all clauses,
  /// cannot beat the threshold is skipped whole (block-max MaxScore). A
  /// clause's variant whose bound, with every other clause's, cannot beat
  /// the threshold stops being walked (a compound's common parts, once the
  /// whole word's documents have filled the top k).
  private func maxScore(_ root: BooleanScorer, base: Int, accepts: (Int32) -> Bool, top: inout TopK) {
    let sorted = root.should.sorted { bound($0) < bound($1) }
    let bounds = sorted.map(bound)
    // Unretained references: `root` keeps the clauses alive, and calls
    // through these skip a retain and release each (12% of the CPU of a
    // batch of OR queries).
    let clauses = sorted.map { Unmanaged.passUnretained($0) }
    var prefix = [0.0]
    for value in bounds { prefix.append(prefix[prefix.count - 1] + value) }
    let n = clauses.count
    var essential = 0
    func updateEssential(_ limit: Double) {
      while essential < n && prefix[essential + 1] <= limit { essential += 1 }
    }
    // A clause's variant (a compound's parts) that cannot lift a document
    // over the threshold, even with every other clause's bound, is no
    // longer walked.
    let variantClauses = sorted.indices.compactMap { index in
      (sorted[index] as? VariantScorer).map { (index: index, scorer: $0) }
    }
    func dropVariants() {
      guard top.prunes else { return }
      for (index, variant) in variantClauses {
        variant.drop(atMost: top.threshold - (prefix[n] - bounds[index]) - (bounds[index] - variant.maxScore))
      }
    }
    updateEssential(top.threshold)
    dropVariants()
    for index in essential..<n { clauses[index]._withUnsafeGuaranteedRef { $0.next() } }
    // Each clause's bound over its current block, and where that block ends.
    var blockBound = bounds
    var blockEnd = [Int32](repeating: -1, count: n)
    func refresh(_ index: Int, at doc: Int32) {
      guard doc > blockEnd[index] else { return }
      if let block = clauses[index]._withUnsafeGuaranteedRef({ $0.blockBound(from: doc) }) {
        blockBound[index] = min(bounds[index], block.bound)
        blockEnd[index] = block.lastDoc
      } else {
        // No block bound (a list's last, partial block): the clause's bound
        // holds anywhere, but ask again once past where the clause stands,
        // since a clause past a document bounds the gap before it by 0.
        blockBound[index] = bounds[index]
        blockEnd[index] = max(doc, clauses[index]._withUnsafeGuaranteedRef { $0.doc })
      }
    }
    // The window up to the nearest block end, and the clauses' bounds in it
    // summed: the same for every document of the window.
    var window: Int32 = -1
    var total = 0.0
    /// The block bounds of the window summed over the first clauses: the
    /// bound of the non-essential ones, whichever they are.
    var windowPrefix = [Double](repeating: 0, count: n + 1)
    while essential < n {
      var doc = PostingsIterator.exhausted
      for index in essential..<n { doc = min(doc, clauses[index]._withUnsafeGuaranteedRef { $0.doc }) }
      if doc == PostingsIterator.exhausted { break }
      let limit = top.threshold
      if top.prunes {
        // The whole window, bounded at once.
        if doc > window {
          window = Int32.max
          total = 0.0
          for index in 0..<n {
            refresh(index, at: doc)
            total += blockBound[index]
            windowPrefix[index + 1] = total
            window = min(window, blockEnd[index])
          }
        }
        if total <= limit && window != Int32.max {
          for index in essential..<n {
            clauses[index]._withUnsafeGuaranteedRef { clause in
              if clause.doc <= window { clause.advance(to: window &+ 1) }
            }
          }
          continue
        }
      }
      if accepts(doc) && !root.excluded(doc) {
        var score = 0.0
        for index in essential..<n {
          clauses[index]._withUnsafeGuaranteedRef { clause in
            if clause.doc == doc { score += clause.score() }
          }
        }
        // Within the window (doc ≤ window) its block bounds hold. Without a
        // threshold every clause is essential, and nothing remains.
        var remaining = windowPrefix[essential]
        var index = essential - 1
        while index >= 0 && score + remaining > limit {
          clauses[index]._withUnsafeGuaranteedRef { clause in
            if clause.doc < doc { clause.advance(to: doc) }
            if clause.doc == doc { score += clause.score() }
          }
          remaining -= blockBound[index]
          index -= 1
        }
        if score > limit {
          top.offer(score, base + Int(doc))
          updateEssential(top.threshold)
          dropVariants()
        }
      }
      for index in essential..<n {
        clauses[index]._withUnsafeGuaranteedRef { clause in
          if clause.doc == doc { clause.next() }
        }
      }
    }
    withExtendedLifetime(sorted) {}
  }

  private func bound(_ scorer: Scorer) -> Double { scorer.maxScore + BooleanScorer.bonus(of: scorer) }

  // MARK: - Proximity

  /// The label of the `Contribution` that holds a hit's passage score.
  public static let proximityLabel = "(best passage)"

  /// The units a long query's passages are scored by: the leaves of each
  /// clause of its root (a word with its compound parts or translations is
  /// one unit); none if the query is too short or not a plain list of
  /// clauses.
  static func proximityUnits(_ plan: QueryPlan) -> [[QueryPlan.Leaf]] {
    guard case .boolean(let boolean) = plan.root, !boolean.coordination else { return [] }
    let clauses = boolean.must + boolean.should
    guard clauses.count >= Proximity.minimumClauses else { return [] }
    return clauses.map { QueryPlan(root: $0, filters: [], language: plan.language).leaves.filter { !$0.titleOnly } }
      .filter { !$0.isEmpty }
  }

  /// Adds each candidate's best-passage score (`Proximity`) and sorts again.
  ///
  /// - Complexity: per candidate, decoding its positions of every option
  ///   of every unit, then O(*p* log *p*) for its *p* positions.
  private func rerank(_ candidates: [Candidate], units: [[QueryPlan.Leaf]], statistics: [String: LeafStatistics])
    throws -> [Candidate]
  {
    let weights = units.map { unit in unit.map { statistics[Self.key($0)]?.idf ?? 0 }.max() ?? 0 }
    var result: [Candidate] = []
    let bySegment = Dictionary(grouping: candidates) { reader.locate($0.document).segment }
    for (segmentIndex, group) in bySegment {
      let segment = reader.segments[segmentIndex]
      let base = reader.bases[segmentIndex]
      var scorers: [(unit: Int, scorer: LeafScorer)] = []
      for (unit, leaves) in units.enumerated() {
        for leaf in leaves {
          guard let leafStatistics = statistics[Self.key(leaf)],
            let scorer = try leafScorer(leaf, segment: segment, statistics: leafStatistics)
          else { continue }
          scorers.append((unit, scorer))
        }
      }
      for var candidate in group.sorted(by: { $0.document < $1.document }) {
        let local = Int32(candidate.document - base)
        var occurrences: [(position: UInt32, leaf: Int)] = []
        for (unit, scorer) in scorers where scorer.advance(to: local) == local {
          occurrences += try scorer.bodyPositions().map { ($0, unit) }
        }
        occurrences.sort { $0.position < $1.position }
        candidate.proximity = Proximity.weight * Proximity.bestWindow(occurrences, weights: weights)
        candidate.score += candidate.proximity
        result.append(candidate)
      }
      if let failure = scorers.lazy.compactMap(\.scorer.failure).first { throw failure }
    }
    return result.sorted(by: >)
  }

  // MARK: - Hits

  private func hit(
    _ candidate: Candidate, rank: Int, plan: QueryPlan, statistics: [String: LeafStatistics], request: Request
  ) throws -> SearchHit {
    let (segmentIndex, local) = reader.locate(candidate.document)
    let segment = reader.segments[segmentIndex]
    var hit = SearchHit(
      rank: rank, document: candidate.document, key: segment.key(local), rankingScore: candidate.score,
      score: candidate.score)
    // Split the ranking score into BM25 and bonuses (not needed for runs).
    if request.fields || request.explain, let root = try scorer(plan.root, segment: segment, statistics: statistics),
      root.advance(to: Int32(local)) == Int32(local)
    {
      var parts: [Contribution] = []
      root.explain(into: &parts)
      if candidate.proximity > 0 {
        parts.append(
          Contribution(
            label: Self.proximityLabel, matched: [], titleFrequency: 0, bodyFrequency: 0, idf: 0,
            documentFrequency: 0, score: candidate.proximity, bonus: 0))
      }
      hit.score = parts.reduce(0) { $0 + $1.score }
      if case .boolean(let boolean) = plan.root, boolean.coordination {
        hit.matchedClauses = parts.filter { $0.bonus > 0 }.count
      }
      if request.explain { hit.explanation = parts }
    }
    if request.fields {
      let document = try segment.document(local)
      hit.title = document.title
      hit.path = document.path
      hit.date = document.date
      hit.language = document.language?.code
      hit.source = document.source
      hit.url = document.url
      hit.format = document.format
    }
    return hit
  }
}
