/// One leaf's share of a document's score, for `--explain`.
public struct Contribution: Sendable, Codable {
  /// The leaf's label: what the user wrote.
  public var label: String
  /// The options that matched, with their origins.
  public var matched: [String]
  /// Title and body frequencies, summed over the matching options (weighted).
  public var titleFrequency: Double
  public var bodyFrequency: Double
  /// The leaf's inverse document frequency.
  public var idf: Double
  /// The document frequency it came from (the union's, for a group).
  public var documentFrequency: Int
  /// The leaf's score.
  public var score: Double
  /// A coordination bonus added for matching.
  public var bonus: Double
}
