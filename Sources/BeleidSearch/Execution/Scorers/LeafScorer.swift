import BeleidIndex

/// Scores one leaf: its options' frequencies summed, one BM25F score.
final class LeafScorer: Scorer {
  /// The leaf scored: its label and options, for explanations.
  let leaf: QueryPlan.Leaf
  /// The iterators of the options the segment can match, their weights,
  /// and which of the leaf's options each walks.
  private let iterators: [any MatchIterator]
  private let weights: [Double]
  private let optionIndices: [Int]
  /// The common case, one term with weight 1, walked without existentials.
  let single: PostingsIterator?
  /// `single` unretained, for the hot paths: `iterators` keeps it alive, and
  /// calls through it skip a retain and release each.
  private let fast: Unmanaged<PostingsIterator>?
  /// A leaf of one compound's parts (one `AllOfIterator`), unretained like
  /// `fast`, and its weight.
  private let fastParts: (iterator: Unmanaged<AllOfIterator>, weight: Double)?
  /// A leaf of one phrase, and its weight: its score can be bounded before
  /// positions are read.
  let phrase: (iterator: PhraseIterator, weight: Double)?
  let bm25: BM25
  let idf: Double
  let titleOnly: Bool
  /// The segment's norms: per document, its body and title length codes.
  let norms: UnsafeRawBufferPointer
  let documentFrequency: Int

  /// A scorer of `leaf` over one segment's `norms`: `iterators` walk the
  /// leaf's options at `optionIndices`, weighted by `weights`.
  init(
    leaf: QueryPlan.Leaf, iterators: [any MatchIterator], weights: [Double], optionIndices: [Int],
    norms: UnsafeRawBufferPointer, bm25: BM25, idf: Double, documentFrequency: Int
  ) {
    self.leaf = leaf
    self.iterators = iterators
    self.weights = weights
    self.optionIndices = optionIndices
    let titleOnly = leaf.titleOnly
    let one = iterators.count == 1
    single = one && weights[0] == 1 ? iterators[0] as? PostingsIterator : nil
    fast = titleOnly ? nil : single.map { Unmanaged.passUnretained($0) }
    fastParts =
      titleOnly || !one ? nil : (iterators[0] as? AllOfIterator).map { (Unmanaged.passUnretained($0), weights[0]) }
    phrase = one ? (iterators[0] as? PhraseIterator).map { ($0, weights[0]) } : nil
    self.bm25 = bm25
    self.norms = norms
    self.idf = idf
    self.documentFrequency = documentFrequency
    self.titleOnly = titleOnly
    super.init()
    cost = iterators.reduce(0) { $0 + $1.cost }
    maxScore = idf * (BM25.k1 + 1)
  }

  override var failure: IndexError? { iterators.lazy.compactMap(\.failure).first }

  override func next() -> Int32 {
    // One term standing where the leaf stands: its own `next()`, which
    // steps within the decoded block, instead of a seek to `doc + 1`.
    if let fast {
      let current = doc
      doc = fast._withUnsafeGuaranteedRef { $0.doc == current ? $0.next() : $0.advance(to: current + 1) }
      return doc
    }
    return settle(doc + 1)
  }

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
      for iterator in iterators {
        let found = iterator.doc < candidate ? iterator.advance(to: candidate) : iterator.doc
        smallest = min(smallest, found)
      }
      doc = smallest
      guard titleOnly, smallest != PostingsIterator.exhausted else { return doc }
      // title: matches only where some option is in the title.
      if iterators.contains(where: { $0.doc == smallest && $0.titleFrequency > 0 }) { return doc }
      candidate = smallest + 1
    }
  }

  override func score() -> Double {
    if let fast {
      let (title, body) = fast._withUnsafeGuaranteedRef { $0.frequencies }
      return score(title: Double(title), body: Double(body))
    }
    if let fastParts {
      // As the loop below computes it for one option.
      let (title, body) = fastParts.iterator._withUnsafeGuaranteedRef { parts in
        parts.doc == doc
          ? (fastParts.weight * Double(parts.titleFrequency), fastParts.weight * Double(parts.bodyFrequency)) : (0, 0)
      }
      return score(title: title, body: body)
    }
    let (title, body) = frequencies()
    return score(title: title, body: body)
  }

  /// The current document's weighted title and body frequencies, summed
  /// over the options that match it.
  private func frequencies() -> (title: Double, body: Double) {
    var title = 0.0
    var body = 0.0
    for (iterator, weight) in zip(iterators, weights) where iterator.doc == doc {
      title += weight * Double(iterator.titleFrequency)
      if !titleOnly { body += weight * Double(iterator.bodyFrequency) }
    }
    return (title, body)
  }

  /// The score of the current document for given weighted frequencies.
  @inline(__always)
  func score(title: Double, body: Double) -> Double {
    bm25.score(idf: idf, title: title, body: body, norms: norms, document: doc) + bonus
  }

  override func blockBound(from target: Int32) -> (bound: Double, lastDoc: Int32)? {
    // Positioned past `target`: nothing matches before the current document.
    // (The single-term paths walk `fast` directly, so its position counts.)
    let current = fast?._withUnsafeGuaranteedRef { $0.doc } ?? doc
    if current > target { return (0, current == PostingsIterator.exhausted ? .max : current - 1) }
    if let fast {
      // One term of weight 1, called without retaining it.
      guard let bound = fast._withUnsafeGuaranteedRef({ $0.frequencyBound(from: target, bm25: bm25) }) else {
        return nil
      }
      return (BM25.score(idf: idf, frequency: bound.frequency) + bonus, bound.lastDoc)
    }
    // The pseudo frequency is linear in the options' weighted frequencies,
    // so their weighted bounds add up to one for the leaf (for one term of
    // weight 1, its block's bound).
    var frequency = 0.0
    var lastDoc = Int32.max
    for (iterator, weight) in zip(iterators, weights) {
      guard let bound = iterator.frequencyBound(from: target, bm25: bm25) else { return nil }
      frequency += weight * bound.frequency
      lastDoc = min(lastDoc, bound.lastDoc)
    }
    return (BM25.score(idf: idf, frequency: frequency) + bonus, lastDoc)
  }

  /// Where the leaf's options match in the current document's body,
  /// ascending (for `Proximity`).
  func bodyPositions() throws -> [UInt32] {
    var result: [UInt32] = []
    guard !titleOnly else { return result }
    for iterator in iterators where iterator.doc == doc {
      try iterator.appendBodyPositions(to: &result)
    }
    if iterators.count > 1 { result.sort() }
    return result
  }

  override func explain(into parts: inout [Contribution]) {
    guard doc != PostingsIterator.exhausted else { return }
    let (title, body) = frequencies()
    let options = optionIndices.map { leaf.options[$0] }
    let hits = zip(iterators, options).filter { $0.0.doc == doc }.map(\.1)
    let matched = hits.map { option in
      option.provenance.isPlainQuery ? "\(option.match)" : "\(option.match) (\(option.origin))"
    }
    // The best dictionary translation counts; those below it are weak.
    let bestTranslation = options.filter { $0.provenance.isDictionary }.map(\.weight).max() ?? 0
    let weakOnly = hits.allSatisfy { option in
      option.provenance == .compoundParts || (option.provenance.isDictionary && option.weight < bestTranslation)
    }
    parts.append(
      Contribution(
        label: leaf.label, matched: matched, titleFrequency: title, bodyFrequency: body, idf: idf,
        documentFrequency: documentFrequency, score: score() - bonus, bonus: bonus, weakOnly: weakOnly))
  }

  // MARK: - Collecting

  override var collectsAlone: Bool { bonus == 0 }

  override func collect(into top: inout TopK, base: Int, accepts: DocumentFilter) {
    if let single, !titleOnly {
      collectTerm(single, from: single.next(), into: &top, base: base, accepts: accepts)
    } else if let phrase, !titleOnly {
      collectPhrase(phrase.iterator, weight: phrase.weight, into: &top, base: base, accepts: accepts)
    } else {
      var doc = next()
      while doc != PostingsIterator.exhausted {
        if accepts(doc) {
          let score = score()
          if score > top.threshold { top.offer(score, base + Int(doc)) }
        }
        doc = next()
      }
    }
  }

  override func collectRest(into top: inout TopK, base: Int, accepts: DocumentFilter) -> Bool {
    guard let single, !titleOnly, bonus == 0 else { return false }
    collectTerm(single, from: single.doc, into: &top, base: base, accepts: accepts)
    return true
  }
}
