import BeleidIndex
import HeapModule

extension Searcher {
  /// How hits are ordered.
  package enum Order: String, Sendable {
    /// Best score first (the default).
    case relevance
    /// Newest first, by the documents' dates; undated documents last;
    /// equal dates by score.
    case date
  }

  /// A match in the date order: by date, then score, then document (lower
  /// first).
  private struct Dated: Comparable {
    var date: Int32
    var candidate: Candidate

    static func < (a: Dated, b: Dated) -> Bool {
      a.date != b.date ? a.date < b.date : a.candidate < b.candidate
    }
  }

  /// The newest `depth` matches, newest first, with their scores; with a
  /// `counter`, every match is also counted by facet in the same pass.
  ///
  /// Every match is visited and scored (nothing can be pruned by score).
  ///
  /// - Complexity: O(*n* · (*c* + log *k*)) for the *n* matching documents,
  ///   *c* clauses and *k* = `depth`.
  func collectByDate(_ query: PreparedQuery, depth: Int, deadline: Deadline, counter: inout FacetCounter?) throws
    -> [Candidate]
  {
    var heap = Heap<Dated>()
    try forEachMatch(
      query, deadline: deadline,
      { columns, base, doc, root in
        counter?.count(Int(doc), in: columns)
        guard depth > 0 else { return }
        let entry = Dated(
          date: columns.storedDate(Int(doc)), candidate: Candidate(score: root.score(), document: base + Int(doc)))
        if heap.count < depth {
          heap.insert(entry)
        } else if let oldest = heap.min, oldest < entry {
          _ = heap.replaceMin(with: entry)
        }
      },
      endSegment: { counter?.endSegment($0) })
    var newest: [Candidate] = []
    while let entry = heap.popMax() { newest.append(entry.candidate) }
    return newest
  }
}
