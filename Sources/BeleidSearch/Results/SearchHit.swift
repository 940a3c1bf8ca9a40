/// One result of a search.
public struct SearchHit: Sendable, Codable {
  /// 1-based rank.
  public var rank: Int
  /// The document's global number in this commit of the index.
  public var document: Int
  /// The document's key: its path, or path#id.
  public var key: String
  /// The score that ranks it: BM25F plus coordination bonuses.
  public var rankingScore: Double
  /// Its BM25F score alone.
  public var score: Double
  /// How many of the query's clauses it matches, when coordination is on.
  public var matchedClauses: Int?
  /// The stored document's fields, when asked for.
  public var title: String?
  public var path: String?
  public var date: String?
  public var language: String?
  public var source: String?
  public var url: String?
  public var format: String?
  /// Each leaf's contribution, when asked for.
  public var explanation: [Contribution]?
  /// The best passage, with highlights, when asked for.
  public var snippet: Snippet?
}

/// What a search found.
public struct SearchResults: Sendable, Codable {
  /// The hits, best first, after the offset.
  public var hits: [SearchHit]
  /// The language the query was analysed as.
  public var language: String
  /// Notes: expansions cut short, an index built with other analysis data.
  public var notes: [String]
  /// The plan's leaves and options, as searched.
  public var concepts: [String]
}
