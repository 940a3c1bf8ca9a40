/// One term the analyzer emits, with where it came from.
///
/// Offsets are UTF-8 byte offsets into the analysed text and no filter
/// changes them, so a highlighter can mark the original bytes. `form` and
/// `stem` are ids in the emitting analyzer's `forms` and `stems` tables.
package struct Token: Sendable, Hashable {
  /// How the token arose.
  package enum Kind: UInt8, Sendable, Codable, CustomStringConvertible {
    /// A word from the word breaker.
    case word
    /// A number: 2026, 1.234,56.
    case number
    /// The joined form of a hyphenated word: nis2richtlijn from NIS2-richtlijn.
    case joined
    /// One part of a hyphenated or dotted word (README.md), at its own position.
    case hyphenPart
    /// One part of a Dutch compound, at the position of the whole word.
    case compoundPart

    package var description: String {
      switch self {
      case .word: "word"
      case .number: "number"
      case .joined: "joined"
      case .hyphenPart: "hyphen-part"
      case .compoundPart: "compound-part"
      }
    }
  }

  /// The position of the word; compound parts share their word's position.
  package var position: Int32
  /// How many positions the token spans: a joined form spans its parts.
  package var positionLength: Int32
  /// Where the token starts in the text, in bytes.
  package var start: Int32
  /// Where the token ends in the text, in bytes.
  package var end: Int32
  /// How the token arose.
  package var kind: Kind
  /// Whether the form is a stop word of the analyzer's language.
  package var isStopWord: Bool
  /// The id of the normalised form (case and diacritics folded).
  package var form: Int32
  /// The id of the stem: the term an index stores.
  package var stem: Int32

  /// The byte range in the text.
  package var range: Range<Int> { Int(start)..<Int(end) }
}
