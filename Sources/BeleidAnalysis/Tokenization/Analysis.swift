/// The readable result of analysing a text: every token with its strings.
///
/// This is what `beleid analyze --json` prints, modelled on Elasticsearch's
/// `_analyze`. Code on a hot path uses `Analyzer.analyze(_:into:)` and ids.
package struct Analysis: Sendable, Codable, Equatable {
  /// One token with its strings resolved.
  package struct Entry: Sendable, Codable, Equatable {
    /// The word position; compound parts share their word's.
    package var position: Int
    /// How many positions the token spans.
    package var positionLength: Int
    /// Start of the token in the text, in UTF-8 bytes.
    package var start: Int
    /// End of the token in the text, in UTF-8 bytes.
    package var end: Int
    /// The text's own bytes for the token.
    package var text: String
    /// The normalised form.
    package var form: String
    /// The stem: what an index stores.
    package var stem: String
    /// word, number, joined, hyphen-part or compound-part.
    package var kind: String
    /// Whether the form is a stop word.
    package var stopWord: Bool
    /// For a word with compound parts, the parts' forms.
    package var parts: [String]?
  }

  /// The language the text was analysed as.
  package var language: Language
  /// Whether the language was detected rather than given.
  package var detected: Bool
  /// The tokens in order.
  package var tokens: [Entry]
  /// How many invalid UTF-8 sequences were replaced with U+FFFD.
  package var replacedInvalidSequences: Int
  /// How many over-long words were skipped.
  package var skippedLongTokens: Int
  /// The sentences, when asked for.
  package var sentences: [Sentence]?
}

extension Analyzer {
  /// Analyses raw bytes of unknown quality into readable tokens.
  ///
  /// Invalid UTF-8 is replaced first; token offsets refer to the repaired text.
  package func analysis(of bytes: [UInt8], detected: Bool = false) throws -> Analysis {
    let repaired = UTF8Repair.repair(bytes)
    var tokens: [Token] = []
    let stats = try repaired.bytes.withUnsafeBytes { raw throws in
      try analyze(raw, into: &tokens)
    }
    var entries: [Analysis.Entry] = []
    entries.reserveCapacity(tokens.count)
    for (index, token) in tokens.enumerated() {
      var parts: [String]? = nil
      if token.kind == .word || token.kind == .hyphenPart {
        var following = index + 1
        var found: [String] = []
        while following < tokens.count && tokens[following].kind == .compoundPart {
          found.append(form(tokens[following].form))
          following += 1
        }
        if !found.isEmpty { parts = found }
      }
      entries.append(
        Analysis.Entry(
          position: Int(token.position), positionLength: Int(token.positionLength),
          start: Int(token.start), end: Int(token.end),
          text: String(decoding: repaired.bytes[token.range], as: UTF8.self),
          form: form(token.form), stem: stem(token.stem), kind: token.kind.description,
          stopWord: token.isStopWord, parts: parts))
    }
    return Analysis(
      language: language, detected: detected, tokens: entries,
      replacedInvalidSequences: repaired.replacements, skippedLongTokens: stats.skippedLongTokens,
      sentences: nil)
  }

  /// Analyses a string into readable tokens.
  package func analysis(of text: String) throws -> Analysis {
    try analysis(of: Array(text.utf8))
  }
}
