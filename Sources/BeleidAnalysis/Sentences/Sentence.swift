/// One sentence: its byte range in the text and the text itself.
public struct Sentence: Sendable, Hashable, Codable {
  /// Where the sentence starts, in UTF-8 bytes.
  public var start: Int
  /// Where the sentence ends, in UTF-8 bytes.
  public var end: Int
  /// The sentence's text, trimmed of surrounding white space.
  public var text: String

  /// The byte range in the text.
  public var range: Range<Int> { start..<end }

  /// Creates a sentence.
  public init(start: Int, end: Int, text: String) {
    self.start = start
    self.end = end
    self.text = text
  }
}
