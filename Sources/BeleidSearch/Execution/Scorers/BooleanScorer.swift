import BeleidIndex

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
      for clause in should { clause.bonus = clauseBonus }
    }
    maxScore = must.reduce(0) { $0 + $1.maxScore } + should.reduce(0) { $0 + $1.maxScore + $1.bonus }
    cost = must.isEmpty ? should.reduce(0) { $0 + $1.cost } : (self.must.first?.cost ?? 0)
  }

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

  /// The parts of the current document's score, as `score()` sums them:
  /// should clauses lag behind when must clauses drive, so they are
  /// brought up to the document first.
  override func explain(into parts: inout [Contribution]) {
    for clause in must where clause.doc == doc { clause.explain(into: &parts) }
    for clause in should {
      let found = clause.doc < doc ? clause.advance(to: doc) : clause.doc
      if found == doc { clause.explain(into: &parts) }
    }
  }

  // MARK: - Collecting

  override func collect(into top: inout TopK, base: Int, accepts: DocumentFilter) {
    // One clause left (the others have no postings in this segment): its
    // own path prunes, the generic loop would score every document.
    // Scores stay the same: a root boolean adds nothing to its clause's.
    if must.isEmpty, mustNot.isEmpty, bonus == 0, should.count == 1, should[0].collectsAlone {
      should[0].collect(into: &top, base: base, accepts: accepts)
    } else if must.isEmpty, should.count >= 2 {
      collectMaxScore(into: &top, base: base, accepts: accepts)
    } else {
      super.collect(into: &top, base: base, accepts: accepts)
    }
  }
}
