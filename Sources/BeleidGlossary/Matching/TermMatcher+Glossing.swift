import BeleidAnalysis

/// A glossary term found in a text, with its equivalent in the reader's
/// language: "ketenveiligheid (supply chain security)".
package struct Gloss: Sendable, Codable, Equatable {
  /// Where the term is, in UTF-8 bytes of the text.
  package var start: Int
  package var end: Int
  /// The term as the text writes it.
  package var text: String
  /// The concept's id.
  package var conceptID: String
  /// The concept's term in the target language that renders the matched
  /// term (`Concept.equivalent(of:in:)`).
  package var gloss: String
  /// How the term matched: exact, inflected, compound.
  package var kind: TermMatcher.MatchKind

  /// The byte range in the text.
  package var range: Range<Int> { start..<end }
}

extension TermMatcher {
  /// The glossary terms in `text` that a reader of `target` may need
  /// explained, with their equivalents.
  ///
  /// The equivalent is the concept's term that renders the matched one
  /// (*bevoegde autoriteit* → *competent authority*).
  /// A term is glossed only if it is not already in the target language and
  /// no equivalent is spelled the same (no "zero trust (zero trust)", no
  /// "AI (artificial intelligence)" when AI is English too).
  /// With `firstOnly`, each concept is glossed at its first occurrence, as
  /// newsletters do.
  ///
  /// - Complexity: as `occurrences(in:language:)`.
  package func glosses(in text: String, language: Language, target: Language, firstOnly: Bool = true) throws -> [Gloss]
  {
    var glossed: Set<Int> = []
    var result: [Gloss] = []
    let utf8 = Array(text.utf8)
    for occurrence in try occurrences(in: text, language: language) {
      let written = String(decoding: utf8[occurrence.range], as: UTF8.self)
      // Prefer a concept whose matching term is in the source language.
      let refs = occurrence.refs.sorted {
        (term($0).languageCode == target.code ? 1 : 0) < (term($1).languageCode == target.code ? 1 : 0)
      }
      guard let ref = refs.first, term(ref).languageCode != target.code else { continue }
      let concept = glossary.concepts[ref.concept]
      let surface = GlossaryKey.surface(written)
      guard let equivalent = concept.equivalent(of: term(ref), in: target),
        !concept.terms(in: target).contains(where: { GlossaryKey.surface($0.text) == surface })
      else { continue }
      if firstOnly && !glossed.insert(ref.concept).inserted { continue }
      result.append(
        Gloss(
          start: occurrence.range.lowerBound, end: occurrence.range.upperBound, text: written, conceptID: concept.id,
          gloss: equivalent.text, kind: occurrence.kind))
    }
    return result
  }
}
