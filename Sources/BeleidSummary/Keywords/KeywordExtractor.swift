import BeleidAnalysis
import BeleidDocuments
import BeleidGlossary
import Foundation

/// A key term or phrase of a document.
package struct Keyword: Sendable, Codable, Equatable {
  /// The phrase as the document most often writes it.
  package var text: String
  /// How often it occurs (any inflection).
  package var count: Int
  /// Its weight; only the order matters.
  package var score: Double
  /// Whether it is a Dutch compound (ketenveiligheid) or a glossary term.
  package var isCompound: Bool
  package var conceptID: String?
  /// The glossary's equivalent in the other language, when known.
  package var equivalent: String?
  /// Byte range of its first occurrence in the document's body.
  package var start: Int
  package var end: Int
}

/// Finds a document's key terms: glossary terms, Dutch compounds and
/// multi-word noun phrases, ranked.
///
/// Candidates are runs of up to three content words between stop words,
/// numbers and punctuation (as RAKE, Rose et al. 2010), counted by their
/// stems so inflections merge. In Dutch, verb forms and pronouns also end a
/// run (`DutchWordClass`: *We versterken* gives no candidate), so runs are
/// noun phrases. A candidate scores count × mean word weight × a bonus for
/// several words, for compounds and for glossary terms of the topic
/// domains. A word's weight grows with its frequency in the document and
/// its length, and falls with its frequency in Dutch law (the BWB counts
/// the analyzer ships): *hyperscalers* is specific, *Nederland* is not.
/// A lone adjective (*digitale*) and a concept the term base marks general
/// (*overheid*, `Concept.isMarkedGeneral`) count a quarter; names of
/// countries and drafting words get no glossary bonus.
///
/// Not `Sendable`: it owns analyzers.
package final class KeywordExtractor {
  /// Phrases longer than this many words are taken word by word.
  static let maximumWords = 3
  /// The factor for a lone adjective and for a general concept.
  static let generalFactor = 0.25
  /// A word's specificity is 1 / (1 + log10(1 + f / `lawScale`)) for its
  /// count f in the BWB: 1 for a word Dutch law never uses, 0.5 for one it
  /// uses 900 times, 0.3 for *Nederland* (34,815).
  static let lawScale = 100.0

  private var analyzers: [Language: Analyzer] = [:]
  private let matcher: TermMatcher?
  private let identifier = LanguageIdentifier()

  /// An extractor; with a matcher, glossary terms count and get equivalents.
  package init(matcher: TermMatcher? = nil) {
    self.matcher = matcher
  }

  private struct Word {
    var range: Range<Int>
    var stem: Int32
    var isStop: Bool
    var isNumber: Bool
    var isCompound: Bool
    /// A verb form or pronoun: it ends a run, as a stop word does.
    var isBoundary = false
    var isAdjective = false
    /// How specific the word is to this kind of text, in (0, 1].
    var specificity = 1.0
    /// Not in the Dutch word list (OpenTaal): jargon, a loanword or a new
    /// compound (*ketenveiligheid*, *hyperscalers*), not *coalitieakkoord*.
    var isNew = false
  }

  private struct Candidate {
    var count = 0
    var surfaces: [String: Int] = [:]
    var first: Range<Int>
    var stems: [Int32]
    var isCompound: Bool
    var isAdjective = false
    var isNew = false
    var conceptID: String?
    var equivalent: String?
    /// Whether the concept is general or of a quiet domain: no bonus.
    var isGeneral = false
    var isQuiet = false
    /// How often the glossary term was found, inflections included, and
    /// how often its concept in the other language.
    var glossaryCount = 0
    var otherLanguageCount = 0
    /// Later mentions of a glossary phrase by its head noun alone.
    var headMentions = 0
    /// The stem of a glossary phrase's head noun.
    var head: Int32?
  }

  /// The document's `limit` best key terms, best first.
  ///
  /// - Complexity: O(*n*) in the document's length, plus sorting the
  ///   candidates.
  package func keywords(of document: Document, limit: Int = 15) throws -> [Keyword] {
    let language =
      document.language ?? identifier.identify(String(document.body.prefix(20_000))).language ?? .dutch
    let analyzer = try analyzers[language] ?? Analyzer(language: language)
    analyzers[language] = analyzer
    let bytes = Array(document.body.utf8)
    let words = try Self.words(bytes, analyzer: analyzer)

    var frequency: [Int32: Int] = [:]
    var specificity: [Int32: Double] = [:]
    var lengths: [Int32: Int] = [:]
    for word in words where !word.isStop && !word.isNumber {
      frequency[word.stem, default: 0] += 1
      lengths[word.stem] = max(lengths[word.stem] ?? 0, word.range.count)
      specificity[word.stem] = min(specificity[word.stem] ?? 1, word.specificity)
    }

    var candidates: [[Int32]: Candidate] = [:]
    // Where each word stands alone, as a run of one.
    var alone: [Int32: [Int]] = [:]
    func add(_ run: ArraySlice<Word>) {
      guard let first = run.first, let last = run.last else { return }
      let range = first.range.lowerBound..<last.range.upperBound
      let surface = String(decoding: bytes[range], as: UTF8.self)
      if run.count == 1 && surface.unicodeScalars.filter(\.properties.isAlphabetic).count < 4 { return }
      let key = run.map(\.stem)
      var candidate =
        candidates[key] ?? Candidate(first: range, stems: key, isCompound: run.count == 1 && first.isCompound)
      candidate.isAdjective = run.count == 1 && first.isAdjective
      candidate.isNew = run.count == 1 && first.isNew
      candidate.count += 1
      candidate.surfaces[surface, default: 0] += 1
      candidates[key] = candidate
    }
    var run: [Word] = []
    func flush() {
      if run.count <= Self.maximumWords {
        if run.count == 1 { alone[run[0].stem, default: []].append(run[0].range.lowerBound) }
        add(run[...])
      } else {
        for index in run.indices { add(run[index...index]) }
      }
      run.removeAll()
    }
    for word in words {
      if word.isStop || word.isNumber || word.isBoundary {
        flush()
        continue
      }
      if let previous = run.last, !Self.onlySpace(bytes[previous.range.upperBound..<word.range.lowerBound]) { flush() }
      run.append(word)
    }
    flush()

    if let matcher {
      let terms = try addGlossaryTerms(
        &candidates, bytes: bytes, language: language, analyzer: analyzer, matcher: matcher)
      Self.countHeadMentions(&candidates, alone: alone, outside: terms, specificity: specificity)
    }

    var keywords: [Keyword] = candidates.values.map { candidate in
      let weights = candidate.stems.map { stem -> Double in
        let length = Double(lengths[stem] ?? 8)
        return log(1 + Double(frequency[stem] ?? 1)) * min(max(length / 8, 0.5), 1.5)
      }
      // A phrase is as specific as its most specific word: digitale autonomie.
      let specific = candidate.stems.map { specificity[$0] ?? 1 }.max() ?? 1
      let count =
        max(candidate.count, candidate.glossaryCount) + candidate.otherLanguageCount + candidate.headMentions
      var score = Double(count) * specific * weights.reduce(0, +) / Double(max(weights.count, 1))
      score *= 1 + 0.5 * Double(candidate.stems.count - 1)
      if candidate.isNew { score *= 1.5 }
      if candidate.conceptID != nil && !candidate.isQuiet && !candidate.isGeneral { score *= 2 }
      if candidate.isGeneral || (candidate.isAdjective && candidate.conceptID == nil) { score *= Self.generalFactor }
      let text = candidate.surfaces.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key ?? ""
      return Keyword(
        text: text, count: count, score: (score * 1000).rounded() / 1000, isCompound: candidate.isCompound,
        conceptID: candidate.conceptID, equivalent: candidate.equivalent, start: candidate.first.lowerBound,
        end: candidate.first.upperBound)
    }
    keywords.sort { $0.score != $1.score ? $0.score > $1.score : $0.text < $1.text }
    // A phrase that only repeats a better one's words, names the same
    // concept, or puts adjectives before it (Amerikaanse hyperscalers),
    // adds nothing.
    var kept: [Keyword] = []
    var seen: Set<String> = []
    let classes = DutchWordClass()
    for keyword in keywords where kept.count < limit {
      let folded = keyword.text.lowercased()
      let modifies = kept.contains { better in
        let head = better.text.lowercased()
        guard folded.hasSuffix(" " + head) else { return false }
        let modifiers = folded.dropLast(head.count).split(separator: " ").map(String.init)
        return modifiers.allSatisfy { classes.isAdjective($0) || ($0.hasSuffix("e") && $0.count > 3) }
      }
      if seen.contains(folded) || keyword.conceptID.map({ seen.contains("#" + $0) }) == true || modifies
        || kept.contains(where: { $0.text.lowercased().contains(folded) && $0.count >= keyword.count })
      {
        continue
      }
      seen.insert(folded)
      if let id = keyword.conceptID { seen.insert("#" + id) }
      kept.append(keyword)
    }
    return kept
  }

  /// Glossary terms in the text, merged into the candidates by their
  /// stems; returns where the document's language's terms were found.
  private func addGlossaryTerms(
    _ candidates: inout [[Int32]: Candidate], bytes: [UInt8], language: Language, analyzer: Analyzer,
    matcher: TermMatcher
  ) throws -> [Range<Int>] {
    let text = String(decoding: bytes, as: UTF8.self)
    var tokens: [Token] = []
    let found = try matcher.occurrences(in: text, language: language)
    for occurrence in found {
      // Prefer a concept outside the quiet domains: "government" is the
      // policy term overheid before the drafting term Regering.
      let refs = occurrence.refs.filter { matcher.term($0).languageCode == language.code }.sorted {
        quietness(matcher.glossary.concepts[$0.concept]) < quietness(matcher.glossary.concepts[$1.concept])
      }
      guard let ref = refs.first else { continue }
      let concept = matcher.glossary.concepts[ref.concept]
      let surface = String(decoding: bytes[occurrence.range], as: UTF8.self)
      tokens.removeAll(keepingCapacity: true)
      try bytes[occurrence.range].withUnsafeBytes { _ = try analyzer.analyze($0, into: &tokens) }
      let words = tokens.filter { $0.kind == .word || $0.kind == .joined }
      let stems = words.filter { !$0.isStopWord }.map(\.stem)
      guard !stems.isEmpty else { continue }
      var candidate =
        candidates[stems] ?? Candidate(first: occurrence.range, stems: stems, isCompound: occurrence.kind == .compound)
      // What the first occurrence of these stems says about its concept
      // (asked once: finding the equivalent compares the concept's terms
      // pairwise, and a long act repeats its terms thousands of times).
      if candidate.conceptID == nil {
        // The head is the last word before a preposition or article
        // (*aanbieder* van beheerde beveiligingsdiensten), else the last;
        // "en" and "of" join words (netwerk- en *informatiesystemen*).
        let cut = words.firstIndex { token in
          let start = occurrence.range.lowerBound + token.range.lowerBound
          let word = String(decoding: bytes[start..<(start + token.range.count)], as: UTF8.self).lowercased()
          return token.isStopWord && word != "en" && word != "of"
        }
        // No equivalent when the text already writes the other language's term.
        let folded = surface.lowercased()
        candidate.conceptID = concept.id
        candidate.head = (cut.map { words[..<$0] } ?? words[...]).last { !$0.isStopWord }?.stem
        candidate.equivalent = concept.equivalent(of: matcher.term(ref), in: language.other).map(\.text).flatMap {
          equivalent in
          concept.terms(in: language.other).contains { $0.text.lowercased() == folded } ? nil : equivalent
        }
        candidate.isGeneral = concept.isMarkedGeneral || matcher.glossary.isGeneral(concept)
        candidate.isQuiet = quietness(concept) == 1
      }
      if candidate.surfaces.isEmpty {
        candidate.surfaces[surface] = 1
        candidate.isNew = language == .dutch && stems.count == 1 && Self.isNewWord(TextFolding.fold(surface))
      }
      candidate.glossaryCount += 1
      candidates[stems] = candidate
    }
    // Terms of the other language, analysed as that language, count for
    // their concept: "ketenveiligheid (wij spreken doorgaans over supply
    // chain security)". Words spelled alike in both (AI) count once.
    // A concept found in several forms (EU, Europese Unie) takes them on
    // its most frequent form; ties go to the first in the text, so the
    // result does not depend on the dictionary's order.
    var keys: [String: [Int32]] = [:]
    for (key, candidate) in candidates {
      guard let id = candidate.conceptID else { continue }
      if let held = keys[id], let other = candidates[held] {
        let better =
          (candidate.glossaryCount, -candidate.first.lowerBound) > (other.glossaryCount, -other.first.lowerBound)
        if !better { continue }
      }
      keys[id] = key
    }
    for occurrence in try matcher.occurrences(in: text, language: language.other) {
      let counted = found.filter { $0.range.overlaps(occurrence.range) }.flatMap { found in
        found.refs.filter { matcher.term($0).languageCode == language.code }.map(\.concept)
      }
      let ref = occurrence.refs.first {
        matcher.term($0).languageCode == language.other.code && !counted.contains($0.concept)
          && keys[matcher.glossary.concepts[$0.concept].id] != nil
      }
      if let ref, let key = keys[matcher.glossary.concepts[ref.concept].id] {
        candidates[key]?.otherLanguageCount += 1
      }
    }
    return found.map(\.range)
  }

  /// Counts the later mentions of a glossary phrase by its head noun alone
  /// ("Digitale autonomie wordt het uitgangspunt … Autonomie is dan ook
  /// eenvoudiger uit te leggen"), as a writer shortens a term once it is
  /// introduced.
  ///
  /// Only when the reference is unambiguous: the head ends no other
  /// glossary phrase of the document, is no concept of its own, and is
  /// specific (specificity ≥ 0.5, a word Dutch law uses at most about 900
  /// times: *autonomie*, not *dienst* or *sectoren*, which stand alone in
  /// other senses).
  private static func countHeadMentions(
    _ candidates: inout [[Int32]: Candidate], alone: [Int32: [Int]], outside terms: [Range<Int>],
    specificity: [Int32: Double]
  ) {
    var phrases: [Int32: [[Int32]]] = [:]
    for (key, candidate) in candidates where key.count > 1 && candidate.conceptID != nil {
      if let head = candidate.head ?? key.last { phrases[head, default: []].append(key) }
    }
    for (head, keys) in phrases where keys.count == 1 {
      guard candidates[[head]]?.conceptID == nil, specificity[head] ?? 1 >= 0.5, let key = keys.first,
        let first = candidates[key]?.first.lowerBound
      else { continue }
      // Not the head within a term's own later mention: "netwerk- en
      // informatiesystemen" has informatiesystemen alone after "en".
      candidates[key]?.headMentions =
        alone[head, default: []].filter { start in start > first && !terms.contains { $0.contains(start) } }.count
    }
  }

  /// 1 for concepts in domains the glosser keeps quiet, else 0.
  private func quietness(_ concept: Concept) -> Int {
    Glosser.quietDomains.contains(concept.domain ?? "") ? 1 : 0
  }

  /// The text's words in order: a hyphenated word as one (its joined form),
  /// each marked as stop word, number or compound; Dutch words also as
  /// verb form or pronoun (a boundary: a word ending in -en after an
  /// article is a noun), adjective, and by their specificity.
  private static func words(_ bytes: [UInt8], analyzer: Analyzer) throws -> [Word] {
    var tokens: [Token] = []
    try bytes.withUnsafeBytes { _ = try analyzer.analyze($0, into: &tokens) }
    let joined = tokens.filter { $0.kind == .joined }.map(\.range)
    var compoundPositions: Set<Int32> = []
    for token in tokens where token.kind == .compoundPart { compoundPositions.insert(token.position) }
    var words: [Word] = []
    for token in tokens {
      switch token.kind {
      case .word, .number, .joined:
        words.append(
          Word(
            range: token.range, stem: token.stem, isStop: token.isStopWord, isNumber: token.kind == .number,
            isCompound: token.kind == .word && compoundPositions.contains(token.position)))
      case .hyphenPart:
        if !joined.contains(where: { $0.contains(token.range.lowerBound) }) {
          words.append(
            Word(range: token.range, stem: token.stem, isStop: token.isStopWord, isNumber: false, isCompound: false))
        }
      case .compoundPart:
        break
      }
    }
    words.sort { $0.range.lowerBound < $1.range.lowerBound }
    // Addresses are not terms: words of a URL or a link's target end a
    // run and do not count (https, index.md, _blank).
    let addresses = addressRanges(bytes)
    if !addresses.isEmpty {
      var next = 0
      for index in words.indices {
        let start = words[index].range.lowerBound
        while next < addresses.count && addresses[next].upperBound <= start { next += 1 }
        if next < addresses.count && addresses[next].contains(start) { words[index].isStop = true }
      }
    }
    guard analyzer.language == .dutch else { return words }
    let classes = DutchWordClass()
    let frequencies = AnalysisResources.shared.frequencies
    // A word's class, once per distinct word: (verb form, closed class or comparative, adjective, new, specificity).
    var known: [String: (verb: Bool, closed: Bool, adjective: Bool, new: Bool, specificity: Double)] = [:]
    var previous = ""
    for index in words.indices {
      let folded = TextFolding.fold(String(decoding: bytes[words[index].range], as: UTF8.self))
      defer { previous = folded }
      guard !words[index].isStop && !words[index].isNumber else { continue }
      let word =
        known[folded]
        ?? {
          let count = Double(frequencies.frequency(folded))
          let word = (
            verb: classes.isVerbForm(folded), closed: classes.isPronoun(folded) || classes.isComparative(folded),
            adjective: classes.isAdjective(folded), new: isNewWord(folded),
            specificity: 1 / (1 + log10(1 + count / lawScale))
          )
          known[folded] = word
          return word
        }()
      words[index].isBoundary =
        word.closed || (word.verb && !(folded.hasSuffix("en") && classes.isNounAfter(previous)))
      words[index].isAdjective = word.adjective
      words[index].specificity = word.specificity
      words[index].isNew = word.new
    }
    return words
  }

  /// The byte ranges of addresses, in order: URLs (`https://…`,
  /// `www.…`), a Markdown link's target (`](…)`) and kramdown attributes
  /// (`{:target="_blank"}`).
  ///
  /// - Complexity: O(*n*) in the length of the text.
  static func addressRanges(_ bytes: [UInt8]) -> [Range<Int>] {
    func hasPrefix(_ prefix: StaticString, at index: Int) -> Bool {
      let count = prefix.utf8CodeUnitCount
      guard index + count <= bytes.count else { return false }
      for offset in 0..<count where bytes[index + offset] != prefix.utf8Start[offset] { return false }
      return true
    }
    func end(from start: Int, stoppingAt stops: Set<UInt8>) -> Int {
      var index = start
      while index < bytes.count && !stops.contains(bytes[index]) { index += 1 }
      return index
    }
    let space: Set<UInt8> = [0x20, 0x0A, 0x0D, 0x09]
    var ranges: [Range<Int>] = []
    var index = 0
    while index < bytes.count {
      // Only "]", "{", "h" and "w" can start an address.
      guard [0x5D, 0x7B, 0x68, 0x77].contains(bytes[index]) else {
        index += 1
        continue
      }
      var found: Range<Int>?
      if hasPrefix("](", at: index) {
        found = index..<end(from: index + 2, stoppingAt: space.union([0x29]))  // to ")"
      } else if hasPrefix("{:", at: index) {
        found = index..<end(from: index + 2, stoppingAt: [0x7D, 0x0A])  // to "}"
      } else if hasPrefix("http://", at: index) || hasPrefix("https://", at: index) || hasPrefix("www.", at: index) {
        found = index..<end(from: index, stoppingAt: space.union([0x29, 0x3E, 0x5D, 0x22]))  // ) > ] "
      }
      if let range = found, range.count > 2 {
        ranges.append(range)
        index = range.upperBound
      } else {
        index += 1
      }
    }
    return ranges
  }

  /// Whether a folded Dutch word of six letters or more is missing from
  /// the Dutch word list (false when the list is missing).
  private static func isNewWord(_ folded: String) -> Bool {
    let lexicon = AnalysisResources.shared.dutchLexicon
    return lexicon.count > 1_000 && folded.unicodeScalars.count >= 6
      && folded.unicodeScalars.allSatisfy(\.properties.isAlphabetic) && lexicon.find(folded) < 0
  }

  /// Whether the bytes between two words are only spaces, with at most one
  /// line break (a wrapped line, not a new paragraph or punctuation).
  private static func onlySpace(_ gap: ArraySlice<UInt8>) -> Bool {
    !gap.isEmpty && gap.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
      && gap.filter { $0 == 0x0A }.count <= 1
  }
}
