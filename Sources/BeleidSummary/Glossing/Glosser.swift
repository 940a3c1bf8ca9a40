import BeleidAnalysis
import BeleidGlossary

/// A text with glossary equivalents written in after their terms.
package struct GlossedText: Sendable, Codable, Equatable {
  /// Plain text: "… ketenveiligheid (supply chain security) …".
  package var text: String
  /// The same as HTML, escaped, each gloss in a grey span with inline style.
  package var html: String
  /// The terms glossed, with byte ranges in the original text.
  package var glosses: [Gloss]
}

/// Adds "(equivalent)" after the first occurrence of each glossary term in
/// a run of texts, for readers of the other language.
///
/// Not `Sendable`: it uses a `TermMatcher`.
package final class Glosser {
  /// Domains whose terms are not glossed by default: names of countries and
  /// bodies, and the vocabulary of legal drafting, which readers either know
  /// or do not need explained ("Nederland (the Netherlands)").
  package static let quietDomains: Set<String> = ["international", "legal drafting"]

  let matcher: TermMatcher
  let skipped: Set<String>
  let wordClass = DutchWordClass()

  /// A glosser over a glossary's matcher; concepts in `skipping` domains are
  /// left alone.
  package init(matcher: TermMatcher, skipping domains: Set<String> = Glosser.quietDomains) {
    self.matcher = matcher
    self.skipped = domains
  }

  /// Glosses `texts` in order.
  ///
  /// A concept is explained at its first occurrence in any of them, not
  /// again, unless a `Restraint` keeps it out there: general concepts and
  /// quiet domains, quotations, words inside longer names, and verb forms
  /// matched by a noun's stem. A term found inside a compound names the
  /// term: "ketenveiligheidseisen (ketenveiligheid: supply chain
  /// security)".
  ///
  /// - Complexity: O(*n*) in the total length, as `TermMatcher.occurrences`.
  package func gloss(_ texts: [String], language: Language, target: Language) throws -> [GlossedText] {
    var seen: Set<String> = []
    return try texts.map { text in
      guard language != target else { return GlossedText(text: text, html: Self.escape(text), glosses: []) }
      let all = try matcher.glosses(in: text, language: language, target: target, firstOnly: false)
      let utf8 = Array(text.utf8)
      let quotations = Self.quotations(in: utf8)
      let glosses = all.filter { gloss in
        restraint(for: gloss, in: utf8, quotations: quotations, language: language) == nil
          && seen.insert(gloss.conceptID).inserted
      }
      var plain = ""
      var html = ""
      var position = 0
      for gloss in glosses {
        let before = String(decoding: utf8[position..<gloss.end], as: UTF8.self)
        var note = gloss.gloss
        if gloss.kind == .compound, let concept = matcher.glossary.concept(id: gloss.conceptID),
          let term = concept.terms(in: language).first(where: {
            GlossaryKey.surface(gloss.text).contains(GlossaryKey.surface($0.text))
          })
        {
          note = "\(term.text): \(gloss.gloss)"
        }
        plain += before + " (\(note))"
        html += Self.escape(before) + " <span style=\"color:#555555;\">(\(Self.escape(note)))</span>"
        position = gloss.end
      }
      let rest = String(decoding: utf8[position...], as: UTF8.self)
      return GlossedText(text: plain + rest, html: html + Self.escape(rest), glosses: glosses)
    }
  }

  /// Text escaped for HTML.
  package static func escape(_ text: String) -> String { text.xmlEscaped }
}
