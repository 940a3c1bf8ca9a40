/// One result of a search.
package struct SearchHit: Sendable, Codable {
  /// 1-based rank.
  package var rank: Int
  /// The document's global number in this commit of the index.
  package var document: Int
  /// The document's key: its path, or path#id.
  package var key: String
  /// The score that ranks it: BM25F plus coordination bonuses.
  package var rankingScore: Double
  /// Its BM25F score alone.
  package var score: Double
  /// How many of the query's clauses it matches, when coordination is on.
  package var matchedClauses: Int?
  /// The stored document's fields, when asked for.
  package var title: String?
  package var path: String?
  package var date: String?
  package var language: String?
  package var source: String?
  /// Its type ("wet", "EU directive"), when it has one.
  package var type: String?
  package var url: String?
  package var format: String?
  /// Each leaf's contribution, when asked for.
  package var explanation: [Contribution]?

  /// Whether the hit holds only weak matches of the query.
  ///
  /// Weak means every word matched only by compound parts or lesser
  /// dictionary translations (*strafrechtketen* for *ketenveiligheid*). It
  /// needs the explanation (a search with `explain`); false without it.
  package var matchesOnlyWeakly: Bool {
    let parts = (explanation ?? []).filter { $0.label != Searcher.proximityLabel }
    return !parts.isEmpty && parts.allSatisfy(\.weakOnly)
  }
  /// The best passage, with highlights, when asked for.
  package var snippet: Snippet?
}

/// What a search found.
package struct SearchResults: Sendable, Codable {
  /// The hits, best first, after the offset.
  package var hits: [SearchHit]
  /// The language the query was analysed as.
  package var language: String
  /// Notes: expansions cut short, an index built with other analysis data.
  package var notes: [String]
  /// The plan's leaves and options, as searched.
  package var concepts: [String]
  /// Every match counted, when asked for (`Searcher.Request.facets`); not
  /// part of the JSON of `beleid search --json`.
  package var facets: Facets? = nil

  private enum CodingKeys: String, CodingKey {
    case hits, language, notes, concepts
  }
}

extension SearchHit {
  /// Encodes every field, absent ones as `null`, so that the JSON schema
  /// is the same for every hit.
  package func encode(to encoder: any Encoder) throws {
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
    try container.encode(type, forKey: .type)
    try container.encode(url, forKey: .url)
    try container.encode(format, forKey: .format)
    try container.encode(explanation, forKey: .explanation)
    try container.encode(snippet, forKey: .snippet)
  }
}
