import Foundation

/// A term base: concepts with their Dutch and English terms.
///
/// Read one from a folder of YAML files (the curated `Glossary/`), or from
/// any single file in a format `GlossaryFormat` knows; write it back in any
/// of them.
package struct Glossary: Sendable, Equatable {
  /// A title for exports: TBX `sourceDesc`, comments in CSV and synonyms.
  package var title: String?
  /// The concepts, in file order.
  package var concepts: [Concept]

  /// Creates a glossary.
  package init(title: String? = nil, concepts: [Concept] = []) {
    self.title = title
    self.concepts = concepts
  }

  /// The concept with an id.
  package func concept(id: String) -> Concept? { concepts.first { $0.id == id } }

  /// The domains, sorted, each once.
  package var domains: [String] { Array(Set(concepts.compactMap(\.domain))).sorted() }

  /// How many terms all concepts hold together.
  package var termCount: Int { concepts.reduce(0) { $0 + $1.terms.count } }
}

/// A problem found while reading or validating a glossary.
package struct GlossaryIssue: Sendable, Codable, Equatable, CustomStringConvertible {
  /// Errors make a glossary unfit to import; warnings deserve a look.
  package enum Severity: String, Sendable, Codable { case error, warning }

  /// What kind of problem.
  package enum Kind: String, Sendable, Codable {
    /// A row, entry or field that cannot be read.
    case malformed
    /// A concept or term given twice.
    case duplicate
    /// One term with different equivalents in different concepts.
    case conflict
    /// A concept without a Dutch or without an English term.
    case missingLanguage = "missing-language"
    /// Something read but left out on purpose (another language, a BOM).
    case skipped
    /// A synonym that names a wider class than its concept (keten).
    case genericHead = "generic-head"
    /// A synonym that is a general word of Dutch law (Commissie).
    case generalWord = "general-word"
    /// A synonym that is the preferred term with a modifier before it, a
    /// narrower concept (incident reporting obligation).
    case narrowerTerm = "narrower-term"
  }

  package var severity: Severity
  package var kind: Kind
  package var message: String
  package var file: String?
  package var line: Int?

  /// Creates an issue.
  package init(_ severity: Severity, _ kind: Kind, _ message: String, file: String? = nil, line: Int? = nil) {
    self.severity = severity
    self.kind = kind
    self.message = message
    self.file = file
    self.line = line
  }

  package var description: String {
    let place = [file, line.map(String.init)].compactMap { $0 }.joined(separator: ":")
    return (place.isEmpty ? "" : place + ": ") + "\(severity): \(message)"
  }
}

extension Concept {
  /// The concept with its terms grouped by language (in first-seen order)
  /// and, within a language, deprecated terms last; the order every reader
  /// produces, so that round trips compare equal.
  func normalized() -> Concept {
    // Most concepts are in order already: one pass to check.
    var seen: [String] = []
    var ordered = true
    var lastDeprecated = false
    for term in terms {
      let language = term.languageCode
      if seen.last != language {
        if seen.contains(language) {
          ordered = false
          break
        }
        seen.append(language)
        lastDeprecated = false
      }
      if lastDeprecated && term.status != .deprecated {
        ordered = false
        break
      }
      lastDeprecated = term.status == .deprecated
    }
    if ordered { return self }
    var concept = self
    let languages = concept.languages
    concept.terms = languages.flatMap { language in
      let terms = self.terms.filter { $0.languageCode == language }
      return terms.filter { $0.status != .deprecated } + terms.filter { $0.status == .deprecated }
    }
    return concept
  }
}
