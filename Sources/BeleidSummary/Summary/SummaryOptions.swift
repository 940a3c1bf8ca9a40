/// What kind of text a document is, which decides how much its first
/// sentences count.
public enum DocumentKind: String, Sendable, Codable, CaseIterable {
  /// News and press releases: the lead carries the story.
  case news
  /// Long reports, agreements, bills: sections start with their point.
  case report
  /// Anything else: a mild preference for early sentences.
  case general
}

/// How long a summary is and what it favours.
public struct SummaryOptions: Sendable {
  /// A length in sentences or in words.
  public enum Length: Sendable, Equatable {
    case sentences(Int)
    /// At most this many words; always at least one sentence.
    case words(Int)
  }

  /// The order of the chosen sentences.
  public enum Order: String, Sendable {
    /// As in the document (the default).
    case document
    /// Best first.
    case score
  }

  public var length: Length
  /// A query to focus on.
  public var query: String?
  public var order: Order
  /// The document's kind; detected when nil.
  public var kind: DocumentKind?
  /// MMR's trade-off: 1 takes the best sentences regardless of overlap, 0
  /// only avoids overlap.
  public var relevanceWeight: Double

  /// Creates options: three sentences in document order by default.
  public init(
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
