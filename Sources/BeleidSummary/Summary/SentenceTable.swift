import BeleidAnalysis
import Foundation

/// A text's sentences with what scoring needs: term vectors, word counts,
/// and whether each can stand alone.
///
/// Terms are stems of words that are not stop words (numbers left out);
/// a Dutch compound's parts count half, so "ketenveiligheid" and
/// "veiligheid in de keten" are similar. Vectors are tf-idf with sublinear
/// term frequency, idf over the sentences, normalised to unit length.
struct SentenceTable {
  struct Unit {
    var range: Range<Int>
    var text: String
    var words: Int
    /// (stem id, weight), unit length.
    var vector: [(term: Int32, weight: Double)] = []
    var raw: [Int32: Double] = [:]
    var startsParagraph: Bool
    var isHeading: Bool
    var opensWithReference: Bool
    /// The share of the sentence's characters that are letters.
    var letterShare: Double
  }

  var units: [Unit]
  var documentFrequency: [Int32: Int] = [:]

  /// Openers that point back to something the reader has not seen.
  static let danglingOpeners: Set<String> = [
    // Dutch
    "dit", "deze", "dat", "die", "daarnaast", "daarom", "daardoor", "daarbij", "daarmee", "daarvoor", "daarin",
    "bovendien", "ook", "echter", "hij", "zij", "ze", "hierdoor", "hiermee", "hierbij", "hiervoor", "hierin",
    "verder", "tevens", "vervolgens", "toen", "zo", "evenmin", "wel", "maar", "en", "want", "dus",
    // English
    "this", "these", "that", "those", "it", "they", "he", "she", "however", "also", "furthermore", "moreover",
    "additionally", "such", "there", "but", "and", "so", "thus", "hence", "then",
  ]

  /// Splits and analyses `bytes` (valid UTF-8).
  ///
  /// - Complexity: O(*n*) in the length of the text.
  init(_ bytes: [UInt8], splitter: SentenceSplitter, analyzer: Analyzer) throws {
    let ranges = splitter.ranges(bytes)
    var units: [Unit] = []
    var tokens: [Token] = []
    var previousEnd = 0
    for range in ranges {
      let slice = Array(bytes[range])
      tokens.removeAll(keepingCapacity: true)
      try slice.withUnsafeBytes { _ = try analyzer.analyze($0, into: &tokens) }
      var raw: [Int32: Double] = [:]
      var words = 0
      var firstWord: String?
      for token in tokens {
        switch token.kind {
        case .word, .hyphenPart:
          words += 1
          if firstWord == nil { firstWord = analyzer.form(token.form) }
          if !token.isStopWord { raw[token.stem, default: 0] += 1 }
        case .number:
          words += 1
          if firstWord == nil { firstWord = "" }
        case .compoundPart:
          if !token.isStopWord { raw[token.stem, default: 0] += 0.5 }
        case .joined:
          break
        }
      }
      let gap = bytes[previousEnd..<range.lowerBound]
      let startsParagraph = units.isEmpty || gap.filter { $0 == 0x0A }.count >= 2 || (units.last?.isHeading ?? false)
      previousEnd = range.upperBound
      let text = Self.collapse(slice)
      units.append(
        Unit(
          range: range, text: text, words: words, raw: raw, startsParagraph: startsParagraph,
          isHeading: Self.looksLikeHeading(slice, words: words),
          opensWithReference: firstWord.map { Self.danglingOpeners.contains($0) } ?? false,
          letterShare: Self.letterShare(text)))
    }
    self.units = units
    for unit in units { for term in unit.raw.keys { documentFrequency[term, default: 0] += 1 } }
  }

  /// The units of several tables as one, for a summary across documents.
  ///
  /// `offsets` shifts each table's term ids, so that tables from analyzers
  /// of different languages do not share ids.
  init(joining tables: [SentenceTable], offsets: [Int32]) {
    units = []
    for (table, offset) in zip(tables, offsets) {
      for var unit in table.units {
        if offset != 0 { unit.raw = Dictionary(uniqueKeysWithValues: unit.raw.map { ($0.key + offset, $0.value) }) }
        units.append(unit)
      }
    }
    for unit in units { for term in unit.raw.keys { documentFrequency[term, default: 0] += 1 } }
  }

  /// Fills each unit's tf-idf vector; `idf` gives a term's weight.
  mutating func weigh(idf: (Int32) -> Double) {
    for index in units.indices {
      var vector: [(term: Int32, weight: Double)] = []
      var norm = 0.0
      // In term order, so that sums (and ties) do not depend on hashing.
      for (term, tf) in units[index].raw.sorted(by: { $0.key < $1.key }) {
        let weight = (tf >= 1 ? 1 + log(tf) : tf) * idf(term)
        if weight > 0 {
          vector.append((term, weight))
          norm += weight * weight
        }
      }
      norm = norm.squareRoot()
      if norm > 0 { for k in vector.indices { vector[k].weight /= norm } }
      units[index].vector = vector.sorted { $0.term < $1.term }
    }
  }

  /// Sentence-level idf: ln((N + 1) / (df + 0.5)).
  func sentenceIDF(_ term: Int32) -> Double {
    log(Double(units.count + 1) / (Double(documentFrequency[term] ?? 0) + 0.5))
  }

  /// Text with runs of white space as one space.
  static func collapse(_ bytes: [UInt8]) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var space = false
    for byte in bytes {
      if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
        space = true
      } else {
        if space && !out.isEmpty { out.append(0x20) }
        space = false
        out.append(byte)
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// A Markdown heading, or a short line without final punctuation.
  static func looksLikeHeading(_ bytes: [UInt8], words: Int) -> Bool {
    guard let first = bytes.first(where: { $0 != 0x20 }) else { return true }
    if first == UInt8(ascii: "#") { return true }
    guard let last = bytes.last(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D }) else { return true }
    let closing: Set<UInt8> = [
      UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ";"),
      UInt8(ascii: "\""), UInt8(ascii: ")"), 0x9D, 0x99,  // ” and ’ end in 0x9D and 0x99
    ]
    return !closing.contains(last) && words <= 12
  }

  static func letterShare(_ text: String) -> Double {
    var letters = 0
    var total = 0
    for scalar in text.unicodeScalars where scalar != " " {
      total += 1
      if scalar.properties.isAlphabetic { letters += 1 }
    }
    return total == 0 ? 0 : Double(letters) / Double(total)
  }
}
