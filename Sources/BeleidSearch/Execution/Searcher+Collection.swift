import BeleidIndex
import Foundation

extension Searcher {
  /// The best `depth` documents of the index for a prepared query, best
  /// first: each segment's scorer tree fills one heap.
  ///
  /// - Complexity: per segment, what its root scorer's `collect` costs;
  ///   O(*k* log *k*) to sort the heap.
  func collect(_ query: PreparedQuery, depth: Int, deadline: Deadline) throws -> [Candidate] {
    var top = TopK(k: depth, floor: try floor(query, k: depth))
    guard top.k > 0 else { return [] }
    for segment in reader.segments.indices {
      try deadline.check()
      guard let root = try query.scorer(segment: segment) else { continue }
      // The deletion bits and filters in a struct of this module, so the
      // loops check each document inline, without a call into the index.
      let accepts = DocumentFilter(
        deleted: reader.segments[segment].deleted,
        metadata: MetadataFilter(query.plan.filters, segment: reader.segments[segment]))
      root.collect(into: &top, base: reader.bases[segment], accepts: accepts)
      if let failure = root.failure { throw failure }
    }
    return top.ranked()
  }

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
  func floor(_ query: PreparedQuery, k: Int) throws -> Double {
    guard k > 0, query.plan.filters.isEmpty else { return -.infinity }
    var clauses: [PreparedQuery.Node]
    switch query.root {
    case .variants: clauses = [query.root]
    case .boolean(let must, let should, let mustNot, _) where must.isEmpty && mustNot.isEmpty: clauses = should
    default: return -.infinity
    }
    var best = -Double.infinity
    for clause in clauses {
      guard case .variants(let nodes, let weights) = clause, weights.first == 1, case .leaf(let whole) = nodes[0],
        nodes.dropFirst().contains(where: { node in
          guard case .leaf(let other) = node else { return false }
          return query.statistics[other].documentFrequency
            >= Self.floorRatio * max(query.statistics[whole].documentFrequency, 1)
        })
      else { continue }
      var top = TopK(k: k)
      for segment in reader.segments.indices {
        guard let leaf = try query.leafScorer(whole, segment: segment), let postings = leaf.single, !leaf.titleOnly
        else { continue }
        leaf.collectTerm(
          postings, from: postings.next(), into: &top, base: reader.bases[segment],
          accepts: DocumentFilter(deleted: reader.segments[segment].deleted, metadata: nil))
      }
      if top.isFull { best = max(best, top.threshold) }
    }
    return best.isFinite ? best - abs(best) * 1e-9 : -.infinity
  }

  /// How many times as many documents a compound's parts must share as the
  /// whole word has for `floor(_:k:)` to look for a floor.
  static let floorRatio = 4
}
