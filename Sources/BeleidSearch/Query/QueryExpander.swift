import BeleidAnalysis

/// Adds synonyms and translations to a query's words: the hook for
/// cross-language search.
///
/// The planner hands an expander each run of adjacent plain words; the
/// expander says which spans it knows and what else they may be written
/// as. Each span becomes one leaf whose options are scored as a single
/// pseudo-term (Pirkola's structured query). The glossary module
/// implements it; the search module only knows this protocol.
package protocol QueryExpander: AnyObject {
  /// Expansions for `words`, a run of adjacent words of a query in
  /// `language`. Spans must not overlap.
  func expand(_ words: [String], language: Language) throws -> [QueryExpansion]

  /// Things the user should know, such as a dictionary that is missing.
  var notes: [String] { get }

  /// The language of each of `words` (a query's words, in order) that a
  /// term of only one language covers, nil for the others: evidence for
  /// the query's language ("supply chain security" is English).
  func termLanguages(_ words: [String]) throws -> [Language?]
}

extension QueryExpander {
  /// No evidence: every word nil.
  package func termLanguages(_ words: [String]) throws -> [Language?] {
    Array(repeating: nil, count: words.count)
  }
}

/// Alternatives for a span of a query's words.
package struct QueryExpansion: Sendable, Equatable {
  /// Another way to write the span.
  package struct Alternative: Sendable, Equatable {
    /// The text, analysed in `language`: one word becomes a term, several a phrase.
    package var text: String
    package var language: Language
    /// Multiplies the alternative's term frequency: 1 for a glossary
    /// equivalent, less for deprecated terms and dictionary translations.
    package var weight: Double
    /// Where it came from; --explain shows it ("glossary ketenveiligheid").
    package var provenance: Provenance

    /// Creates an alternative.
    package init(text: String, language: Language, weight: Double, provenance: Provenance) {
      self.text = text
      self.language = language
      self.weight = weight
      self.provenance = provenance
    }
  }

  /// Which words (indices into the run) it covers.
  package var words: Range<Int>
  /// The alternatives.
  package var alternatives: [Alternative]
  /// Whether the span must match as a whole (a glossary term); otherwise
  /// only the alternatives are added to a single word.
  package var isTerm: Bool

  /// Creates an expansion.
  package init(words: Range<Int>, alternatives: [Alternative], isTerm: Bool) {
    self.words = words
    self.alternatives = alternatives
    self.isTerm = isTerm
  }
}
