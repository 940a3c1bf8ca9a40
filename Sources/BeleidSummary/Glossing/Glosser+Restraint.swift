import BeleidAnalysis
import BeleidGlossary

/// The rules that keep a gloss out where it does not help or does not fit.
extension Glosser {
  /// Why a gloss is left out, or nil to keep it.
  enum Restraint: String, CaseIterable {
    /// The concept is general (`Concept.isMarkedGeneral`, or its Dutch name
    /// is a general word of Dutch law) or of a quiet domain.
    case general
    /// The term is inside quotation marks: a quotation is not ours to
    /// change.
    case quoted
    /// The term is one word of a longer name (*Rijksinspectie Digitale
    /// Infrastructuur*), a name matched as a common noun (*defence* by
    /// *Defence*), or a name found inside a compound (*staatscommissie* by
    /// *Commissie*).
    case name
    /// A Dutch verb form matched a noun's term by its stem (*uitvoeren* by
    /// *uitvoering*, *informatie uitwisselen* by *informatie-uitwisseling*):
    /// the equivalent is of another word class.
    case wordClass
  }

  /// Why `gloss` should not be written into `text`, or nil.
  ///
  /// - Complexity: O(*q*) for the *q* quotations of the text, plus a few
  ///   word-list lookups.
  func restraint(
    for gloss: Gloss, in utf8: [UInt8], quotations: [Range<Int>], language: Language
  ) -> Restraint? {
    guard let concept = matcher.glossary.concept(id: gloss.conceptID) else { return .general }
    if skipped.contains(concept.domain ?? "") || concept.isMarkedGeneral || matcher.glossary.isGeneral(concept) {
      return .general
    }
    if quotations.contains(where: { $0.overlaps(gloss.range) }) { return .quoted }
    if Self.isInsideName(gloss.range, utf8) { return .name }
    let surface = GlossaryKey.surface(gloss.text)
    let sameTerms = concept.terms(in: language).filter { GlossaryKey.surface($0.text) == surface }
    if let first = gloss.text.unicodeScalars.first, first.properties.isLowercase {
      // A name written in lower case is a common noun: defence, commissie,
      // "namens die autoriteiten persoonsgegevens".
      let names = concept.terms(in: language).filter { !$0.looksLikeAcronym }
      if !sameTerms.isEmpty && sameTerms.allSatisfy(Self.isName) { return .name }
      if !names.isEmpty && names.allSatisfy(Self.isName) { return .name }
    }
    // A name as a part of a compound: staatscommissie holds commissie, not the Commissie.
    if gloss.kind == .compound {
      let inner = concept.terms(in: language).filter { surface.contains(GlossaryKey.surface($0.text)) }
      if !inner.isEmpty && inner.allSatisfy(Self.isName) { return .name }
    }
    if language == .dutch, gloss.kind == .inflected, let last = gloss.text.split(separator: " ").last {
      let word = TextFolding.fold(String(last))
      // The word before: inside the term (digitale aanvallen), else in the text.
      let words = gloss.text.split(separator: " ")
      let before =
        words.count > 1
        ? TextFolding.fold(String(words[words.count - 2]))
        : Self.wordBefore(gloss.start, utf8).map { TextFolding.fold(String(decoding: utf8[$0], as: UTF8.self)) } ?? ""
      let isNoun = word.hasSuffix("en") && wordClass.isNounAfter(before)
      if !isNoun && wordClass.isVerbForm(word)
        && !concept.terms(in: .dutch).contains(where: { $0.partOfSpeech == "verb" })
      {
        return .wordClass
      }
    }
    return nil
  }

  /// Byte ranges of the quotations in a text.
  ///
  /// A quotation is between “ and ”, „ and ”, ‘ and ’, « and », or straight
  /// quotes. An opening mark follows a space,
  /// a bracket or the start; a closing one is not followed by a letter, so
  /// the apostrophes of *pagina’s* and *IT’ers* close nothing. A quotation
  /// does not cross a blank line.
  ///
  /// - Complexity: O(*n*) in the text's length.
  static func quotations(in utf8: [UInt8]) -> [Range<Int>] {
    let text = String(decoding: utf8, as: UTF8.self)
    let closers: [Character: Character] = ["“": "”", "„": "”", "‘": "’", "«": "»", "\"": "\"", "'": "'"]
    var result: [Range<Int>] = []
    var open: (mark: Character, start: Int)?
    var offset = 0
    var previous: Character = " "
    var iterator = Array(text).makeIterator()
    var next = iterator.next()
    while let character = next {
      let following = iterator.next()
      let width = String(character).utf8.count
      var closed = false
      if let current = open {
        if character == closers[current.mark], !(following?.isLetter ?? false) {
          result.append(current.start..<offset + width)
          open = nil
          closed = true
        } else if character == "\n" && previous == "\n" {
          open = nil
        }
      }
      if open == nil, !closed, closers[character] != nil, previous.isWhitespace || "([{–—-/".contains(previous),
        following.map({ !$0.isWhitespace }) ?? false
      {
        open = (character, offset)
      }
      offset += width
      previous = character
      next = following
    }
    return result
  }

  /// Whether a term is a name: capitalised, not an acronym (*Commissie*,
  /// *Defence*, not *NIS2* or *AI*).
  static func isName(_ term: Term) -> Bool {
    term.text.first?.isUppercase == true && !term.looksLikeAcronym
  }

  /// Words that join the parts of a name: *Ministerie van Defensie*.
  static let nameConnectors: Set<String> = ["van", "voor", "en", "de", "der", "het", "of", "for", "and", "the"]
  /// Capitalised words that start a sentence rather than a name.
  static let determiners: Set<String> = ["de", "het", "een", "deze", "dit", "die", "the", "a", "an", "this", "that"]

  /// Whether the capitalised term at `range` is one word of a longer name:
  /// a capitalised word before it (through *van*, *de*, …) or after it,
  /// on the same line.
  static func isInsideName(_ range: Range<Int>, _ utf8: [UInt8]) -> Bool {
    guard range.lowerBound < utf8.count, isUpper(utf8, at: range.lowerBound) else { return false }
    // Backwards: skip connectors, then look at the word before.
    var end = range.lowerBound
    for _ in 0..<3 {
      guard let word = wordBefore(end, utf8) else { return false }
      let text = String(decoding: utf8[word], as: UTF8.self)
      if nameConnectors.contains(text) {
        end = word.lowerBound
        continue
      }
      if isUpper(utf8, at: word.lowerBound) && !determiners.contains(text.lowercased()) && !isAcronym(text) {
        return true
      }
      break
    }
    // Forwards: a capitalised word right after it.
    if let word = wordAfter(range.upperBound, utf8) {
      let text = String(decoding: utf8[word], as: UTF8.self)
      return isUpper(utf8, at: word.lowerBound) && !isAcronym(text)
    }
    return false
  }

  private static func isUpper(_ utf8: [UInt8], at offset: Int) -> Bool {
    let scalars = String(decoding: utf8[offset..<min(offset + 4, utf8.count)], as: UTF8.self).unicodeScalars
    return scalars.first?.properties.isUppercase ?? false
  }

  private static func isAcronym(_ word: String) -> Bool {
    word.count <= 6 && word.allSatisfy { $0.isUppercase || $0.isNumber || $0 == "-" }
  }

  private static func isWordByte(_ byte: UInt8) -> Bool {
    byte >= 0x80 || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
      || byte == 0x2D
  }

  /// The word that ends at `offset` after one or more spaces (not a line
  /// break or punctuation), or nil.
  static func wordBefore(_ offset: Int, _ utf8: [UInt8]) -> Range<Int>? {
    var end = offset
    while end > 0 && utf8[end - 1] == 0x20 { end -= 1 }
    guard end < offset, end > 0, isWordByte(utf8[end - 1]) else { return nil }
    var start = end
    while start > 0 && isWordByte(utf8[start - 1]) { start -= 1 }
    return start..<end
  }

  /// The word that starts after one or more spaces from `offset`, or nil.
  private static func wordAfter(_ offset: Int, _ utf8: [UInt8]) -> Range<Int>? {
    var start = offset
    while start < utf8.count && utf8[start] == 0x20 { start += 1 }
    guard start > offset, start < utf8.count, isWordByte(utf8[start]) else { return nil }
    var end = start
    while end < utf8.count && isWordByte(utf8[end]) { end += 1 }
    return start..<end
  }
}
