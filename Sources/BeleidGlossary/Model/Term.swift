public import BeleidAnalysis
import Foundation

/// One term of a concept in one language.
public struct Term: Sendable, Hashable, Codable {
  /// How a term may be used (TBX `administrativeStatus`).
  public enum Status: String, Sendable, Codable, CaseIterable, Comparable {
    /// The term to use.
    case preferred
    /// An accepted synonym or variant.
    case admitted
    /// A term to avoid, still recognised in text and queries.
    case deprecated

    /// The TBX-Basic value.
    public var tbxValue: String { "\(rawValue)Term-admn-sts" }

    /// Reads a TBX value or a plain word ("preferredTerm-admn-sts",
    /// "preferred", "superseded", "forbidden"…).
    public init?(tbx value: String) {
      let word = value.lowercased().replacingOccurrences(of: "term-admn-sts", with: "")
      switch word {
      case "preferred": self = .preferred
      case "admitted", "": self = .admitted
      case "deprecated", "superseded", "forbidden", "obsolete": self = .deprecated
      default: return nil
      }
    }

    public static func < (a: Status, b: Status) -> Bool {
      allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
  }

  /// The term as written: "NIS 2-richtlijn", "supply chain security".
  public var text: String
  /// Its language tag as written in the source: "nl", "en", "en-GB".
  public var language: String
  /// How it may be used.
  public var status: Status
  /// TBX `termType`: fullForm, acronym, abbreviation, shortForm, variant…
  /// Nil means a full form, or not stated.
  public var type: String?
  /// TBX `partOfSpeech`: noun, verb, adjective, adverb, other.
  public var partOfSpeech: String?
  /// A sentence that shows the term in use.
  public var context: String?
  /// A note on this term alone.
  public var note: String?
  /// Where this term comes from, if not the concept's source.
  public var source: String?
  /// Data categories beleid does not interpret, kept for round trips.
  public var properties: [Property]
  /// The line it was read from.
  public var line: Int?

  /// Creates a term.
  public init(
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
  public var languageCode: String {
    String(language.lowercased().prefix { $0 != "-" && $0 != "_" })
  }

  /// beleid's language for the term, if it is Dutch or English.
  public var analysisLanguage: Language? { Language(code: languageCode) }

  /// Whether the term looks like an abbreviation: letters all capitals
  /// (digits allowed), as in NCTV, NIS2, CSIRT.
  public var looksLikeAcronym: Bool {
    // The cheap tests first: this runs for every term at every start.
    guard text.utf8.count <= 48, text.count <= 12, !text.contains(" ") else { return false }
    let letters = text.unicodeScalars.filter { $0.properties.isAlphabetic }
    return letters.count >= 2 && letters.allSatisfy { $0.properties.isUppercase }
  }

  /// Equality ignores the line it was read from.
  public static func == (a: Term, b: Term) -> Bool {
    a.text == b.text && a.language == b.language && a.status == b.status && a.type == b.type
      && a.partOfSpeech == b.partOfSpeech && a.context == b.context && a.note == b.note && a.source == b.source
      && a.properties == b.properties
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(text)
    hasher.combine(language)
  }
}
