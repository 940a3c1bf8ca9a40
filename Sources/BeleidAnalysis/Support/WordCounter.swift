/// Counts how often each folded word occurs: the input to `FrequencyTable`.
///
/// Words are the analyzer's forms of words and hyphen parts that consist of
/// letters only, so the counts match what the decompounder looks up.
package final class WordCounter {
  private let analyzer: Analyzer
  private var counts: [UInt32] = []
  private var tokens: [Token] = []

  /// Creates a counter that analyses text as `language`.
  package init(language: Language = .dutch) throws {
    analyzer = try Analyzer(language: language)
  }

  /// Counts the words of valid UTF-8 `text`.
  package func add(_ text: UnsafeRawBufferPointer) throws {
    tokens.removeAll(keepingCapacity: true)
    try analyzer.analyze(text, into: &tokens)
    for token in tokens where token.kind == .word || token.kind == .hyphenPart {
      let form = Int(token.form)
      if form >= counts.count { counts.append(contentsOf: repeatElement(0, count: form - counts.count + 1)) }
      counts[form] &+= 1
    }
  }

  /// The words seen at least `minimum` times, letters only, most frequent first.
  package func table(minimum: UInt32) -> FrequencyTable {
    var table = FrequencyTable()
    for form in 0..<counts.count where counts[form] >= minimum {
      let word = analyzer.form(Int32(form))
      let lettersOnly = word.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || $0 >= 0x80 }
      guard lettersOnly else { continue }
      var bytes = word
      bytes.withUTF8 { table.add(UnsafeRawBufferPointer($0), count: counts[form]) }
    }
    return table
  }
}
