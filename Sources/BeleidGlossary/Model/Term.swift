import BeleidAnalysis
import Foundation

/// One term of a concept in one language.
package struct Term: Sendable, Hashable, Codable {
  /// How a term may be used (TBX `administrativeStatus`).
  package enum Status: String, Sendable, Codable, CaseIterable, Comparable {
    /// The term to use.
    case preferred
    /// An accepted synonym or variant.
    case admitted
    /// A term to avoid, still recognised in text and queries.
    case deprecated

    /// The TBX-Basic value.
    package var tbxValue: String { "\(rawValue)Term-admn-sts" }

    /// Reads a TBX value or a plain word ("preferredTerm-admn-sts",
    /// "preferred", "superseded", "forbidden"…).
    package init?(tbx value: String) {
      let word = value.lowercased().replacingOccurrences(of: "term-admn-sts", with: "")
      switch word {
      case "preferred": self = .preferred
      case "admitted", "": self = .admitted
      case "deprecated", "superseded", "forbidden", "obsolete": self = .deprecated
      default: return nil
      }
    }

    package static func < (a: Status, b: Status) -> Bool {
      allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
  }

  /// The term as written: "NIS 2-richtlijn", "supply chain security".
  package var text: String
  /// Its language tag as written in the source: "nl", "en", "en-GB".
  package var language: String
  /// How it may be used.
  package var status: Status
  /// TBX `termType`: fullForm, acronym, abbreviation, shortForm, variant…
  /// Nil means a full form, or not stated.
  package var type: String?
  /// TBX `partOfSpeech`: noun, verb, adjective, adverb, other.
  package var partOfSpeech: String?
  /// A sentence that shows the term in use.
  package var context: String?
  /// A note on this term alone.
  package var note: String?
  /// Where this term comes from, if not the concept's source.
  package var source: String?
  /// Data categories beleid does not interpret, kept for round trips.
  package var properties: [Property]
  /// The line it was read from.
  package var line: Int?

  /// Creates a term.
  package init(
    _ text: String, language: String, status: Status = .admitted, type: String? = nil, partOfSpeech: String? = nil,
    context: String? = nil, note: String? = nil, source: String? = nil, properties: [Property] = [], line: Int? = nil
  ) {
    self.text = text
    self.language = language
    self.status = status
    self.type = type
    self.partOfSpeech = partOfSpeech
    self.context = context
    self.note = note
    self.source = source
    self.properties = properties
    self.line = line
  }

  /// The primary language subtag, lowercased: "en" for "en-GB".
  package var languageCode: String {
    String(language.lowercased().prefix { $0 != "-" && $0 != "_" })
  }

  /// beleid's language for the term, if it is Dutch or English.
  package var analysisLanguage: Language? { Language(code: languageCode) }

  /// Whether the term looks like an abbreviation: letters all capitals
  /// (digits allowed), as in NCTV, NIS2, CSIRT.
  package var looksLikeAcronym: Bool {
    // The cheap tests first: this runs for every term at every start.
    guard text.utf8.count <= 48, text.count <= 12, !text.contains(" ") else { return false }
    let letters = text.unicodeScalars.filter { $0.properties.isAlphabetic }
    return letters.count >= 2 && letters.allSatisfy { $0.properties.isUppercase }
  }

  /// Equality ignores the line it was read from.
  package static func == (a: Term, b: Term) -> Bool {
    a.text == b.text && a.language == b.language && a.status == b.status && a.type == b.type
      && a.partOfSpeech == b.partOfSpeech && a.context == b.context && a.note == b.note && a.source == b.source
      && a.properties == b.properties
  }

  package func hash(into hasher: inout Hasher) {
    hasher.combine(text)
    hasher.combine(language)
  }
}
