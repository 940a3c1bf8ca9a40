import BeleidIndex

/// The best of several variants of one word, each times its weight.
///
/// The clause's coordination bonus (`bonus`) is earned only by a credited
/// variant: the word itself or its joined form, not its compound parts
/// (*keten* in *strafrechtketen* is not *ketenveiligheid*), which add
/// their weighted score alone.
final class VariantScorer: Scorer {
  let variants: [Scorer]
  let weights: [Double]
  /// Whether each variant earns the clause's coordination bonus.
  let credited: [Bool]

  /// The variants still walked (see `drop(atMost:)`), the first
  /// `liveCount` entries: each one's index in `variants` and the variant
  /// unretained, for the hot paths (see `LeafScorer.fast`), in memory of
  /// their own (walking an array property would retain its storage on
  /// every call).
  private let live: UnsafeMutableBufferPointer<(index: Int, scorer: Unmanaged<Scorer>)>
  @exclusivity(unchecked) private var liveCount: Int

  init(_ variants: [Scorer], weights: [Double], credited: [Bool]) {
    self.variants = variants
    self.weights = weights
    self.credited = credited
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
    var earned = false
    for (index, scorer) in live[0..<liveCount] {
      scorer._withUnsafeGuaranteedRef { variant in
        if variant.doc == doc {
          best = max(best, variant.score() * weights[index])
          earned = earned || credited[index]
        }
      }
    }
    return best == -Double.infinity ? bonus : best + (earned ? bonus : 0)
  }

  /// Whether a credited variant matches the current document.
  private var earnsBonus: Bool {
    live[0..<liveCount].contains { credited[$0.index] && variants[$0.index].doc == doc }
  }

  override func explain(into parts: inout [Contribution]) {
    guard let winner else { return }
    var found: [Contribution] = []
    variants[winner].explain(into: &found)
    let earned = earnsBonus
    for var part in found {
      part.score *= weights[winner]
      part.bonus = earned ? bonus : 0
      if weights[winner] != 1 { part.matched = part.matched.map { "\($0) (×\(weights[winner]))" } }
      parts.append(part)
    }
  }

  // MARK: - Collecting

  override var collectsAlone: Bool { true }

  /// Each document scores its best variant.
  ///
  /// Since only the best variant counts, a variant whose weighted upper
  /// bound cannot beat the k-th score can be dropped outright, exactly;
  /// when the whole word alone is left, its own path takes over.
  /// For a compound query that is the common case once the heap is full:
  /// its parts (weighted 0.5) rarely outscore the whole word.
  ///
  /// - Complexity: O(*n* · *v*) for *n* documents and *v* variants walked.
  override func collect(into top: inout TopK, base: Int, accepts: DocumentFilter) {
    var active = Array(variants.indices)
    for index in active { variants[index].next() }
    while true {
      if top.prunes {
        active.removeAll { variants[$0].maxScore * weights[$0] + bonus <= top.threshold }
      }
      if active.count == 1, weights[active[0]] == 1, bonus == 0,
        variants[active[0]].collectRest(into: &top, base: base, accepts: accepts)
      {
        return
      }
      var doc = PostingsIterator.exhausted
      for index in active { doc = min(doc, variants[index].doc) }
      if doc == PostingsIterator.exhausted { return }
      if accepts(doc) {
        var best = -Double.infinity
        var earned = false
        for index in active where variants[index].doc == doc {
          best = max(best, variants[index].score() * weights[index])
          earned = earned || credited[index]
        }
        let score = best + (earned ? bonus : 0)
        if score > top.threshold || (score == 0 && !top.isFull) { top.offer(score, base + Int(doc)) }
      }
      for index in active where variants[index].doc == doc { variants[index].next() }
    }
  }
}
