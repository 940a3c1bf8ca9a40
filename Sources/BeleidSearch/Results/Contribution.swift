/// One leaf's share of a document's score, for `--explain`.
package struct Contribution: Sendable, Codable {
  /// The leaf's label: what the user wrote.
  package var label: String
  /// The options that matched, with their origins.
  package var matched: [String]
  /// Title and body frequencies, summed over the matching options (weighted).
  package var titleFrequency: Double
  package var bodyFrequency: Double
  /// The leaf's inverse document frequency.
  package var idf: Double
  /// The document frequency it came from (the union's, for a group).
  package var documentFrequency: Int
  /// The leaf's score.
  package var score: Double
  /// A coordination bonus added for matching.
  package var bonus: Double
  /// Whether only weak options matched: the word's compound parts, or
  /// dictionary translations below the leaf's best. Such a document holds
  /// something near the word, not the word (#17: a digest leaves it out).
  /// Not in the JSON.
  package var weakOnly: Bool = false

  private enum CodingKeys: String, CodingKey {
    case label, matched, titleFrequency, bodyFrequency, idf, documentFrequency, score, bonus
  }
}
