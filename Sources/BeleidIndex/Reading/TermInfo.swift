/// Where a term's postings and positions are, and how many documents it has.
package struct TermInfo: Sendable, Equatable {
  /// The term's position in the segment's sorted term list.
  package var ordinal: Int
  /// Documents containing the term (deleted ones included).
  package var documentFrequency: Int
  var postings: Range<Int>
  var positions: Range<Int>
}
