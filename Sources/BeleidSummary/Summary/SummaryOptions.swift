/// What kind of text a document is, which decides how much its first
/// sentences count.
package enum DocumentKind: String, Sendable, Codable, CaseIterable {
  /// News and press releases: the lead carries the story.
  case news
  /// Long reports, agreements, bills: sections start with their point.
  case report
  /// Anything else: a mild preference for early sentences.
  case general
  /// Court rulings: scored by the learned `SentenceModel`.
  case ruling
}

/// How long a summary is and what it favours.
package struct SummaryOptions: Sendable {
  /// A length in sentences or in words.
  package enum Length: Sendable, Equatable {
    case sentences(Int)
    /// At most this many words; always at least one sentence.
    case words(Int)
  }

  /// The order of the chosen sentences.
  package enum Order: String, Sendable {
    /// As in the document (the default).
    case document
    /// Best first.
    case score
  }

  package var length: Length
  /// A query to focus on.
  package var query: String?
  package var order: Order
  /// The document's kind; detected when nil.
  package var kind: DocumentKind?
  /// MMR's trade-off: 1 takes the best sentences regardless of overlap, 0
  /// only avoids overlap.
  package var relevanceWeight: Double

  /// Creates options: three sentences in document order by default.
  package init(
    length: Length = .sentences(3), query: String? = nil, order: Order = .document, kind: DocumentKind? = nil,
    relevanceWeight: Double = 0.7
  ) {
    self.length = length
    self.query = query
    self.order = order
    self.kind = kind
    self.relevanceWeight = relevanceWeight
  }
}
