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

  /// The newest `depth` matches, newest first, with their scores.
  ///
  /// Every match is visited and scored (nothing can be pruned by score).
  ///
  /// - Complexity: O(*n* · (*c* + log *k*)) for the *n* matching documents,
  ///   *c* clauses and *k* = `depth`.
  func collectByDate(_ query: PreparedQuery, depth: Int, deadline: Deadline) throws -> [Candidate] {
    guard depth > 0 else { return [] }
    var heap = Heap<Dated>()
    for segment in reader.segments.indices {
      try deadline.check()
      guard let root = try query.scorer(segment: segment) else { continue }
      let columns = reader.segments[segment]
      let accepts = DocumentFilter(
        deleted: columns.deleted, metadata: MetadataFilter(query.plan.filters, segment: columns))
      let base = reader.bases[segment]
      var visited = 0
      while root.next() != PostingsIterator.exhausted {
        let doc = root.doc
        visited += 1
        if visited & 0xFFF == 0 { try deadline.check() }
        guard accepts(doc) else { continue }
        let entry = Dated(
          date: columns.storedDate(Int(doc)), candidate: Candidate(score: root.score(), document: base + Int(doc)))
        if heap.count < depth {
          heap.insert(entry)
        } else if let oldest = heap.min, oldest < entry {
          _ = heap.replaceMin(with: entry)
        }
      }
      if let failure = root.failure { throw failure }
    }
    var newest: [Candidate] = []
    while let entry = heap.popMax() { newest.append(entry.candidate) }
    return newest
  }
}
