import BeleidAnalysis

/// Why an option of a query leaf is there: the user's word, a part of it,
/// a glossary concept, a dictionary translation.
///
/// Control flow asks the case; `description` is what `--explain` shows.
package enum Provenance: Sendable, Hashable, CustomStringConvertible {
  /// The user's own word or phrase.
  case query
  /// The parts of a compound the user wrote, searched together.
  case compoundParts
  /// The user's word as the other language's analyzer stems it (a loanword).
  case queryWord(analysedAs: Language)
  /// A term of a glossary concept; `deprecated` for a deprecated term.
  case glossary(concept: String, deprecated: Bool)
  /// A dictionary translation of `word`; `form` for an inflected form of
  /// the translation that the collection uses; `source` names the
  /// dictionaries and the translation's probability.
  case dictionary(word: String, translation: String, form: String?, source: String)
  /// A form found by expanding a prefix or fuzzy match of another option.
  indirect case expansion(of: QueryPlan.Match, from: Provenance)

  /// Whether the option is the user's own wording: the word itself, its
  /// compound parts, or what a prefix or fuzzy word of it expanded to.
  package var isQuery: Bool {
    switch self {
    case .query, .compoundParts: true
    case .expansion(_, let base): base.isQuery
    case .queryWord, .glossary, .dictionary: false
    }
  }

  /// Whether the option is the query's own word or its compound parts,
  /// which explanations name by their match alone.
  package var isPlainQuery: Bool { self == .query || self == .compoundParts }

  /// Whether the option comes from a translation or the glossary, not
  /// from the query as written (a loanword reading counts as the query).
  package var isTranslation: Bool {
    switch self {
    case .glossary, .dictionary: true
    case .expansion(_, let base): base.isTranslation
    case .query, .compoundParts, .queryWord: false
    }
  }

  /// Whether the option is a dictionary translation (or expands one).
  package var isDictionary: Bool {
    switch self {
    case .dictionary: true
    case .expansion(_, let base): base.isDictionary
    default: false
    }
  }

  package var description: String {
    switch self {
    case .query, .compoundParts: "query"
    case .queryWord(let language): "query word, \(language.code) analysis"
    case .glossary(let concept, let deprecated): "glossary \(concept)" + (deprecated ? " (deprecated)" : "")
    case .dictionary(let word, let translation, let form, let source):
      "dictionary \(word) → \(translation)" + (form.map { " (\($0))" } ?? "") + " [\(source)]"
    case .expansion(let match, let base): base == .query ? "\(match)" : "\(base): \(match)"
    }
  }
}
