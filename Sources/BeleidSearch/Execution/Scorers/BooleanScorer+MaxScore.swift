import BeleidIndex

extension BooleanScorer {
  /// MaxScore over the should clauses, with block maxima.
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
  ///
  /// - Complexity: O(*n* · *c*) for the *n* documents the essential
  ///   clauses visit outside skipped windows, *c* clauses.
  func collectMaxScore(into top: inout TopK, base: Int, accepts: DocumentFilter) {
    let sorted = should.sorted { $0.maxScore + $0.bonus < $1.maxScore + $1.bonus }
    // Clauses that are all leaves (an OR of words, the common case) are
    // walked as the final class, so that their calls are direct and inlined
    // instead of dispatched per document.
    let leaves = sorted.compactMap { $0 as? LeafScorer }
    if leaves.count == sorted.count {
      collectMaxScore(leaves, into: &top, base: base, accepts: accepts)
    } else {
      collectMaxScore(sorted, into: &top, base: base, accepts: accepts)
    }
  }

  /// `collectMaxScore(into:base:accepts:)` over `sorted`, the should
  /// clauses by ascending bound.
  private func collectMaxScore<Clause: Scorer>(
    _ sorted: [Clause], into top: inout TopK, base: Int, accepts: DocumentFilter
  ) {
    let bounds = sorted.map { $0.maxScore + $0.bonus }
    // Unretained references: `self` keeps the clauses alive, and calls
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
    for index in essential..<n { _ = clauses[index]._withUnsafeGuaranteedRef { $0.next() } }
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
      if accepts(doc) && !excluded(doc) {
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
}
