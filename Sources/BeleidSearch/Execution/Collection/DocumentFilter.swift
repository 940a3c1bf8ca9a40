/// Which documents of one segment may be hits: those not deleted that pass
/// the query's filters.
///
/// A struct, not a closure, so that the collection loops in other files
/// inline the check instead of calling through a context for every
/// document they score (a closure cost 3% of the benchmark queries'
/// instructions).
struct DocumentFilter {
  /// The segment's deletion bits (empty: none deleted).
  let deleted: [UInt64]
  /// The query's metadata filters on this segment (nil: none).
  let metadata: MetadataFilter?

  /// Whether `doc` may be a hit.
  ///
  /// - Complexity: O(1), plus the metadata filters' tests.
  @inline(__always)
  func callAsFunction(_ doc: Int32) -> Bool {
    if !deleted.isEmpty && deleted[Int(doc) >> 6] & (1 << UInt64(doc & 63)) != 0 { return false }
    return metadata?.accepts(Int(doc)) ?? true
  }
}
