import Foundation

/// Splits Dutch compounds into their parts with a word list and frequencies.
///
/// The method is dictionary-based, after Koehn and Knight (2003), "Empirical
/// Methods for Compound Splitting":
///
/// 1. Find the segmentations of the word into at least two parts, each an
///    OpenTaal word (or from our supplement) of three letters or more that is
///    not a stop word or particle, optionally joined by a linking element
///    (-s-, -e-, -en-). A three-letter part that is not the last needs a
///    linking element, so wethouder stays whole but wetsvoorstel splits.
/// 2. Take the segmentation with the fewest parts; among those, the one with
///    the highest geometric mean of the parts' frequencies.
/// 3. Split only if that mean is higher than the frequency of the whole word:
///    minister (125,069 in the reference text) is not mini + ster (46, 144).
/// 4. A non-last part ending in -en whose base is a word without an -s
///    plural is read as base + linking -en-: inlichtingendiensten →
///    inlichting + diensten, but ketenveiligheid keeps keten.
/// 5. Parts rare in the reference text are split again (up to two levels):
///    cyberbeveiligingswet → cyberbeveiliging + wet → cyber + beveiliging +
///    wet, while drinkwater in drinkwatersector stays whole.
///
/// A word with a digit followed by letters (nis2richtlijn) also splits at
/// that boundary when the letters form a known word.
///
/// - Complexity: O(*n*²) word-list probes for a word of *n* bytes. Callers
///   cache the result per distinct word.
package struct DutchDecompounder: Sendable {
  /// The shortest word that is tried.
  package static let minimumWordLength = 6
  /// The shortest part.
  package static let minimumPartLength = 3
  /// Parts whose frequency plus one is below this are split again.
  package static let rarePartFrequency: UInt32 = 20
  /// At most this many parts in one level.
  package static let maximumParts = 4

  private let resources: AnalysisResources
  /// Linking elements between parts: none, -s-, -e-, -en-.
  private static let links: [[UInt8]] = [[], [UInt8(ascii: "s")], [UInt8(ascii: "e")], Array("en".utf8)]

  /// Creates a decompounder over the shared resources.
  package init(resources: AnalysisResources = .shared) {
    self.resources = resources
  }

  /// Whether a word list is loaded; without one nothing splits.
  package var isAvailable: Bool { resources.dutchLexicon.count > 1_000 }

  /// The parts of a folded word as byte ranges within it.
  ///
  /// An empty array means the word is not a compound. Linking elements fall
  /// between the ranges.
  package func split(_ word: UnsafeRawBufferPointer) -> [Range<Int>] {
    guard isAvailable else { return [] }
    if resources.protectedCompounds.find(word) >= 0 { return [] }
    var end = word.count
    // A trailing 's (veiligheidsrisico's) goes back onto the last part.
    if end > 2 && word[end - 2] == UInt8(ascii: "'") && word[end - 1] == UInt8(ascii: "s") {
      end -= 2
    }
    var parts: [Range<Int>] = []
    if let digitSplit = splitAtDigit(word, end: end) {
      parts = digitSplit
    } else {
      parts = split(word, range: 0..<end, depth: 0)
    }
    if !parts.isEmpty && end != word.count {
      parts[parts.count - 1] = parts[parts.count - 1].lowerBound..<word.count
    }
    return parts
  }

  /// The parts of `word`, folded as the analyzer folds it first.
  package func split(_ word: String) -> [String] {
    var word = TextFolding.fold(word)
    return word.withUTF8 { utf8 in
      let raw = UnsafeRawBufferPointer(utf8)
      return split(raw).map { String(decoding: raw[$0], as: UTF8.self) }
    }
  }

  private static func matches(_ word: UnsafeRawBufferPointer, at offset: Int, _ link: [UInt8]) -> Bool {
    for (index, byte) in link.enumerated() where word[offset + index] != byte { return false }
    return true
  }

  private func isLetter(_ byte: UInt8) -> Bool {
    (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || byte >= 0x80
  }

  private func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }

  private func isWord(_ word: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool {
    isWord(word, range, hash: ByteStringTable.hash(UnsafeRawBufferPointer(rebasing: word[range])))
  }

  private func isWord(_ word: UnsafeRawBufferPointer, _ range: Range<Int>, hash: UInt32) -> Bool {
    let part = UnsafeRawBufferPointer(rebasing: word[range])
    return resources.dutchLexicon.findHashed(part, hash: hash) >= 0
      && resources.blockedCompoundParts.findHashed(part, hash: hash) < 0
  }

  private func frequency(_ word: UnsafeRawBufferPointer, _ range: Range<Int>, hash: UInt32) -> UInt32 {
    resources.frequencies.frequency(UnsafeRawBufferPointer(rebasing: word[range]), hash: hash)
  }

  private func frequency(_ word: UnsafeRawBufferPointer, _ range: Range<Int>) -> UInt32 {
    resources.frequencies.frequency(UnsafeRawBufferPointer(rebasing: word[range]))
  }

  /// nis2richtlijn → nis2 + richtlijn.
  private func splitAtDigit(_ word: UnsafeRawBufferPointer, end: Int) -> [Range<Int>]? {
    var i = 1
    while i < end {
      if isDigit(word[i - 1]) && isLetter(word[i]) {
        let tail = i..<end
        guard tail.count >= Self.minimumPartLength else { return nil }
        for k in tail where !isLetter(word[k]) { return nil }
        if isWord(word, tail) { return [0..<i, tail] }
        let inner = split(word, range: tail, depth: 1)
        return inner.isEmpty ? nil : [0..<i] + inner
      }
      i += 1
    }
    return nil
  }

  /// The best split of `word[range]`, or [] to keep it whole.
  private func split(_ word: UnsafeRawBufferPointer, range: Range<Int>, depth: Int) -> [Range<Int>] {
    let lower = range.lowerBound
    let n = range.upperBound
    guard n - lower >= Self.minimumWordLength else { return [] }
    for k in range where !isLetter(word[k]) { return [] }

    // Forward: from each start a part can begin at (0, or just after an
    // earlier part and its linking element), find the parts, as edges.
    // Only reachable starts are probed, which keeps the word list probes
    // (cache misses, mostly) few.
    struct Edge {
      var start: Int
      var end: Int
      var score: Double
    }
    var edges: [Edge] = []
    var reachable = [Bool](repeating: false, count: n - lower + 1)
    reachable[0] = true
    for i in lower..<(n - Self.minimumPartLength + 1) where reachable[i - lower] {
      // Hash word[i..<j] incrementally as j grows: one probe per candidate.
      var state = ByteStringTable.hashSeed
      for k in i..<(i + Self.minimumPartLength - 1) { state = ByteStringTable.hashStep(state, word[k]) }
      var j = i + Self.minimumPartLength
      while j <= n {
        defer { j += 1 }
        state = ByteStringTable.hashStep(state, word[j - 1])
        let hash = ByteStringTable.hashFinish(state)
        if !resources.dutchLexiconPrefixes.contains(hash) {
          // No word starts with word[i..<j]: no longer one will either.
          if j - i <= PrefixFilter.lengths.upperBound { break }
          // Not a word: no need to probe the word list.
          continue
        }
        guard !(i == lower && j == n), isWord(word, i..<j, hash: hash) else { continue }
        edges.append(Edge(start: i, end: j, score: log(Double(frequency(word, i..<j, hash: hash)) + 1)))
        guard j < n else { continue }
        for link in Self.links {
          if link.isEmpty && j - i == Self.minimumPartLength { continue }
          let k = j + link.count
          guard k < n, Self.matches(word, at: j, link) else { continue }
          reachable[k - lower] = true
        }
      }
    }
    guard !edges.isEmpty else { return [] }

    // Backward: best[i] is the best segmentation of word[i..<n] as (parts,
    // score, end of the first part, start of the next part).
    struct Cell {
      var parts = Int.max
      var score = -Double.infinity
      var partEnd = 0
      var next = 0
    }
    var best = [Cell](repeating: Cell(), count: n - lower + 1)
    for edge in edges.reversed() {
      var cell = best[edge.start - lower]
      if edge.end == n {
        if 1 < cell.parts || (1 == cell.parts && edge.score > cell.score) {
          cell = Cell(parts: 1, score: edge.score, partEnd: n, next: n)
        }
      } else {
        for link in Self.links {
          if link.isEmpty && edge.end - edge.start == Self.minimumPartLength { continue }
          let k = edge.end + link.count
          guard k < n, Self.matches(word, at: edge.end, link) else { continue }
          let rest = best[k - lower]
          guard rest.parts != Int.max, rest.parts + 1 <= Self.maximumParts else { continue }
          let parts = rest.parts + 1
          let total = edge.score + rest.score
          if parts < cell.parts || (parts == cell.parts && total > cell.score) {
            cell = Cell(parts: parts, score: total, partEnd: edge.end, next: k)
          }
        }
      }
      best[edge.start - lower] = cell
    }
    let first = best[0]
    guard first.parts != Int.max, first.parts >= 2 else { return [] }
    // Koehn and Knight: split only if the parts are more common than the
    // whole. A whole word missing from the word list counts as unseen.
    let inLexicon = resources.dutchLexicon.find(UnsafeRawBufferPointer(rebasing: word[range])) >= 0
    let wholeScore = inLexicon ? log(Double(frequency(word, range)) + 1) : 0
    guard first.score / Double(first.parts) > wholeScore else { return [] }

    var parts: [Range<Int>] = []
    var i = lower
    while i < n {
      let cell = best[i - lower]
      parts.append(i..<cell.partEnd)
      i = cell.next
    }
    // A plural -en on a non-last part is a linking element.
    for index in parts.indices.dropLast() {
      let part = parts[index]
      guard part.count - 2 >= Self.minimumPartLength,
        word[part.upperBound - 2] == UInt8(ascii: "e"), word[part.upperBound - 1] == UInt8(ascii: "n")
      else { continue }
      let base = part.lowerBound..<(part.upperBound - 2)
      var plural = Array(word[part])
      plural.append(UInt8(ascii: "s"))
      let hasSPlural = plural.withUnsafeBytes { resources.dutchLexicon.find($0) >= 0 }
      if isWord(word, base) && !hasSPlural { parts[index] = base }
    }
    guard depth < 2 else { return parts }
    var result: [Range<Int>] = []
    for part in parts {
      if frequency(word, part) &+ 1 < Self.rarePartFrequency {
        let inner = split(word, range: part, depth: depth + 1)
        if !inner.isEmpty {
          result.append(contentsOf: inner)
          continue
        }
      }
      result.append(part)
    }
    return result
  }
}
