import BeleidIndex

extension LeafScorer {
  /// One term: score inline and skip whole blocks that cannot beat the
  /// k-th score (block-max WAND with one list), checking each block once.
  ///
  /// A block's documents are scored in a loop over its decoded arrays
  /// (`PostingsIterator.restOfBlock()`), with one call into the index
  /// module per block instead of two per document.
  ///
  /// - Complexity: O(*n* log *k*) for the *n* documents of the blocks
  ///   that are read; a skipped block costs one look at its maxima.
  func collectTerm(
    _ postings: PostingsIterator, from start: Int32, into top: inout TopK, base: Int, accepts: DocumentFilter
  ) {
    // Local copies: reading them through `self` for every document would
    // cost an exclusivity check each time.
    let norms = self.norms
    let bm25 = self.bm25
    let idf = self.idf
    var doc = start
    while doc != PostingsIterator.exhausted {
      // A block whose bound cannot beat the k-th score is skipped; a last,
      // partial block has no bound and is scored.
      if top.prunes, let block = blockBound(from: doc), block.bound <= top.threshold {
        doc = postings.advance(to: block.lastDoc &+ 1)
        continue
      }
      let block = postings.restOfBlock()
      for index in 0..<block.count {
        let doc = Int32(bitPattern: block.docs[index])
        guard accepts(doc) else { continue }
        let score = bm25.score(
          idf: idf, title: Double(block.title[index]), body: Double(block.body[index]), norms: norms, document: doc)
        if score > top.threshold { top.offer(score, base + Int(doc)) }
      }
      doc = postings.next()
    }
  }

  /// Collects one phrase, reading positions only where they could matter.
  ///
  /// A document's positions are read only if the phrase could put it in
  /// the top k, judged from its terms' frequencies (the phrase occurs no
  /// more often than its words). Once the heap is full, most documents that
  /// hold all the words are passed over without decoding positions.
  ///
  /// - Complexity: O(*n*) frequency checks for the *n* documents holding
  ///   every word, and a position merge for those that could enter.
  func collectPhrase(
    _ phrase: PhraseIterator, weight: Double, into top: inout TopK, base: Int, accepts: DocumentFilter
  ) {
    var doc = phrase.nextCandidate()
    while doc != PostingsIterator.exhausted {
      self.doc = doc
      if accepts(doc) {
        let bounds = phrase.frequencyBounds
        if !top.prunes
          || score(title: weight * Double(bounds.title), body: weight * Double(bounds.body)) > top.threshold,
          phrase.verify()
        {
          let score = score()
          if score > top.threshold { top.offer(score, base + Int(doc)) }
        }
      }
      doc = phrase.nextCandidate()
    }
  }
}
