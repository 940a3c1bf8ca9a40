import BeleidIndex

/// Walks matching documents of one segment and scores them.
///
/// The query tree becomes a tree of scorers: a `LeafScorer` per concept, a
/// `BooleanScorer` per boolean node. Documents are visited in increasing
/// order (document-at-a-time).
class Scorer {
  /// The current document, or `PostingsIterator.exhausted`.
  var doc: Int32 = -1
  /// An upper bound on `score()` for any document.
  var maxScore: Double = 0
  /// An estimate of the documents visited.
  var cost: Int = 0

  @discardableResult func next() -> Int32 { fatalError("abstract") }
  @discardableResult func advance(to target: Int32) -> Int32 { fatalError("abstract") }
  /// The score of the current document.
  func score() -> Double { fatalError("abstract") }
  /// A decoding failure met while walking.
  var failure: IndexError? { nil }
  /// What each leaf contributed to the current document.
  func explain(into parts: inout [Contribution]) {}

  /// An upper bound on the score of documents from `target` to the returned
  /// last document, from block maxima; nil when no tighter bound than
  /// `maxScore` is known.
  func blockBound(from target: Int32) -> (bound: Double, lastDoc: Int32)? { nil }
}

/// One leaf's share of a document's score, for `--explain`.
public struct Contribution: Sendable, Codable {
  /// The leaf's label: what the user wrote.
  public var label: String
  /// The options that matched, with their origins.
  public var matched: [String]
  /// Title and body frequencies, summed over the matching options (weighted).
  public var titleFrequency: Double
  public var bodyFrequency: Double
  /// The leaf's inverse document frequency.
  public var idf: Double
  /// The document frequency it came from (the union's, for a group).
  public var documentFrequency: Int
  /// The leaf's score.
  public var score: Double
  /// A coordination bonus added for matching.
  public var bonus: Double
}

/// Scores one leaf: its options' frequencies summed, one BM25F score.
final class LeafScorer: Scorer {
  private let options: [(iterator: any MatchIterator, weight: Double, description: String)]
  /// The common case, one term with weight 1, walked without existentials.
  let single: PostingsIterator?
  /// `single` unretained, for the hot paths: `options` keeps it alive, and
  /// calls through it skip a retain and release each.
  private let fast: Unmanaged<PostingsIterator>?
  /// A leaf of one compound's parts (one `AllOfIterator`), unretained like
  /// `fast`, and its weight.
  private let fastParts: (iterator: Unmanaged<AllOfIterator>, weight: Double)?
  /// A leaf of one phrase, and its weight: the searcher may bound its score
  /// before reading positions.
  let phrase: (iterator: PhraseIterator, weight: Double)?
  private let segment: SegmentReader
  let bm25: BM25
  let idf: Double
  let titleOnly: Bool
  // Immutable copies for the single-term fast path.
  private let norms: UnsafeRawBufferPointer
  private let bodyTable: [Double]
  private let titleTable: [Double]
  let label: String
  let documentFrequency: Int
  /// Added to the score when the leaf matches (coordination).
  var bonus = 0.0

  init(
    label: String, options: [(any MatchIterator, Double, String)], segment: SegmentReader, bm25: BM25, idf: Double,
    documentFrequency: Int, titleOnly: Bool
  ) {
    self.label = label
    self.options = options.map { (iterator: $0.0, weight: $0.1, description: $0.2) }
    single = options.count == 1 && options[0].1 == 1 ? options[0].0 as? PostingsIterator : nil
    fast = titleOnly ? nil : single.map { Unmanaged.passUnretained($0) }
    fastParts =
      titleOnly || options.count != 1
      ? nil : (options[0].0 as? AllOfIterator).map { (Unmanaged.passUnretained($0), options[0].1) }
    phrase = options.count == 1 ? (options[0].0 as? PhraseIterator).map { ($0, options[0].1) } : nil
    self.segment = segment
    self.bm25 = bm25
    norms = segment.norms
    bodyTable = bm25.body
    titleTable = bm25.title
    self.idf = idf
    self.documentFrequency = documentFrequency
    self.titleOnly = titleOnly
    super.init()
    cost = self.options.reduce(0) { $0 + $1.iterator.cost }
    maxScore = idf * (BM25.k1 + 1)
  }

  override var failure: IndexError? { options.lazy.compactMap(\.iterator.failure).first }

  override func next() -> Int32 { settle(doc + 1) }

  override func advance(to target: Int32) -> Int32 {
    if doc >= target { return doc }
    return settle(target)
  }

  /// Moves every option to `target` or beyond and takes the smallest.
  private func settle(_ target: Int32) -> Int32 {
    if let fast {
      doc = fast._withUnsafeGuaranteedRef { $0.doc < target ? $0.advance(to: target) : $0.doc }
      return doc
    }
    if let fastParts {
      doc = fastParts.iterator._withUnsafeGuaranteedRef { $0.doc < target ? $0.advance(to: target) : $0.doc }
      return doc
    }
    var candidate = target
    while true {
      var smallest = PostingsIterator.exhausted
      for option in options {
        let found = option.iterator.doc < candidate ? option.iterator.advance(to: candidate) : option.iterator.doc
        smallest = min(smallest, found)
      }
      doc = smallest
      guard titleOnly, smallest != PostingsIterator.exhausted else { return doc }
      // title: matches only where some option is in the title.
      if options.contains(where: { $0.iterator.doc == smallest && $0.iterator.titleFrequency > 0 }) { return doc }
      candidate = smallest + 1
    }
  }

  override func score() -> Double {
    if let fast {
      let index = 2 * Int(doc)
      let (title, body) = fast._withUnsafeGuaranteedRef { ($0.titleFrequency, $0.bodyFrequency) }
      let frequency =
        BM25.titleWeight * Double(title) * titleTable[Int(norms[index + 1])]
        + Double(body) * bodyTable[Int(norms[index])]
      return idf * BM25.saturate(frequency) + bonus
    }
    if let fastParts {
      // As the loop below computes it for one option.
      let (title, body) = fastParts.iterator._withUnsafeGuaranteedRef { parts in
        parts.doc == doc
          ? (fastParts.weight * Double(parts.titleFrequency), fastParts.weight * Double(parts.bodyFrequency)) : (0, 0)
      }
      let index = 2 * Int(doc)
      let frequency =
        BM25.titleWeight * title * titleTable[Int(norms[index + 1])] + body * bodyTable[Int(norms[index])]
      return idf * BM25.saturate(frequency) + bonus
    }
    var title = 0.0
    var body = 0.0
    for option in options where option.iterator.doc == doc {
      title += option.weight * Double(option.iterator.titleFrequency)
      if !titleOnly { body += option.weight * Double(option.iterator.bodyFrequency) }
    }
    return score(title: title, body: body)
  }

  /// The score of the current document for given weighted frequencies.
  func score(title: Double, body: Double) -> Double {
    let codes = segment.lengthCodes(Int(doc))
    let frequency = bm25.frequency(title: title, body: body, titleCode: codes.title, bodyCode: codes.body)
    return idf * BM25.saturate(frequency) + bonus
  }

  override func blockBound(from target: Int32) -> (bound: Double, lastDoc: Int32)? {
    // Positioned past `target`: nothing matches before the current document.
    // (The single-term paths walk `fast` directly, so its position counts.)
    let current = fast?._withUnsafeGuaranteedRef { $0.doc } ?? doc
    if current > target { return (0, current == PostingsIterator.exhausted ? .max : current - 1) }
    // The pseudo frequency is linear in the options' weighted frequencies,
    // so their weighted bounds add up to one for the leaf (for one term of
    // weight 1, its block's bound).
    var frequency = 0.0
    var lastDoc = Int32.max
    for option in options {
      guard let bound = option.iterator.frequencyBound(from: target, bm25: bm25) else { return nil }
      frequency += option.weight * bound.frequency
      lastDoc = min(lastDoc, bound.lastDoc)
    }
    return (idf * BM25.saturate(frequency) + bonus, lastDoc)
  }

  /// Where the leaf's options match in the current document's body,
  /// ascending (for `Proximity`).
  func bodyPositions() throws -> [UInt32] {
    var result: [UInt32] = []
    guard !titleOnly else { return result }
    for option in options where option.iterator.doc == doc {
      try option.iterator.appendBodyPositions(to: &result)
    }
    if options.count > 1 { result.sort() }
    return result
  }

  override func explain(into parts: inout [Contribution]) {
    guard doc != PostingsIterator.exhausted else { return }
    var title = 0.0
    var body = 0.0
    var matched: [String] = []
    for option in options where option.iterator.doc == doc {
      title += option.weight * Double(option.iterator.titleFrequency)
      if !titleOnly { body += option.weight * Double(option.iterator.bodyFrequency) }
      matched.append(option.description)
    }
    parts.append(
      Contribution(
        label: label, matched: matched, titleFrequency: title, bodyFrequency: body, idf: idf,
        documentFrequency: documentFrequency, score: score() - bonus, bonus: bonus))
  }
}

/// Combines clauses: all `must` match, `should` add to the score (plus a
/// coordination bonus each, when on), no `mustNot` matches.
final class BooleanScorer: Scorer {
  let must: [Scorer]
  let should: [Scorer]
  let mustNot: [Scorer]

  /// `clauseBonus` is added for each matching should clause (0 for none);
  /// the searcher computes it from the whole query, so that it is the same
  /// in every segment.
  init(must: [Scorer], should: [Scorer], mustNot: [Scorer], clauseBonus: Double) {
    self.must = must.sorted { $0.cost < $1.cost }
    self.should = should
    self.mustNot = mustNot
    super.init()
    if clauseBonus > 0 {
      for clause in should { Self.setBonus(clause, clauseBonus) }
    }
    maxScore = must.reduce(0) { $0 + $1.maxScore } + should.reduce(0) { $0 + $1.maxScore + Self.bonus(of: $1) }
    cost = must.isEmpty ? should.reduce(0) { $0 + $1.cost } : (self.must.first?.cost ?? 0)
  }

  static func setBonus(_ scorer: Scorer, _ bonus: Double) {
    if let leaf = scorer as? LeafScorer {
      leaf.bonus = bonus
    } else if let boolean = scorer as? BooleanScorer {
      boolean.bonus = bonus
    } else if let variants = scorer as? VariantScorer {
      variants.bonus = bonus
    }
  }

  static func bonus(of scorer: Scorer) -> Double {
    (scorer as? LeafScorer)?.bonus ?? (scorer as? BooleanScorer)?.bonus ?? (scorer as? VariantScorer)?.bonus ?? 0
  }

  /// Added to the score when this (nested) boolean matches.
  var bonus = 0.0

  override var failure: IndexError? {
    (must + should + mustNot).lazy.compactMap(\.failure).first
  }

  override func next() -> Int32 { find(doc + 1) }

  override func advance(to target: Int32) -> Int32 {
    if doc >= target { return doc }
    return find(target)
  }

  private func find(_ target: Int32) -> Int32 {
    var candidate = target
    while true {
      if must.isEmpty {
        var smallest = PostingsIterator.exhausted
        for clause in should {
          let found = clause.doc < candidate ? clause.advance(to: candidate) : clause.doc
          smallest = min(smallest, found)
        }
        candidate = smallest
      } else {
        candidate = align(candidate)
      }
      guard candidate != PostingsIterator.exhausted else {
        doc = candidate
        return doc
      }
      if excluded(candidate) {
        candidate += 1
        continue
      }
      doc = candidate
      return doc
    }
  }

  /// The first document ≥ `target` that every must clause matches.
  private func align(_ target: Int32) -> Int32 {
    var candidate = must[0].doc < target ? must[0].advance(to: target) : must[0].doc
    outer: while candidate != PostingsIterator.exhausted {
      for clause in must.dropFirst() {
        let found = clause.doc < candidate ? clause.advance(to: candidate) : clause.doc
        if found != candidate {
          candidate = found == PostingsIterator.exhausted ? found : must[0].advance(to: found)
          continue outer
        }
      }
      break
    }
    return candidate
  }

  func excluded(_ candidate: Int32) -> Bool {
    for clause in mustNot {
      let found = clause.doc < candidate ? clause.advance(to: candidate) : clause.doc
      if found == candidate { return true }
    }
    return false
  }

  override func score() -> Double {
    var total = bonus
    for clause in must { total += clause.score() }
    for clause in should {
      let found = clause.doc < doc ? clause.advance(to: doc) : clause.doc
      if found == doc { total += clause.score() }
    }
    return total
  }

  override func explain(into parts: inout [Contribution]) {
    for clause in must where clause.doc == doc { clause.explain(into: &parts) }
    for clause in should where clause.doc == doc { clause.explain(into: &parts) }
  }
}

/// The best of several variants of one word, each times its weight.
final class VariantScorer: Scorer {
  let variants: [Scorer]
  let weights: [Double]
  /// Added to the score when any variant matches (coordination).
  var bonus = 0.0

  /// The variants still walked (see `drop(atMost:)`), the first
  /// `liveCount` entries: each one's index in `variants` and the variant
  /// unretained, for the hot paths (see `LeafScorer.fast`), in memory of
  /// their own (walking an array property would retain its storage on
  /// every call).
  private let live: UnsafeMutableBufferPointer<(index: Int, scorer: Unmanaged<Scorer>)>
  private var liveCount: Int

  init(_ variants: [Scorer], weights: [Double]) {
    self.variants = variants
    self.weights = weights
    live = .allocate(capacity: max(1, variants.count))
    for index in variants.indices { live[index] = (index, Unmanaged.passUnretained(variants[index])) }
    liveCount = variants.count
    super.init()
    maxScore = zip(variants, weights).map { $0.maxScore * $1 }.max() ?? 0
    cost = variants.reduce(0) { $0 + $1.cost }
  }

  deinit { live.deallocate() }

  /// Stops walking the variants whose weighted bound is at most `limit`,
  /// keeping at least the one with the largest bound; the current document
  /// becomes the first any remaining variant stands on.
  ///
  /// Exact for top-k search when `limit` plus the rest of the query's
  /// bounds cannot beat the k-th score: a document whose best variant was
  /// dropped cannot enter the top k, and for any other the best variant is
  /// still walked.
  ///
  /// - Complexity: O(*v*) for *v* variants.
  func drop(atMost limit: Double) {
    guard liveCount > 1 else { return }
    func bound(_ index: Int) -> Double { variants[index].maxScore * weights[index] }
    let current = live[0..<liveCount]
    let strongest = current.max { bound($0.index) < bound($1.index) }?.index
    let kept = current.filter { $0.index == strongest || bound($0.index) > limit }
    guard kept.count < liveCount else { return }
    for (slot, entry) in kept.enumerated() { live[slot] = entry }
    liveCount = kept.count
    doc = kept.map { variants[$0.index].doc }.min() ?? PostingsIterator.exhausted
  }

  override var failure: IndexError? { variants.lazy.compactMap(\.failure).first }

  override func next() -> Int32 { settle(doc + 1) }

  override func advance(to target: Int32) -> Int32 {
    if doc >= target { return doc }
    return settle(target)
  }

  private func settle(_ target: Int32) -> Int32 {
    var smallest = PostingsIterator.exhausted
    for (_, variant) in live[0..<liveCount] {
      let found = variant._withUnsafeGuaranteedRef { $0.doc < target ? $0.advance(to: target) : $0.doc }
      smallest = min(smallest, found)
    }
    doc = smallest
    return doc
  }

  /// The index of the variant that scores best on the current document.
  private var winner: Int? {
    var best: Int?
    var bestScore = -Double.infinity
    for (index, _) in live[0..<liveCount] where variants[index].doc == doc {
      let score = variants[index].score() * weights[index]
      if score > bestScore {
        bestScore = score
        best = index
      }
    }
    return best
  }

  /// The best weighted bound of the variants, up to the nearest of their
  /// block ends.
  override func blockBound(from target: Int32) -> (bound: Double, lastDoc: Int32)? {
    var bound = 0.0
    var lastDoc = Int32.max
    var known = false
    for (index, variant) in live[0..<liveCount] {
      let block = variant._withUnsafeGuaranteedRef { $0.blockBound(from: target) }
      known = known || block != nil
      bound = max(bound, (block?.bound ?? variants[index].maxScore) * weights[index])
      lastDoc = min(lastDoc, block?.lastDoc ?? .max)
    }
    return known ? (bound + bonus, lastDoc) : nil
  }

  override func score() -> Double {
    var best = -Double.infinity
    for (index, scorer) in live[0..<liveCount] {
      scorer._withUnsafeGuaranteedRef { variant in
        if variant.doc == doc { best = max(best, variant.score() * weights[index]) }
      }
    }
    return best == -Double.infinity ? bonus : best + bonus
  }

  override func explain(into parts: inout [Contribution]) {
    guard let winner else { return }
    var found: [Contribution] = []
    variants[winner].explain(into: &found)
    for var part in found {
      part.score *= weights[winner]
      part.bonus = bonus
      if weights[winner] != 1 { part.matched = part.matched.map { "\($0) (×\(weights[winner]))" } }
      parts.append(part)
    }
  }
}

/// Every document of a segment, each scoring 0: a query of filters only.
final class AllScorer: Scorer {
  private let count: Int32

  init(documentCount: Int) {
    count = Int32(documentCount)
    super.init()
    cost = documentCount
  }

  override func next() -> Int32 {
    doc = doc + 1 < count ? doc + 1 : PostingsIterator.exhausted
    return doc
  }

  override func advance(to target: Int32) -> Int32 {
    if doc >= target { return doc }
    doc = target < count ? target : PostingsIterator.exhausted
    return doc
  }

  override func score() -> Double { 0 }
}
