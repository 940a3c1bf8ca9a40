import BeleidIndex

/// Walks matching documents of one segment and scores them.
///
/// The query tree becomes a tree of scorers: a `LeafScorer` per concept, a
/// `BooleanScorer` per boolean node, a `VariantScorer` per word with
/// variants. Documents are visited in increasing order (document at a
/// time). Each kind of scorer also owns its way of filling a top-k heap
/// (`collect(into:base:accepts:)`), with the pruning that suits it.
///
/// The stored variables of scorers are `@exclusivity(unchecked)`: they are
/// only read and assigned, never passed inout, so accesses cannot overlap,
/// and the run-time checks cost a quarter of a query's instructions.
class Scorer {
  /// The current document, or `PostingsIterator.exhausted`.
  @exclusivity(unchecked) final var doc: Int32 = -1
  /// An upper bound on `score()` for any document, without `bonus`.
  @exclusivity(unchecked) final var maxScore: Double = 0
  /// An estimate of the documents visited.
  @exclusivity(unchecked) final var cost: Int = 0
  /// Added to the score when the scorer matches (a parent's coordination
  /// bonus for one more matching clause).
  @exclusivity(unchecked) final var bonus = 0.0

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

  /// Offers every document it matches that `accepts` to `top`, documents
  /// numbered from `base`.
  ///
  /// This generic loop scores every match; subclasses prune.
  ///
  /// - Complexity: O(*n* log *k*) for *n* matching documents.
  func collect(into top: inout TopK, base: Int, accepts: DocumentFilter) {
    while next() != PostingsIterator.exhausted {
      let doc = self.doc
      guard accepts(doc) else { continue }
      let score = score()
      if score > top.threshold || (score == 0 && !top.isFull) { top.offer(score, base + Int(doc)) }
    }
  }

  /// Whether the scorer, as the query's only clause, scores as it would
  /// under a root boolean that adds nothing, so the root can hand it the
  /// collection.
  var collectsAlone: Bool { false }

  /// Collects the rest of its documents, from the current one, with
  /// pruning of its own, if it has such a path (see `VariantScorer`);
  /// false if it has none and did nothing.
  func collectRest(into top: inout TopK, base: Int, accepts: DocumentFilter) -> Bool { false }
}
