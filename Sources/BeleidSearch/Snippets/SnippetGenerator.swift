import BeleidAnalysis
import BeleidDocuments
import Foundation

/// The best passage of a document for a query, with the matched words.
package struct Snippet: Sendable, Codable, Equatable {
  /// The passage.
  package var text: String
  /// Byte ranges in `text` to highlight, sorted and not overlapping.
  package var highlights: [Range<Int>]
  /// Where the passage starts in the document's body, in bytes.
  package var start: Int
  /// The page the passage is on (1-based), for paged documents.
  package var page: Int?
  /// Whether the passage starts or ends inside the body (for "…").
  package var startsInside: Bool
  package var endsInside: Bool

  /// The passage with highlights between `open` and `close`.
  package func marked(open: String, close: String) -> String {
    let bytes = Array(text.utf8)
    var result = ""
    var position = 0
    for range in highlights {
      result += String(decoding: bytes[position..<range.lowerBound], as: UTF8.self)
      result += open + String(decoding: bytes[range], as: UTF8.self) + close
      position = range.upperBound
    }
    result += String(decoding: bytes[position...], as: UTF8.self)
    return result
  }
}

extension Snippet {
  /// Encodes every field, `page` as `null` outside PDFs, and each highlight
  /// as a `[start, end]` pair of byte offsets into `text`.
  package func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(text, forKey: .text)
    try container.encode(highlights.map { [$0.lowerBound, $0.upperBound] }, forKey: .highlights)
    try container.encode(start, forKey: .start)
    try container.encode(page, forKey: .page)
    try container.encode(startsInside, forKey: .startsInside)
    try container.encode(endsInside, forKey: .endsInside)
  }
}

/// Finds the best passage of a document and the exact bytes that matched.
///
/// The body is analysed again with the document's own analyzer, so a
/// highlight covers exactly the bytes of every token whose stem the query
/// matched: inflected forms, a compound's part inside its word, the parts of
/// a hyphenated word. The passage is the window of about 240 bytes with the
/// most distinct matched stems (then the most matches), widened to sentence
/// boundaries. Not `Sendable`: it owns analyzers.
package final class SnippetGenerator {
  /// The passage's target length in bytes.
  package static let window = 240
  private var analyzers: [Language: Analyzer] = [:]
  private var splitters: [Language: SentenceSplitter] = [:]

  /// Creates a generator.
  package init() {}

  /// The snippet of `document` for the stems in `stems` and the phrases
  /// (stem sequences) in `phrases`; a phrase's words are highlighted only
  /// where they stand together.
  ///
  /// A body longer than `wholeAnalysisLimit` bytes is first searched, as
  /// bytes, for the first letters of each stem (case-insensitive, inside
  /// words too, where compound parts stand); only the region around the
  /// window with the most of them is analysed, then the next two such
  /// regions, and the body's first `fallbackLimit` bytes only when none
  /// holds a match (a stem whose forms do not start with it: "mak" for
  /// "maak", "client" for "cliënt"). Regulations run to hundreds of
  /// kilobytes: analysing each hit's whole text made snippets cost more
  /// than the search.
  ///
  /// - Complexity: O(*b*) byte comparisons for a body of *b* bytes, plus
  ///   the analysis of a region of a few windows; O(*n*·(1 + *p*)) for *n*
  ///   tokens and *p* phrases when the whole body is analysed.
  package func snippet(for document: Document, stems: Set<String>, phrases: [[String]] = []) throws -> Snippet {
    let body = Array(document.body.utf8)
    let language = document.language ?? .dutch
    var matches: [(range: Range<Int>, stem: Int32)] = []
    // A long text is analysed only around where its bytes hold the most of
    // the query's stems; the whole of it when that region matches nothing.
    if body.count > Self.wholeAnalysisLimit {
      for region in Self.likelyRegions(in: body, stems: stems, phrases: phrases) where matches.isEmpty {
        matches = try self.matches(in: body, region: region, language: language, stems: stems, phrases: phrases)
      }
    }
    if matches.isEmpty {
      let region = 0..<Self.boundary(in: body, near: min(body.count, Self.fallbackLimit))
      matches = try self.matches(in: body, region: region, language: language, stems: stems, phrases: phrases)
    }
    guard !matches.isEmpty else {
      return passage(document, body, around: 0..<min(body.count, Self.window), language, [])
    }
    var best = 0
    var bestScore = (-1, -1)
    var end = 0
    for start in matches.indices {
      while end < matches.count && matches[end].range.lowerBound < matches[start].range.lowerBound + Self.window {
        end += 1
      }
      let distinct = Set(matches[start..<end].map(\.stem)).count
      let score = (distinct, end - start)
      if score > bestScore {
        bestScore = score
        best = start
      }
    }
    let first = matches[best].range.lowerBound
    let last = matches.filter { $0.range.lowerBound < first + Self.window }.map(\.range.upperBound).max() ?? first
    return passage(document, body, around: first..<max(last, first), language, matches.map(\.range))
  }

  /// Every byte range of the document's body to highlight for `stems` and
  /// `phrases`, as in `snippet(for:stems:phrases:)`: sorted, overlapping
  /// and touching ranges merged.
  ///
  /// - Complexity: O(*n*·(1 + *p*)) for a body of *n* tokens and *p* phrases.
  package func highlights(for document: Document, stems: Set<String>, phrases: [[String]] = []) throws -> [Range<Int>] {
    let body = Array(document.body.utf8)
    let matches = try self.matches(in: body, language: document.language ?? .dutch, stems: stems, phrases: phrases)
    return Self.merged(matches.map(\.range))
  }

  /// Bodies up to this many bytes are analysed whole for a snippet.
  package static let wholeAnalysisLimit = 4_096
  /// When no likely region matches, at most this many bytes from the start
  /// are analysed: a law of megabytes would cost a tenth of a second.
  package static let fallbackLimit = 262_144

  /// The first white space at or after `offset` (or the end).
  static func boundary(in body: [UInt8], near offset: Int) -> Int {
    var offset = offset
    while offset < body.count && body[offset] > 0x20 { offset += 1 }
    return offset
  }

  /// Up to three byte ranges of `body`, best first, each around a window
  /// that holds the most distinct stems of the query (phrases' words
  /// included), judged by their first bytes (up to six, without the last
  /// two, at least three) found anywhere, case-insensitive, each weighted
  /// by its rarity in the text; empty when none is found.
  ///
  /// - Complexity: O(*b*·*s*) at worst for *b* bytes and *s* stems; one
  ///   table lookup per byte when no stem starts with that byte.
  static func likelyRegions(in body: [UInt8], stems: Set<String>, phrases: [[String]]) -> [Range<Int>] {
    func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
    // A stem's last letters may differ from its forms' ("elkar" for
    // "elkaar", "waaran" for "waaraan"), so they are left out.
    let words = stems.union(phrases.joined())
    let probes = Array(
      Set(words.map { Array($0.utf8.prefix(min(6, max(3, $0.utf8.count - 2)))).map(lower) }.filter { $0.count >= 3 }))
    guard !probes.isEmpty else { return [] }
    // The bytes a probe may start with, in either case.
    var starts = [Bool](repeating: false, count: 256)
    for probe in probes {
      starts[Int(probe[0])] = true
      if probe[0] >= 0x61 && probe[0] <= 0x7A { starts[Int(probe[0] & 0xDF)] = true }
    }
    var found: [(offset: Int, probe: Int)] = []
    body.withUnsafeBufferPointer { bytes in
      starts.withUnsafeBufferPointer { starts in
        var position = 0
        while position < bytes.count && found.count < 20_000 {
          if starts[Int(bytes[position])] {
            let first = lower(bytes[position])
            for (index, probe) in probes.enumerated() where probe[0] == first && position + probe.count <= bytes.count {
              var same = 1
              while same < probe.count && lower(bytes[position + same]) == probe[same] { same += 1 }
              if same == probe.count { found.append((position, index)) }
            }
          }
          position += 1
        }
      }
    }
    // A probe found all over the text ("met" of "meta") says little about
    // where the query's words stand: each counts by its rarity here.
    var occurrences = [Int](repeating: 0, count: probes.count)
    for item in found { occurrences[item.probe] += 1 }
    let weights = occurrences.map { 1 / (1 + log(Double(max(1, $0)))) }
    var regions: [Range<Int>] = []
    while regions.count < 3 {
      // A window slides over the finds, keeping each probe's count in it.
      var best = -1
      var bestScore = (0.0, 0)
      var counts = [Int](repeating: 0, count: probes.count)
      var weight = 0.0
      var end = 0
      for start in found.indices {
        while end < found.count && found[end].offset < found[start].offset + window {
          if counts[found[end].probe] == 0 { weight += weights[found[end].probe] }
          counts[found[end].probe] += 1
          end += 1
        }
        let score = (weight, end - start)
        if score > bestScore && !regions.contains(where: { $0.contains(found[start].offset) }) {
          bestScore = score
          best = start
        }
        counts[found[start].probe] -= 1
        if counts[found[start].probe] == 0 { weight -= weights[found[start].probe] }
      }
      guard best >= 0 else { break }
      // Three windows each way, widened to white space.
      var lowerBound = max(0, found[best].offset - 3 * window)
      var upperBound = min(body.count, found[best].offset + 4 * window)
      while lowerBound > 0 && body[lowerBound - 1] > 0x20 { lowerBound -= 1 }
      regions.append(lowerBound..<boundary(in: body, near: upperBound))
    }
    return regions
  }

  /// The tokens of `body` (of `region` of it, when given) whose stems are
  /// wanted and the spans of the phrases, with their stem (a phrase's is
  /// negative), sorted by start.
  private func matches(
    in body: [UInt8], region: Range<Int>? = nil, language: Language, stems: Set<String>, phrases: [[String]]
  ) throws -> [(range: Range<Int>, stem: Int32)] {
    let analyzer = try analyzers[language] ?? Analyzer(language: language)
    analyzers[language] = analyzer
    // Only compounds that may hold a wanted part are split: the same
    // highlights, without probing the word list for every other word.
    analyzer.restrictCompoundSplitting(toStems: stems)
    var tokens: [Token] = []
    let region = region ?? 0..<body.count
    try body.withUnsafeBytes { _ = try analyzer.analyze(UnsafeRawBufferPointer(rebasing: $0[region]), into: &tokens) }
    if region.lowerBound > 0 {
      let shift = Int32(region.lowerBound)
      for index in tokens.indices {
        tokens[index].start += shift
        tokens[index].end += shift
      }
    }
    var wanted = Set<Int32>()
    var checked = Set<Int32>()
    var matches: [(range: Range<Int>, stem: Int32)] = []
    for token in tokens where token.kind != .joined {
      if !checked.contains(token.stem) {
        checked.insert(token.stem)
        if stems.contains(analyzer.stem(token.stem)) { wanted.insert(token.stem) }
      }
      if wanted.contains(token.stem) { matches.append((token.range, token.stem)) }
    }
    // Joined forms count when the query had the joined form itself.
    for token in tokens where token.kind == .joined && stems.contains(analyzer.stem(token.stem)) {
      matches.append((token.range, token.stem))
    }
    // Phrases: consecutive words; each phrase counts as one distinct match.
    if !phrases.isEmpty {
      let words = tokens.filter { $0.kind != .joined && $0.kind != .compoundPart }
      var names: [Int32: String] = [:]
      let wordStems = words.map { token -> String in
        if let known = names[token.stem] { return known }
        let name = analyzer.stem(token.stem)
        names[token.stem] = name
        return name
      }
      for (index, phrase) in phrases.enumerated() where !phrase.isEmpty && phrase.count <= words.count {
        for start in 0...(words.count - phrase.count) where wordStems[start] == phrase[0] {
          guard (1..<phrase.count).allSatisfy({ wordStems[start + $0] == phrase[$0] }) else { continue }
          let whole = words[start].range.lowerBound..<words[start + phrase.count - 1].range.upperBound
          matches.append((whole, Int32(-1 - index)))
        }
      }
    }
    matches.sort { $0.range.lowerBound < $1.range.lowerBound }
    return matches
  }

  /// Sorted ranges with overlapping and touching ones merged.
  static func merged(_ ranges: [Range<Int>]) -> [Range<Int>] {
    var result: [Range<Int>] = []
    for range in ranges {
      if let last = result.last, range.lowerBound <= last.upperBound {
        result[result.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
      } else {
        result.append(range)
      }
    }
    return result
  }

  /// The sentences around `core`, cut to about two windows, with highlights.
  private func passage(
    _ document: Document, _ body: [UInt8], around core: Range<Int>, _ language: Language, _ matches: [Range<Int>]
  ) -> Snippet {
    // Sentence boundaries from a region around the core.
    let regionStart = max(0, core.lowerBound - 2 * Self.window)
    let regionEnd = min(body.count, core.upperBound + 2 * Self.window)
    var start = core.lowerBound
    var end = max(core.upperBound, min(body.count, core.lowerBound + Self.window))
    if let splitter = try? splitters[language] ?? SentenceSplitter(language: language) {
      splitters[language] = splitter
      let sentences = splitter.ranges(Array(body[regionStart..<regionEnd])).map {
        ($0.lowerBound + regionStart)..<($0.upperBound + regionStart)
      }
      if let first = sentences.last(where: { $0.lowerBound <= core.lowerBound }) { start = first.lowerBound }
      if let last = sentences.first(where: { $0.upperBound >= end }) { end = last.upperBound }
    }
    // Keep it readable: at most two windows, cut at spaces.
    if core.lowerBound - start > Self.window / 2 {
      start = core.lowerBound - Self.window / 2
      while start < core.lowerBound && body[start] != 0x20 { start += 1 }
      if start < core.lowerBound { start += 1 }
    }
    if end - start > 2 * Self.window {
      end = max(core.upperBound, start + 2 * Self.window)
      while end < body.count && end > core.upperBound && body[end - 1] != 0x20 { end -= 1 }
    }
    // Never cut a UTF-8 character.
    while start > 0 && start < body.count && body[start] & 0xC0 == 0x80 { start -= 1 }
    while end < body.count && body[end] & 0xC0 == 0x80 { end += 1 }
    // Trim white space; newlines become spaces in the passage.
    while start < end && (body[start] == 0x20 || body[start] == 0x0A || body[start] == 0x0D || body[start] == 0x09) {
      start += 1
    }
    while end > start && (body[end - 1] == 0x20 || body[end - 1] == 0x0A || body[end - 1] == 0x0D) { end -= 1 }
    var text = Array(body[start..<end])
    for index in text.indices where text[index] == 0x0A || text[index] == 0x0D || text[index] == 0x09 {
      text[index] = 0x20
    }
    let highlights = Self.merged(
      matches.filter { $0.lowerBound >= start && $0.upperBound <= end }.map {
        ($0.lowerBound - start)..<($0.upperBound - start)
      })
    return Snippet(
      text: String(decoding: text, as: UTF8.self), highlights: highlights, start: start,
      page: document.page(atOffset: start), startsInside: start > 0, endsInside: end < body.count)
  }

  /// The single stems a plan's leaves look for, to highlight; the words of
  /// a phrase with slop count here too, since they need not stand together.
  package static func stems(of plan: QueryPlan) -> Set<String> {
    var result = Set<String>()
    let resources = AnalysisResources.shared
    func isStopWord(_ stem: String) -> Bool {
      resources.dutchStopWords.find(stem) >= 0 || resources.englishStopWords.find(stem) >= 0
    }
    for leaf in plan.leaves {
      for option in leaf.options {
        switch option.match {
        case .term(let stem): result.insert(stem)
        case .phrase(let terms, let slop) where slop > 0: result.formUnion(terms.map(\.stem).filter { !isStopWord($0) })
        case .phrase: break
        case .allOf(let stems): result.formUnion(stems)
        case .prefix, .fuzzy: break
        }
      }
    }
    return result
  }

  /// The exact phrases a plan looks for, as stem sequences, to highlight
  /// where their words stand together.
  package static func phrases(of plan: QueryPlan) -> [[String]] {
    var result: [[String]] = []
    for leaf in plan.leaves {
      for option in leaf.options {
        // Offsets are consecutive for phrases the planner builds from text.
        if case .phrase(let terms, 0) = option.match, !result.contains(terms.map(\.stem)) {
          result.append(terms.map(\.stem))
        }
      }
    }
    return result
  }
}
