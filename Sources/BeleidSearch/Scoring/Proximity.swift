/// How close together a long query's words stand in a document: the best
/// passage.
///
/// A query of many words (a pasted sentence, a translated one) matches most
/// documents of a collection somewhere, and BM25 cannot tell a document that
/// holds the sentence from one that holds its words scattered over pages.
/// The passage score is the weight of the distinct query clauses (a word
/// with its variants and translations is one) that occur together in the
/// body's best window of `width` positions, each counted once at its idf
/// (in the manner of passage retrieval, Callan 1994, and of BM25 with term
/// proximity, Rasolofo and Savoy 2003). The
/// searcher adds it to the BM25 score of the best `depth` documents of a
/// query with at least `minimumClauses` clauses (shorter queries rank by
/// how many of their words match; see `QueryPlanner.coordinationLimit`).
package enum Proximity {
  /// The window, in word positions: about one long sentence of legal text.
  package static let width: UInt32 = 40
  /// How many documents are reranked (then cut to the request's limit).
  package static let depth = 100
  /// Queries with fewer clauses are left to BM25 and coordination.
  package static let minimumClauses = 5
  /// The passage score's weight against the BM25 score.
  package static let weight = 1.0

  /// The best window's weight: the largest sum of `weights[leaf]` over the
  /// distinct leaves of any `width` consecutive positions.
  ///
  /// `occurrences` are (position, leaf) pairs sorted by position.
  ///
  /// - Complexity: O(*n*) for *n* occurrences (two pointers).
  package static func bestWindow(_ occurrences: [(position: UInt32, leaf: Int)], weights: [Double]) -> Double {
    var counts = [Int](repeating: 0, count: weights.count)
    var current = 0.0
    var best = 0.0
    var start = 0
    for (position, leaf) in occurrences {
      if counts[leaf] == 0 { current += weights[leaf] }
      counts[leaf] += 1
      while occurrences[start].position + width <= position {
        let left = occurrences[start].leaf
        counts[left] -= 1
        if counts[left] == 0 { current -= weights[left] }
        start += 1
      }
      best = max(best, current)
    }
    return best
  }
}
