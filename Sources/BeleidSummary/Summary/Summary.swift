import BeleidAnalysis

/// An extractive summary: sentences of the source, verbatim.
package struct Summary: Sendable, Codable {
  /// One chosen sentence.
  package struct Sentence: Sendable, Codable, Equatable {
    /// The sentence as it stands in the source (white space runs collapsed).
    package var text: String
    /// Its index among the document's sentences (0-based).
    package var position: Int
    /// Its byte range in the source text.
    package var start: Int
    package var end: Int
    /// Its final score, and the parts it is made of.
    package var score: Double
    package var centrality: Double
    package var positionPrior: Double
    package var keyTerms: Double
    package var queryRelevance: Double?
    /// For a multi-document summary: which document (0-based).
    package var document: Int?
    /// The page it starts on (1-based), for paged documents such as PDFs.
    package var page: Int?

    package var range: Range<Int> { start..<end }
  }

  /// The chosen sentences, in the order asked for.
  package var sentences: [Sentence]
  /// How many sentences the document has.
  package var sentenceCount: Int
  /// The language the text was analysed as.
  package var language: Language
  /// The kind the position prior assumed.
  package var kind: DocumentKind
  /// Things to know: a query that matched nothing, a graph cut short.
  package var notes: [String]

  /// The summary as running text.
  package var text: String { sentences.map(\.text).joined(separator: " ") }

  /// Words in the summary.
  package var wordCount: Int { sentences.reduce(0) { $0 + $1.text.split(separator: " ").count } }
}
