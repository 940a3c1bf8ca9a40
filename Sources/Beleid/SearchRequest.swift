/// What to search for and how many hits to return.
public struct SearchRequest: Sendable {
  /// How hits are ordered.
  public enum Order: String, Sendable, CaseIterable {
    /// Best score first.
    case relevance
    /// Newest first (undated documents last; equal dates by score).
    case date
  }

  /// The query.
  public var query: Query
  /// The query's language; nil detects it.
  public var language: Language?
  /// Whether glossary terms also match their equivalents in the other
  /// language (needs a snapshot opened with a glossary).
  public var translate: Bool
  /// Whether other words are also translated through FreeDict, when
  /// `translate` is on.
  public var dictionary: Bool
  /// How many hits to return.
  public var limit: Int
  /// How many hits to skip first.
  public var offset: Int
  /// Whether each hit carries its best passage with highlights.
  public var snippets: Bool
  /// Whether each hit carries how its score is made up.
  public var explain: Bool
  /// Whether every match is counted, in all and by language, source and
  /// year (`SearchResult.facets`): a second pass over the matches.
  public var facets: Bool
  /// How hits are ordered: by relevance (the default) or newest first.
  public var order: Order
  /// A time after which the search gives up (`BeleidError.Kind.timeLimit`).
  public var timeLimit: Duration?

  /// A request for the first `limit` hits of `query`, translated, with
  /// snippets.
  public init(
    _ query: Query, language: Language? = nil, translate: Bool = true, dictionary: Bool = true, limit: Int = 10,
    offset: Int = 0, snippets: Bool = true, explain: Bool = false, facets: Bool = false, order: Order = .relevance,
    timeLimit: Duration? = nil
  ) {
    self.order = order
    self.facets = facets
    self.query = query
    self.language = language
    self.translate = translate
    self.dictionary = dictionary
    self.limit = limit
    self.offset = offset
    self.snippets = snippets
    self.explain = explain
    self.timeLimit = timeLimit
  }

  /// A request for `text`, parsed as `Query(text)`.
  ///
  /// - Throws: `BeleidError` of kind `.query` for a malformed query.
  public init(_ text: String, limit: Int = 10) throws(BeleidError) {
    self.init(try Query(text), limit: limit)
  }
}
