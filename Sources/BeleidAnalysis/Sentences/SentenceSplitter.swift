/// Splits Dutch or English text into sentences.
///
/// ICU's sentence break iterator (UAX #29) does the first cut. It knows no
/// Dutch abbreviations and breaks after "Dhr.", "nr." and initials, so a
/// second pass merges those breaks back:
/// - titles before a name (Dhr. Jansen, Mr. De Vries) never end a sentence;
/// - initials before a capitalised word (J.P. Balkenende) never do;
/// - references before a number (art. 5 lid 2, nr. 3, Stb. 2026, 187) never do;
/// - mid-sentence abbreviations (o.a., bijv., m.b.t.) do not end one before a
///   number, a bracket, an acronym or a name (a capitalised word that is not
///   an ordinary word in the language's word list), and some (o.a., d.w.z.,
///   i.e., e.g.) never end one;
/// - abbreviations that can end a sentence (e.d., enz., etc.) do end one
///   before an ordinary capitalised word: "… e.d. Daarna …" is two sentences;
/// - an enumeration marker alone ("1.", "a)", "•") joins what follows.
///
/// Lines wrapped inside a paragraph are joined before ICU sees them (PDF
/// and plain-text exports wrap mid-sentence); a blank line, a heading
/// (`#`) and a list item still start a new sentence.
///
/// Not `Sendable`: it owns an ICU iterator. Use one per thread.
///
/// - Complexity: O(*n*) in the length of the text.
package final class SentenceSplitter {
  /// The language whose abbreviations and word list apply.
  package let language: Language
  private let breaker: BreakIterator
  private let resources: AnalysisResources

  /// Creates a splitter for `language`.
  package init(language: Language, resources: AnalysisResources = .shared) throws {
    self.language = language
    self.resources = resources
    breaker = try BreakIterator(kind: .sentence, locale: language.code)
  }

  /// The sentences of `text`.
  package func split(_ text: String) -> [Sentence] {
    let bytes = Array(text.utf8)
    return split(bytes)
  }

  /// The sentences of valid UTF-8 `bytes`.
  package func split(_ bytes: [UInt8]) -> [Sentence] {
    ranges(bytes).map {
      Sentence(start: $0.lowerBound, end: $0.upperBound, text: String(decoding: bytes[$0], as: UTF8.self))
    }
  }

  /// The byte ranges of the sentences of valid UTF-8 `bytes`.
  package func ranges(_ bytes: [UInt8]) -> [Range<Int>] {
    guard !bytes.isEmpty else { return [] }
    let joined = Self.joinWrappedLines(bytes)
    var cuts: [Range<Int>] = []
    do {
      try joined.withUnsafeBytes { raw throws in
        try breaker.setText(raw)
        while let segment = try breaker.nextSegment() {
          cuts.append(segment.start..<segment.end)
        }
      }
    } catch {
      cuts = [0..<bytes.count]
    }
    var sentences: [Range<Int>] = []
    for cut in cuts {
      let trimmed = trim(cut, in: bytes)
      guard !trimmed.isEmpty else { continue }
      if let last = sentences.last, shouldMerge(last, trimmed, in: bytes) {
        sentences[sentences.count - 1] = last.lowerBound..<trimmed.upperBound
      } else {
        sentences.append(trimmed)
      }
    }
    return sentences
  }

  // MARK: - Line joining

  /// A copy of `bytes` where line breaks inside a paragraph are spaces.
  static func joinWrappedLines(_ bytes: [UInt8]) -> [UInt8] {
    var output = bytes
    var lineStart = 0
    var previousLine: Range<Int>? = nil
    var i = 0
    while i <= bytes.count {
      if i == bytes.count || bytes[i] == 0x0A {
        let line = lineStart..<i
        if let previous = previousLine, !isBlank(previous, bytes), !isBlank(line, bytes),
          !startsBlock(line, bytes), !isHeading(previous, bytes), !endsBlock(previous, before: line, bytes)
        {
          // The break before this line becomes a space (and a CR before it).
          let newline = line.lowerBound - 1
          output[newline] = 0x20
          if newline > 0 && output[newline - 1] == 0x0D { output[newline - 1] = 0x20 }
        }
        previousLine = line
        lineStart = i + 1
      }
      i += 1
    }
    return output
  }

  /// Whether `previous` stands alone although no blank line follows: a list
  /// item or a short line without final punctuation (a heading, a table
  /// row) before a line that starts with a capital or a digit.
  private static func endsBlock(_ previous: Range<Int>, before line: Range<Int>, _ bytes: [UInt8]) -> Bool {
    guard let first = firstNonSpace(line, bytes) else { return false }
    let c = bytes[first]
    let capital =
      (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z")) || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
      || c == 0xC3  // À–Þ and à–þ share this lead byte; Dutch capitals with accents are rare enough
    guard capital else { return false }
    if startsBlock(previous, bytes) { return true }
    var end = previous.upperBound
    while end > previous.lowerBound && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x0D || bytes[end - 1] == 0x09) {
      end -= 1
    }
    guard end > previous.lowerBound else { return false }
    let last = bytes[end - 1]
    let punctuated = [
      UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "!"),
      UInt8(ascii: "?"), UInt8(ascii: "-"), UInt8(ascii: "("), UInt8(ascii: "/"),
    ].contains(last)
    guard !punctuated && end - previous.lowerBound <= 50 else { return false }
    // A line that ends in "de", "van", "the" continues; a heading does not.
    var wordStart = end
    while wordStart > previous.lowerBound && bytes[wordStart - 1] != 0x20 { wordStart -= 1 }
    let lastWord = Array(bytes[wordStart..<end]).map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }
    let resources = AnalysisResources.shared
    let isStopWord = lastWord.withUnsafeBytes {
      resources.dutchStopWords.find($0) >= 0 || resources.englishStopWords.find($0) >= 0
    }
    return !isStopWord
  }

  private static func isBlank(_ line: Range<Int>, _ bytes: [UInt8]) -> Bool {
    bytes[line].allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
  }

  private static func firstNonSpace(_ line: Range<Int>, _ bytes: [UInt8]) -> Int? {
    line.first { bytes[$0] != 0x20 && bytes[$0] != 0x09 }
  }

  private static func isHeading(_ line: Range<Int>, _ bytes: [UInt8]) -> Bool {
    guard let first = firstNonSpace(line, bytes) else { return false }
    return bytes[first] == UInt8(ascii: "#")
  }

  /// Whether a line starts a list item or a heading (dash, number, letter, #).
  static func startsBlock(_ line: Range<Int>, _ bytes: [UInt8]) -> Bool {
    guard let first = firstNonSpace(line, bytes) else { return false }
    let rest = Array(bytes[first..<line.upperBound].prefix(8))
    guard let c = rest.first else { return false }
    if c == UInt8(ascii: "#") || c == UInt8(ascii: "|") { return true }
    if (c == UInt8(ascii: "-") || c == UInt8(ascii: "*") || c == UInt8(ascii: "+")) && rest.count > 1
      && rest[1] == 0x20
    {
      return true
    }
    // • (E2 80 A2), · (C2 B7), – (E2 80 93), ▪ (E2 96 AA), ◦ (E2 97 A6)
    if rest.starts(with: [0xE2, 0x80, 0xA2]) || rest.starts(with: [0xC2, 0xB7])
      || rest.starts(with: [0xE2, 0x80, 0x93]) || rest.starts(with: [0xE2, 0x96, 0xAA])
      || rest.starts(with: [0xE2, 0x97, 0xA6])
    {
      return true
    }
    return enumerationMarkerLength(rest) != nil
  }

  /// The length of an enumeration marker at the start, with its space.
  ///
  /// Markers look like "12. ", "a) " or "(iv) ".
  static func enumerationMarkerLength(_ bytes: [UInt8]) -> Int? {
    var i = 0
    let open = bytes.first == UInt8(ascii: "(")
    if open { i = 1 }
    let bodyStart = i
    while i < bytes.count, isDigit(bytes[i]) { i += 1 }
    if i == bodyStart {
      // One letter (a), or a short roman numeral (iv).
      while i < bytes.count, i - bodyStart < 4, isLetterASCII(bytes[i]) { i += 1 }
      let body = bytes[bodyStart..<i]
      guard body.count == 1 || (body.count <= 4 && body.allSatisfy({ "ivxlIVXL".utf8.contains($0) })) else {
        return nil
      }
    }
    guard i > bodyStart, i < bytes.count else { return nil }
    let close = bytes[i]
    guard close == UInt8(ascii: ".") || close == UInt8(ascii: ")") else { return nil }
    if open && close != UInt8(ascii: ")") { return nil }
    i += 1
    guard i < bytes.count, bytes[i] == 0x20 else { return nil }
    return i + 1
  }

  // MARK: - Merging

  private func trim(_ range: Range<Int>, in bytes: [UInt8]) -> Range<Int> {
    var start = range.lowerBound
    var end = range.upperBound
    while start < end && isSpace(bytes[start]) { start += 1 }
    while end > start && isSpace(bytes[end - 1]) { end -= 1 }
    return start..<end
  }

  /// Whether the break between `previous` and `next` is a false one.
  private func shouldMerge(_ previous: Range<Int>, _ next: Range<Int>, in bytes: [UInt8]) -> Bool {
    // A lone enumeration marker or bullet joins its item.
    let previousBytes = Array(bytes[previous])
    if previous.count <= 6, Self.enumerationMarkerLength(previousBytes + [0x20]) == previous.count + 1 {
      return true
    }
    if previousBytes == [0xE2, 0x80, 0xA2] || previousBytes == [UInt8(ascii: "-")] { return true }
    // A line break between them (a kept one) is a real end.
    if bytes[previous.upperBound..<next.lowerBound].contains(0x0A) { return false }
    guard bytes[previous.upperBound - 1] == UInt8(ascii: ".") else { return false }

    // The last word of the previous sentence, without its final period.
    var wordStart = previous.upperBound - 1
    while wordStart > previous.lowerBound && !isSpace(bytes[wordStart - 1]) && bytes[wordStart - 1] != UInt8(ascii: "(")
    {
      wordStart -= 1
    }
    let rawWord = Array(bytes[wordStart..<(previous.upperBound - 1)])
    guard !rawWord.isEmpty else { return false }
    let word = String(decoding: rawWord, as: UTF8.self).lowercased()
    let nextWord = firstWord(next, bytes)
    guard let nextFirst = nextWord.first else { return false }
    let nextIsUpper = startsUpper(nextWord)

    if Abbreviations.titles.contains(word) { return true }
    if isInitials(rawWord) && nextIsUpper { return true }
    let startsWithNumber = isDigit(nextFirst) || isRomanNumeral(nextWord)
    if Abbreviations.references.contains(word) && (startsWithNumber || !nextIsUpper) { return true }
    if Abbreviations.sentenceFinal.contains(word) {
      return !nextIsUpper && !isDigit(nextFirst)
    }
    if Abbreviations.neverFinal.contains(word) { return true }
    if Abbreviations.midSentence.contains(word) {
      if isDigit(nextFirst) || nextFirst == UInt8(ascii: "(") || !nextIsUpper { return true }
      return isAcronym(nextWord) || !isOrdinaryWord(nextWord)
    }
    return false
  }

  private func firstWord(_ range: Range<Int>, _ bytes: [UInt8]) -> [UInt8] {
    var end = range.lowerBound
    while end < range.upperBound && !isSpace(bytes[end]) { end += 1 }
    var word = Array(bytes[range.lowerBound..<end])
    while let last = word.last,
      last == UInt8(ascii: ",") || last == UInt8(ascii: ".") || last == UInt8(ascii: ":") || last == UInt8(ascii: ";")
    {
      word.removeLast()
    }
    return word
  }

  /// Whether a word is initials: single capitals with periods (J.P.M).
  private func isInitials(_ word: [UInt8]) -> Bool {
    // `word` has lost its final period: "J" or "J.P".
    var expectLetter = true
    for byte in word {
      if expectLetter {
        guard isUpper(byte) else { return false }
      } else {
        guard byte == UInt8(ascii: ".") else { return false }
      }
      expectLetter.toggle()
    }
    return !expectLetter
  }

  private func isAcronym(_ word: [UInt8]) -> Bool {
    let letters = word.filter { isLetterASCII($0) }
    return letters.count >= 2 && letters.filter { isUpper($0) }.count >= 2
  }

  private func isRomanNumeral(_ word: [UInt8]) -> Bool {
    !word.isEmpty && word.count <= 5 && word.allSatisfy { "IVXLC".utf8.contains($0) }
  }

  /// Whether a capitalised word is an ordinary word of the language (a
  /// sentence start) rather than a name (Nederland, Rijkswaterstaat).
  private func isOrdinaryWord(_ word: [UInt8]) -> Bool {
    let lower = String(decoding: word, as: UTF8.self).lowercased()
    let lexicon = language == .dutch ? resources.dutchLexicon : resources.englishLexicon
    let stops = language == .dutch ? resources.dutchStopWords : resources.englishStopWords
    if stops.find(lower) >= 0 { return true }
    if lexicon.count < 1_000 { return true }
    return lexicon.find(lower) >= 0
  }

  private func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x0C
  }

  private func isUpper(_ byte: UInt8) -> Bool {
    byte >= 65 && byte <= 90
  }

  /// Whether a word starts with a capital: ASCII, or Latin-1 (É, Ö: C3 80–9E).
  private func startsUpper(_ word: [UInt8]) -> Bool {
    guard let first = word.first else { return false }
    if isUpper(first) { return true }
    return first == 0xC3 && word.count > 1 && word[1] >= 0x80 && word[1] <= 0x9E && word[1] != 0x97
  }
}

private func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
private func isLetterASCII(_ byte: UInt8) -> Bool { (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) }
