internal import BeleidSearch

/// What a search found: the hits, best first.
///
/// It encodes to the JSON that `beleid search --json` prints under
/// `results` (schema in the README).
public struct SearchResult: Sendable, Encodable {
  /// One hit.
  public struct Hit: Sendable {
    let hit: SearchHit

    /// Its 1-based rank among all hits (the offset included).
    public var rank: Int { hit.rank }
    /// The document's key, which `Snapshot.document(_:)` accepts.
    ///
    /// It is the file's path, or `FILE.jsonl#id` for a line of a bulk file.
    public var key: String { hit.key }
    /// The score that ranks it: BM25F plus the bonus for matching more of
    /// the query's words.
    public var score: Double { hit.rankingScore }
    /// Its title.
    public var title: String? { hit.title }
    /// Its file.
    public var path: String? { hit.path }
    /// Its date, when known.
    public var date: String? { hit.date }
    /// Its language, when known.
    public var language: Language? { hit.language.flatMap(Language.init(code:)) }
    /// Its source, when known.
    public var source: String? { hit.source }
    /// Its type ("wet", "EU directive"), when known.
    public var type: String? { hit.type }
    /// Its web address, when known.
    public var url: String? { hit.url }
    /// The best passage, when asked for.
    public var snippet: Snippet? { hit.snippet.map(Snippet.init) }
    /// Whether the hit holds only parts of the query's compounds or lesser
    /// dictionary translations, not the query's words or their glossary
    /// equivalents (*strafrechtketen* for *ketenveiligheid*). Known only
    /// when the request asked for explanations; false otherwise.
    public var matchesOnlyWeakly: Bool { hit.matchesOnlyWeakly }
    /// How its score is made up, one line a query word, when asked for.
    public var explanation: [String]? {
      hit.explanation?.map { part in
        "\(part.label): \(part.score) via \(part.matched.joined(separator: ", "))"
      }
    }
  }

  /// A document's best passage for the query.
  public struct Snippet: Sendable {
    /// The passage.
    public var text: String
    /// The matched words, as ranges of `text`.
    public var highlights: [Range<String.Index>]
    /// The page it is on (1-based), for PDFs.
    public var page: Int?
    /// Whether the passage starts or ends inside the document's text (an
    /// ellipsis belongs there).
    public var startsInside: Bool
    public var endsInside: Bool

    init(_ snippet: BeleidSearch.Snippet) {
      text = snippet.text
      let utf8 = snippet.text.utf8
      highlights = snippet.highlights.map { range in
        utf8.index(
          utf8.startIndex, offsetBy: range.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: range.upperBound)
      }
      page = snippet.page
      startsInside = snippet.startsInside
      endsInside = snippet.endsInside
    }

    /// The passage with each highlight between `open` and `close`.
    public func marked(open: String, close: String) -> String {
      var result = ""
      var position = text.startIndex
      for range in highlights {
        result += text[position..<range.lowerBound] + open + text[range] + close
        position = range.upperBound
      }
      return result + text[position...]
    }
  }

  /// How many documents match in all, and by language, source, type and
  /// year.
  public struct Facets: Sendable, Encodable, Equatable {
    /// Every matching document, not only the hits returned.
    public var total: Int
    /// Per language code ("nl", "en").
    public var languages: [String: Int]
    /// Per source name.
    public var sources: [String: Int]
    /// Per document type ("wet", "EU directive").
    public var types: [String: Int]
    /// Per year ("2026").
    public var years: [String: Int]
  }

  let results: SearchResults

  /// The glossary concepts (their ids) through which the query was
  /// translated or widened, in the order of the query's words.
  public let glossaryConcepts: [String]

  /// The counts of every match, when the request asked for them.
  public var facets: Facets? {
    results.facets.map {
      Facets(total: $0.total, languages: $0.languages, sources: $0.sources, types: $0.types, years: $0.years)
    }
  }

  /// The hits, best first, after the offset.
  public var hits: [Hit] { results.hits.map(Hit.init) }
  /// The language the query was analysed as.
  public var language: Language { Language(code: results.language) ?? .dutch }
  /// Notes about the search: expansions cut short; when nothing matched, a
  /// query word in no document and the nearest word that is.
  public var notes: [String] { results.notes }

  public func encode(to encoder: any Encoder) throws { try results.encode(to: encoder) }
}
