import BeleidAnalysis

/// One concept of the term base: its terms in both languages and what we
/// know about it.
///
/// A concept is language-independent (TBX's `conceptEntry`); its terms are
/// the words for it in each language, with a status each.
package struct Concept: Sendable, Hashable, Codable {
  /// A stable identifier, unique in a glossary: `ketenveiligheid`.
  package var id: String
  /// The subject field: "cybersecurity law", "procurement".
  package var domain: String?
  /// The terms, in file order: per language the preferred term first.
  package var terms: [Term]
  /// Definitions by language code ("en", "nl").
  package var definitions: [String: String]
  /// A usage note.
  package var note: String?
  /// Where the equivalence comes from: an EU act's NL and EN texts, a
  /// ministry's English pages.
  package var source: String?
  /// Data categories beleid does not interpret, kept for round trips.
  package var properties: [Property]
  /// Where the concept was read from, for messages.
  package var location: SourceLocation?

  /// Creates a concept.
  package init(
    id: String, domain: String? = nil, terms: [Term] = [], definitions: [String: String] = [:], note: String? = nil,
    source: String? = nil, properties: [Property] = [], location: SourceLocation? = nil
  ) {
    self.id = id
    self.domain = domain
    self.terms = terms
    self.definitions = definitions
    self.note = note
    self.source = source
    self.properties = properties
    self.location = location
  }

  /// The terms in one language (by primary subtag: "en" matches "en-GB").
  package func terms(in language: String) -> [Term] {
    terms.filter { $0.languageCode == language }
  }

  /// The terms in one of beleid's languages.
  package func terms(in language: Language) -> [Term] { terms(in: language.code) }

  /// The preferred term in a language: the first preferred one, else the
  /// first admitted one, else nil.
  package func preferred(in language: Language) -> Term? {
    let candidates = terms(in: language)
    return candidates.first { $0.status == .preferred } ?? candidates.first { $0.status == .admitted }
  }

  /// The property that marks a general concept in TBX: `<admin type="x-general">true</admin>`.
  package static let generalProperty = Property(element: "admin", type: "x-general", value: "true")

  /// Whether the term base marks the concept as general.
  ///
  /// Its words are everyday words that a reader of either language knows (*overheid*,
  /// *beleid*, *coalitie*), so they are not glossed and do not count as key
  /// terms. Written `general: true` in YAML; kept in TBX as the property
  /// `generalProperty`.
  package var isMarkedGeneral: Bool {
    get { properties.contains(Self.generalProperty) }
    set {
      properties.removeAll { $0 == Self.generalProperty }
      if newValue { properties.insert(Self.generalProperty, at: 0) }
    }
  }

  /// The term in `target` that renders `source`, one of this concept's terms.
  ///
  /// It is a cognate if there is one (*transparantie* → *transparency*, not
  /// the preferred *openness*), else the term in the same place of the
  /// target's list (*bevoegde autoriteit*, second → *competent authority*,
  /// second; inflected forms share their base's place, `places(_:)`), else
  /// the preferred term.
  /// Synonyms are listed in parallel in the term base, so their places
  /// line up when both lists have them.
  ///
  /// - Complexity: O(*t* · *n*) for *t* target terms of *n* letters.
  package func equivalent(of source: Term, in target: Language) -> Term? {
    let targets = terms(in: target).filter { $0.status != .deprecated }
    let sources = terms(in: source.languageCode).filter { $0.status != .deprecated }
    guard let preferred = preferred(in: target) else { return nil }
    guard let index = sources.firstIndex(of: source) else { return preferred }
    let place = Self.places(sources)[index]
    guard place > 0 else { return preferred }
    let grams = Self.trigrams(source.text)
    let scored = targets.map { ($0, Self.dice(grams, Self.trigrams($0.text))) }
    if let best = scored.max(by: { $0.1 < $1.1 }), best.1 >= Self.cognateSimilarity { return best.0 }
    let targetPlaces = Self.places(targets)
    return targetPlaces.firstIndex(of: place).map { targets[$0] } ?? preferred
  }

  /// Each term's place in its list, where an inflected form of an earlier
  /// term (*aanbieders* after *aanbieder*, *inkopen* after *inkoop*) shares
  /// that term's place: one list may spell out plurals where the other
  /// lists synonyms.
  static func places(_ terms: [Term]) -> [Int] {
    var places: [Int] = []
    var next = 0
    for (index, term) in terms.enumerated() {
      let a = Array(term.text.lowercased())
      if let base = terms[..<index].firstIndex(where: { isInflection(a, of: Array($0.text.lowercased())) }) {
        places.append(places[base])
      } else {
        places.append(next)
        next += 1
      }
    }
    return places
  }

  /// Whether `word` looks like an inflected form of `base`: at most three
  /// letters longer or shorter, and alike up to the last two letters of the
  /// shorter.
  private static func isInflection(_ word: [Character], of base: [Character]) -> Bool {
    let shorter = min(word.count, base.count)
    guard shorter >= 3, abs(word.count - base.count) <= 3 else { return false }
    let common = zip(word, base).prefix { $0 == $1 }.count
    return common >= shorter - 2
  }

  /// How alike two terms' letter trigrams must be to count as cognates
  /// (Dice coefficient): *transparantie* and *transparency* are 0.58,
  /// *openbaarheid* and *openness* 0.30.
  static let cognateSimilarity = 0.5

  /// The letter trigrams of a term, lower case, with a space at each end.
  static func trigrams(_ text: String) -> Set<String> {
    let letters = Array(" " + text.lowercased() + " ")
    guard letters.count >= 3 else { return [] }
    return Set((0...(letters.count - 3)).map { String(letters[$0..<$0 + 3]) })
  }

  /// The Dice coefficient of two sets: 2|A ∩ B| / (|A| + |B|).
  static func dice(_ a: Set<String>, _ b: Set<String>) -> Double {
    a.isEmpty && b.isEmpty ? 0 : 2 * Double(a.intersection(b).count) / Double(a.count + b.count)
  }

  /// The languages the concept has terms in, in first-seen order.
  package var languages: [String] {
    var seen: [String] = []
    for term in terms where !seen.contains(term.languageCode) { seen.append(term.languageCode) }
    return seen
  }

  /// Equality ignores where the concept was read from.
  package static func == (a: Concept, b: Concept) -> Bool {
    a.id == b.id && a.domain == b.domain && a.terms == b.terms && a.definitions == b.definitions
      && a.note == b.note && a.source == b.source && a.properties == b.properties
  }

  package func hash(into hasher: inout Hasher) {
    hasher.combine(id)
    hasher.combine(terms)
  }
}

/// A data category kept as found: `<descrip type="x">value</descrip>`.
///
/// An element inside a group is named by its path: `descripGrp/admin`.
package struct Property: Sendable, Hashable, Codable {
  /// The element: descrip, admin, note, ref, xref, termNote.
  package var element: String
  /// Its `type` attribute, if any.
  package var type: String?
  /// Its text.
  package var value: String
  /// For a concept's property: the language section it belongs to (nil:
  /// the concept itself).
  package var language: String?

  /// Creates a property.
  package init(element: String, type: String? = nil, value: String, language: String? = nil) {
    self.element = element
    self.type = type
    self.value = value
    self.language = language
  }
}

/// A file and line, for messages.
package struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The file's path.
  package var file: String
  /// The 1-based line.
  package var line: Int

  /// Creates a location.
  package init(file: String, line: Int) {
    self.file = file
    self.line = line
  }

  package var description: String { "\(file):\(line)" }
}
