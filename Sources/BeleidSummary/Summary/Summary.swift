public import BeleidAnalysis

/// An extractive summary: sentences of the source, verbatim.
public struct Summary: Sendable, Codable {
  /// One chosen sentence.
  public struct Sentence: Sendable, Codable, Equatable {
    /// The sentence as it stands in the source (white space runs collapsed).
    public var text: String
    /// Its index among the document's sentences (0-based).
    public var position: Int
    /// Its byte range in the source text.
    public var start: Int
    public var end: Int
    /// Its final score, and the parts it is made of.
    public var score: Double
    public var centrality: Double
    public var positionPrior: Double
    public var keyTerms: Double
    public var queryRelevance: Double?
    /// For a multi-document summary: which document (0-based).
    public var document: Int?
    /// The page it starts on (1-based), for paged documents such as PDFs.
    public var page: Int?

    public var range: Range<Int> { start..<end }
  }

  /// The chosen sentences, in the order asked for.
  public var sentences: [Sentence]
  /// How many sentences the document has.
  public var sentenceCount: Int
  /// The language the text was analysed as.
  public var language: Language
  /// The kind the position prior assumed.
  public var kind: DocumentKind
  /// Things to know: a query that matched nothing, a graph cut short.
  public var notes: [String]

  /// The summary as running text.
  public var text: String { sentences.map(\.text).joined(separator: " ") }

  /// Words in the summary.
  public var wordCount: Int { sentences.reduce(0) { $0 + $1.text.split(separator: " ").count } }
}
