import BeleidDocuments
import BeleidIndex

extension Searcher {
  /// Counts every document the query matches, in all and by language,
  /// source and year, from the segments' columns.
  ///
  /// Unlike collection, nothing is pruned: every match is visited once.
  ///
  /// - Complexity: O(*n* · *c*) for the *n* matching documents and *c*
  ///   clauses, plus one dictionary update per facet per match.
  func facets(_ query: PreparedQuery, deadline: Deadline) throws -> Facets {
    var facets = Facets()
    for segment in reader.segments.indices {
      try deadline.check()
      guard let root = try query.scorer(segment: segment) else { continue }
      let columns = reader.segments[segment]
      let accepts = DocumentFilter(
        deleted: columns.deleted, metadata: MetadataFilter(query.plan.filters, segment: columns))
      var languages = [Int](repeating: 0, count: 256)
      var sources: [Int: Int] = [:]
      var days: [Int32: Int] = [:]
      var visited = 0
      while root.next() != PostingsIterator.exhausted {
        let doc = root.doc
        visited += 1
        if visited & 0xFFF == 0 { try deadline.check() }
        guard accepts(doc) else { continue }
        facets.total += 1
        languages[Int(columns.languageCode(Int(doc)))] += 1
        sources[columns.sourceID(Int(doc)), default: 0] += 1
        days[columns.storedDate(Int(doc)), default: 0] += 1
      }
      if let failure = root.failure { throw failure }
      for (code, count) in languages.enumerated() where count > 0 {
        if let name = SegmentReader.languageName(UInt8(code)) { facets.languages[name, default: 0] += count }
      }
      for (id, count) in sources {
        let name = columns.sourceName(id)
        if !name.isEmpty { facets.sources[name, default: 0] += count }
      }
      for (day, count) in days where day != Int32.min {
        facets.years[String(DocumentDate.string(day).prefix(4)), default: 0] += count
      }
    }
    return facets
  }
}
