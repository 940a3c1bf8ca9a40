internal import BeleidAnalysis
internal import BeleidGlossary

/// A bilingual term base: concepts with their Dutch and English terms,
/// read from the formats terminologists use (a folder of YAML files, or
/// one `.yaml`, `.tbx`, `.csv` or `.tsv` file).
public struct Glossary: Sendable {
  /// One concept: its terms in both languages and what defines it.
  public struct Concept: Sendable, Equatable, Encodable {
    /// Its id, unique in the glossary.
    public var id: String
    /// Its subject field, such as "cybersecurity", when given.
    public var domain: String?
    /// Its Dutch terms, the preferred one first.
    public var dutch: [String]
    /// Its English terms, the preferred one first.
    public var english: [String]
    /// Its definitions by language code.
    public var definitions: [String: String]
    /// Where the terms come from, when given.
    public var source: String?

    init(_ concept: BeleidGlossary.Concept) {
      id = concept.id
      domain = concept.domain
      dutch = concept.terms(in: .dutch).map(\.text)
      english = concept.terms(in: .english).map(\.text)
      definitions = concept.definitions
      source = concept.source
    }
  }

  /// How a lookup matched a term.
  public enum MatchKind: String, Sendable, Encodable {
    /// The same, case, diacritics, hyphens and spaces aside.
    case exact
    /// An inflected form (the same stems).
    case inflected
    /// The term inside a longer compound word.
    case compound
    /// The term inside a longer text.
    case contained
  }

  /// One concept a lookup found.
  public struct Match: Sendable, Equatable, Encodable {
    /// The concept.
    public var concept: Concept
    /// The term of it that matched, as the glossary writes it.
    public var term: String
    /// How it matched.
    public var kind: MatchKind
  }

  /// What a lookup found.
  public struct Lookup: Sendable, Equatable, Encodable {
    /// Matching concepts, the best match first.
    public var matches: [Match]
    /// The nearest terms, when nothing matched ("did you mean").
    public var suggestions: [String]
  }

  let glossary: BeleidGlossary.Glossary
  /// The term matcher, made on the first lookup; lookups take turns.
  private let matcher = Locked<TermMatcher?>(nil)

  /// Entries left out because they are malformed, each with its file and
  /// line (`beleid glossary validate` lists them too).
  public let problems: [String]

  /// Reads the glossary at `path`.
  ///
  /// `path` is a folder of YAML files, or one `.yaml`, `.tbx`, `.csv` or
  /// `.tsv` file. Malformed entries are left out and listed in `problems`.
  ///
  /// - Throws: `BeleidError` of kind `.glossary`, with the file and line,
  ///   when the file cannot be read at all.
  public init(contentsOf path: String) throws(BeleidError) {
    let (glossary, issues) = try BeleidError.catching { try BeleidGlossary.Glossary.compiled(path) }
    self.glossary = glossary
    problems = issues.filter { $0.severity == .error }.map(\.description)
  }

  /// How many concepts it holds.
  public var conceptCount: Int { glossary.concepts.count }

  /// Its subject fields, sorted.
  public var domains: [String] { glossary.domains }

  /// Its concepts, in the glossary's order; with `domain`, only that
  /// field's.
  public func concepts(domain: String? = nil) -> [Concept] {
    glossary.concepts.filter { domain == nil || $0.domain == domain }.map(Concept.init)
  }

  /// Looks up a term in either language: exactly, inflected
  /// (*ketenveiligheden*), inside a compound or a longer text, and else
  /// offers the nearest terms.
  ///
  /// - Throws: `BeleidError` of kind `.glossary` for an empty lookup or
  ///   one longer than a glossary term can be.
  /// - Complexity: O(1) hash probes for exact and inflected matches;
  ///   suggestions compare the term with every distinct key.
  public func lookup(_ term: String) throws(BeleidError) -> Lookup {
    try BeleidError.catching {
      let found = try matcher.withLock { matcher in
        if matcher == nil { matcher = TermMatcher(glossary: glossary) }
        return try matcher!.lookup(term)
      }
      return Lookup(
        matches: found.matches.map { match in
          Match(
            concept: Concept(glossary.concepts[match.concept]), term: match.term.text,
            kind: MatchKind(rawValue: match.kind.rawValue) ?? .contained)
        },
        suggestions: found.suggestions.map(\.text))
    }
  }

  /// A new term matcher over it, for the summary module.
  func makeMatcher() -> TermMatcher { TermMatcher(glossary: glossary) }
}
