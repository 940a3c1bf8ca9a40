/// One sentence: its byte range in the text and the text itself.
package struct Sentence: Sendable, Hashable, Codable {
  /// Where the sentence starts, in UTF-8 bytes.
  package var start: Int
  /// Where the sentence ends, in UTF-8 bytes.
  package var end: Int
  /// The sentence's text, trimmed of surrounding white space.
  package var text: String

  /// The byte range in the text.
  package var range: Range<Int> { start..<end }

  /// Creates a sentence.
  package init(start: Int, end: Int, text: String) {
    self.start = start
    self.end = end
    self.text = text
  }
}
