internal import BeleidAnalysis
internal import BeleidGlossary
internal import BeleidSummary
import Foundation

/// Extractive summaries and key terms of Dutch and English documents.
///
/// Calls on one summariser take turns; make one per thread to summarise
/// in parallel.
public struct Summarizer: Sendable {
  /// A summary: sentences of the document, in its order.
  public struct Summary: Sendable, Equatable, Encodable {
    /// The document's language, as given or detected.
    public var language: Language
    /// The sentences chosen, in the document's order.
    public var sentences: [String]
    /// The sentences joined by spaces.
    public var text: String { sentences.joined(separator: " ") }
  }

  /// A key term of a document.
  public struct KeyTerm: Sendable, Equatable, Encodable {
    /// The term as the document first writes it.
    public var text: String
    /// How often the document uses it.
    public var count: Int
    /// Its weight: higher is more characteristic of the document.
    public var score: Double
    /// Its equivalent in the other language, from the glossary.
    public var equivalent: String?
  }

  /// The formats a newsletter renders to.
  public enum NewsletterFormat: String, Sendable, CaseIterable {
    case html, markdown, text, json
  }

  private let engines: Locked<(summarizer: BeleidSummary.Summarizer, keywords: KeywordExtractor)>
  private let glossary: Glossary?

  /// A summariser; with a glossary, its terms count as key terms and key
  /// terms get their equivalents in the other language.
  public init(glossary: Glossary? = nil) {
    let matcher = glossary?.makeMatcher()
    engines = Locked((BeleidSummary.Summarizer(matcher: matcher), KeywordExtractor(matcher: matcher)))
    self.glossary = glossary
  }

  /// A newsletter digest of `documents`, in their order: a lead, then per
  /// document its summary and key terms, glossed in `gloss` when given, in
  /// the bundled template of `format`.
  ///
  /// - Parameters:
  ///   - generated: the date it shows (`YYYY-MM-DD`); today when nil.
  /// - Throws: `BeleidError` for no documents or a `sentences` below 1.
  public func newsletter(
    _ documents: [Document], title: String = "Digest", query: String? = nil, sentences: Int = 3,
    gloss: Language? = nil, format: NewsletterFormat = .html, generated: String? = nil
  ) throws(BeleidError) -> String {
    guard !documents.isEmpty else { throw BeleidError(.other, "a newsletter needs at least one document") }
    guard sentences >= 1 else { throw BeleidError(.other, "sentences must be 1 or more, not \(sentences)") }
    return try BeleidError.catching {
      let today = Date().formatted(.iso8601.year().month().day())
      let options = DigestBuilder.Options(
        title: title, query: query, sentencesPerItem: sentences, gloss: gloss?.analysis,
        generated: generated ?? today)
      let digest = try DigestBuilder(matcher: glossary?.makeMatcher()).build(
        documents.map(\.stored), options: options)
      return try DigestRenderer.render(digest, format: DigestRenderer.Format(rawValue: format.rawValue) ?? .html)
    }
  }

  /// The `sentences` most central sentences of `document` (headings,
  /// all-caps titles and bare identifiers are never chosen); with `query`,
  /// sentences about it are preferred.
  ///
  /// - Throws: `BeleidError` for a document without sentences or a
  ///   `sentences` below 1.
  public func summarize(_ document: Document, sentences: Int = 3, query: String? = nil) throws(BeleidError)
    -> Summary
  {
    guard sentences >= 1 else { throw BeleidError(.other, "sentences must be 1 or more, not \(sentences)") }
    return try BeleidError.catching {
      let summary = try engines.withLock {
        try $0.summarizer.summarize(
          document.stored, options: SummaryOptions(length: .sentences(sentences), query: query))
      }
      return Summary(language: Language(summary.language), sentences: summary.sentences.map(\.text))
    }
  }

  /// The `limit` most characteristic terms of `document`, best first.
  ///
  /// - Throws: `BeleidError` for a `limit` below 1.
  public func keyTerms(of document: Document, limit: Int = 15) throws(BeleidError) -> [KeyTerm] {
    guard limit >= 1 else { throw BeleidError(.other, "limit must be 1 or more, not \(limit)") }
    return try BeleidError.catching {
      try engines.withLock { try $0.keywords.keywords(of: document.stored, limit: limit) }.map {
        KeyTerm(text: $0.text, count: $0.count, score: $0.score, equivalent: $0.equivalent)
      }
    }
  }
}
