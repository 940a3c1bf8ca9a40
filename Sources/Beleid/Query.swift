internal import BeleidSearch

/// A parsed query in beleid's query language (see `beleid search --help`):
/// words, `AND`/`OR`/`NOT`, `+`/`-`, phrases, `word*`, `word~1`, `title:`,
/// and the filters `lang:`, `source:`, `path:` and `date:`.
public struct Query: Sendable, Equatable, CustomStringConvertible {
  /// The text as given.
  public let text: String
  /// The parsed tree.
  let node: QueryNode

  /// Parses `text`; with `literal`, reads it as plain words (no operators,
  /// phrases or fields), for pasted sentences.
  ///
  /// - Throws: `BeleidError` of kind `.query`, with the column of the
  ///   problem, for a malformed query (`"digitale autonomie` without its
  ///   closing quote, `date:2026-13`).
  /// - Complexity: O(*n*) in the length of `text`.
  public init(_ text: String, literal: Bool = false) throws(BeleidError) {
    self.text = text
    node = try BeleidError.catching {
      literal ? try QueryParser().parseLiteral(text) : try QueryParser().parse(text)
    }
  }

  public var description: String { text }
}
