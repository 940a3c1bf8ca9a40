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
/// stems so inflections merge. A candidate scores
/// count × mean word weight × a bonus for several words, for compounds and
/// for glossary terms; a word's weight grows with its frequency in the
/// document and its length. Glossary terms come from `TermMatcher`, so they
/// carry their equivalent in the other language.
///
/// Not `Sendable`: it owns analyzers.
package final class KeywordExtractor {
  /// Phrases longer than this many words are taken word by word.
  static let maximumWords = 3

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
  }

  private struct Candidate {
    var count = 0
    var surfaces: [String: Int] = [:]
    var first: Range<Int>
    var stems: [Int32]
    var isCompound: Bool
    var conceptID: String?
    var equivalent: String?
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
    for word in words where !word.isStop && !word.isNumber { frequency[word.stem, default: 0] += 1 }

    var candidates: [[Int32]: Candidate] = [:]
    func add(_ run: ArraySlice<Word>) {
      guard let first = run.first, let last = run.last else { return }
      let range = first.range.lowerBound..<last.range.upperBound
      let surface = String(decoding: bytes[range], as: UTF8.self)
      if run.count == 1 && surface.unicodeScalars.filter(\.properties.isAlphabetic).count < 4 { return }
      let key = run.map(\.stem)
      var candidate =
        candidates[key] ?? Candidate(first: range, stems: key, isCompound: run.count == 1 && first.isCompound)
      candidate.count += 1
      candidate.surfaces[surface, default: 0] += 1
      candidates[key] = candidate
    }
    var run: [Word] = []
    func flush() {
      if run.count <= Self.maximumWords {
        add(run[...])
      } else {
        for index in run.indices { add(run[index...index]) }
      }
      run.removeAll()
    }
    for word in words {
      if word.isStop || word.isNumber {
        flush()
        continue
      }
      if let previous = run.last, !Self.onlySpace(bytes[previous.range.upperBound..<word.range.lowerBound]) { flush() }
      run.append(word)
    }
    flush()

    if let matcher {
      try addGlossaryTerms(&candidates, bytes: bytes, language: language, analyzer: analyzer, matcher: matcher)
    }

    var keywords: [Keyword] = candidates.values.map { candidate in
      let weights = candidate.stems.map { stem -> Double in
        let length = Double(analyzer.stem(stem).count)
        return log(1 + Double(frequency[stem] ?? 1)) * min(max(length / 8, 0.5), 1.5)
      }
      var score = Double(candidate.count) * weights.reduce(0, +) / Double(max(weights.count, 1))
      score *= 1 + 0.5 * Double(candidate.stems.count - 1)
      if candidate.isCompound { score *= 1.5 }
      if candidate.conceptID != nil { score *= 2 }
      let text = candidate.surfaces.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key ?? ""
      return Keyword(
        text: text, count: candidate.count, score: (score * 1000).rounded() / 1000, isCompound: candidate.isCompound,
        conceptID: candidate.conceptID, equivalent: candidate.equivalent, start: candidate.first.lowerBound,
        end: candidate.first.upperBound)
    }
    keywords.sort { $0.score != $1.score ? $0.score > $1.score : $0.text < $1.text }
    // A phrase that only repeats a better one's words, or names the same
    // concept, adds nothing.
    var kept: [Keyword] = []
    var seen: Set<String> = []
    for keyword in keywords where kept.count < limit {
      let folded = keyword.text.lowercased()
      if seen.contains(folded) || keyword.conceptID.map({ seen.contains("#" + $0) }) == true
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

  /// Glossary terms in the text, merged into the candidates by their stems.
  private func addGlossaryTerms(
    _ candidates: inout [[Int32]: Candidate], bytes: [UInt8], language: Language, analyzer: Analyzer,
    matcher: TermMatcher
  ) throws {
    let text = String(decoding: bytes, as: UTF8.self)
    var tokens: [Token] = []
    for occurrence in try matcher.occurrences(in: text, language: language) {
      // Prefer a concept outside the quiet domains: "government" is the
      // policy term overheid before the drafting term Regering.
      let refs = occurrence.refs.sorted {
        quietness(matcher.glossary.concepts[$0.concept]) < quietness(matcher.glossary.concepts[$1.concept])
      }
      guard let ref = refs.first else { continue }
      let concept = matcher.glossary.concepts[ref.concept]
      let surface = String(decoding: bytes[occurrence.range], as: UTF8.self)
      tokens.removeAll(keepingCapacity: true)
      try bytes[occurrence.range].withUnsafeBytes { _ = try analyzer.analyze($0, into: &tokens) }
      let stems = tokens.filter { ($0.kind == .word || $0.kind == .joined) && !$0.isStopWord }.map(\.stem)
      guard !stems.isEmpty else { continue }
      // No equivalent when the text already writes the other language's term.
      let folded = surface.lowercased()
      let equivalent = concept.preferred(in: language.other).map(\.text).flatMap { equivalent in
        concept.terms(in: language.other).contains { $0.text.lowercased() == folded } ? nil : equivalent
      }
      if var candidate = candidates[stems] {
        if candidate.conceptID == nil {
          candidate.conceptID = concept.id
          candidate.equivalent = equivalent
        }
        candidates[stems] = candidate
      } else {
        var candidate = Candidate(first: occurrence.range, stems: stems, isCompound: occurrence.kind == .compound)
        candidate.count = 1
        candidate.surfaces[surface] = 1
        candidate.conceptID = concept.id
        candidate.equivalent = equivalent
        candidates[stems] = candidate
      }
    }
  }

  /// 1 for concepts in domains the glosser keeps quiet, else 0.
  private func quietness(_ concept: Concept) -> Int {
    Glosser.quietDomains.contains(concept.domain ?? "") ? 1 : 0
  }

  /// The text's words in order: a hyphenated word as one (its joined form),
  /// each marked as stop word, number or compound.
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
    return words
  }

  /// Whether the bytes between two words are only spaces, with at most one
  /// line break (a wrapped line, not a new paragraph or punctuation).
  private static func onlySpace(_ gap: ArraySlice<UInt8>) -> Bool {
    !gap.isEmpty && gap.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
      && gap.filter { $0 == 0x0A }.count <= 1
  }
}
