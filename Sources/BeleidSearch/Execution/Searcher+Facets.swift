import BeleidDocuments
import BeleidIndex

extension Searcher {
  /// Visits every document the query matches that is live and passes its
  /// filters, segment by segment, with the segment's root scorer standing
  /// on it; `endSegment` follows each segment's last match.
  ///
  /// Unlike collection, nothing is pruned: every match is visited once.
  ///
  /// - Complexity: O(*n* · *c*) for the *n* matching documents and *c*
  ///   clauses, plus what `visit` costs.
  func forEachMatch(
    _ query: PreparedQuery, deadline: Deadline,
    _ visit: (_ columns: SegmentReader, _ base: Int, _ doc: Int32, _ root: Scorer) -> Void,
    endSegment: (SegmentReader) -> Void = { _ in }
  ) throws {
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
        if accepts(doc) { visit(columns, base, doc, root) }
      }
      if let failure = root.failure { throw failure }
      endSegment(columns)
    }
  }

  /// Counts every document the query matches, in all and by language,
  /// source, type and year, from the segments' columns.
  ///
  /// - Complexity: that of `forEachMatch`, plus one dictionary update per
  ///   facet per match.
  func facets(_ query: PreparedQuery, deadline: Deadline) throws -> Facets {
    var counter = FacetCounter()
    try forEachMatch(
      query, deadline: deadline, { columns, _, doc, _ in counter.count(Int(doc), in: columns) },
      endSegment: { counter.endSegment($0) })
    return counter.facets
  }
}

/// Counts matches by their column values within a segment, then adds the
/// counts up by name when the segment ends (ids are per segment).
struct FacetCounter {
  /// The counts of the segments ended so far.
  private(set) var facets = Facets()
  private var languages = [Int](repeating: 0, count: 256)
  private var sources: [Int: Int] = [:]
  private var types: [Int: Int] = [:]
  private var days: [Int32: Int] = [:]

  /// Counts document `doc` of the current segment.
  mutating func count(_ doc: Int, in columns: SegmentReader) {
    facets.total += 1
    languages[Int(columns.languageCode(doc))] += 1
    sources[columns.sourceID(doc), default: 0] += 1
    types[columns.typeID(doc), default: 0] += 1
    days[columns.storedDate(doc), default: 0] += 1
  }

  /// Adds the current segment's counts to `facets` by name.
  mutating func endSegment(_ columns: SegmentReader) {
    for (code, count) in languages.enumerated() where count > 0 {
      if let name = SegmentReader.languageName(UInt8(code)) { facets.languages[name, default: 0] += count }
    }
    for (id, count) in sources {
      let name = columns.sourceName(id)
      if !name.isEmpty { facets.sources[name, default: 0] += count }
    }
    for (id, count) in types {
      let name = columns.typeName(id)
      if !name.isEmpty { facets.types[name, default: 0] += count }
    }
    for (day, count) in days where day != Int32.min {
      facets.years[String(DocumentDate.string(day).prefix(4)), default: 0] += count
    }
    languages = [Int](repeating: 0, count: 256)
    sources.removeAll(keepingCapacity: true)
    types.removeAll(keepingCapacity: true)
    days.removeAll(keepingCapacity: true)
  }
}
