import BeleidIndex

extension Searcher {
  /// The label of the `Contribution` that holds a hit's passage score.
  package static let proximityLabel = "(best passage)"

  /// The units a long query's passages are scored by: the leaves of each
  /// clause of its root (a word with its compound parts or translations is
  /// one unit); none if the query is too short or not a plain list of
  /// clauses.
  static func proximityUnits(_ query: PreparedQuery) -> [[Int]] {
    guard case .boolean(let must, let should, _, let bonus) = query.root, bonus == 0 else { return [] }
    let clauses = must + should
    guard clauses.count >= Proximity.minimumClauses else { return [] }
    return clauses.map { query.leaves(of: $0).filter { !query.leaves[$0].titleOnly } }.filter { !$0.isEmpty }
  }

  /// Adds each candidate's best-passage score (`Proximity`) and sorts again.
  ///
  /// - Complexity: per candidate, decoding its positions of every option
  ///   of every unit, then O(*p* log *p*) for its *p* positions.
  func rerank(_ candidates: [Candidate], units: [[Int]], query: PreparedQuery) throws -> [Candidate] {
    let weights = units.map { unit in unit.map { query.statistics[$0].idf }.max() ?? 0 }
    var result: [Candidate] = []
    let bySegment = Dictionary(grouping: candidates) { reader.locate($0.document).segment }
    for (segment, group) in bySegment {
      let base = reader.bases[segment]
      var scorers: [(unit: Int, scorer: LeafScorer)] = []
      for (unit, leaves) in units.enumerated() {
        for leaf in leaves {
          guard let scorer = try query.leafScorer(leaf, segment: segment) else { continue }
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
}
