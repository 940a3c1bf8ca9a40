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

extension SearchHit {
  /// Encodes every field, absent ones as `null`, so that the JSON schema
  /// is the same for every hit.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(rank, forKey: .rank)
    try container.encode(document, forKey: .document)
    try container.encode(key, forKey: .key)
    try container.encode(rankingScore, forKey: .rankingScore)
    try container.encode(score, forKey: .score)
    try container.encode(matchedClauses, forKey: .matchedClauses)
    try container.encode(title, forKey: .title)
    try container.encode(path, forKey: .path)
    try container.encode(date, forKey: .date)
    try container.encode(language, forKey: .language)
    try container.encode(source, forKey: .source)
    try container.encode(url, forKey: .url)
    try container.encode(format, forKey: .format)
    try container.encode(explanation, forKey: .explanation)
    try container.encode(snippet, forKey: .snippet)
  }
}
