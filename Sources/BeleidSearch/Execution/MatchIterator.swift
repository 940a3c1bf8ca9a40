import BeleidIndex

/// Walks the documents one option of a leaf matches, with frequencies.
protocol MatchIterator: AnyObject {
  /// The current document, or `PostingsIterator.exhausted`.
  var doc: Int32 { get }
  @discardableResult func next() -> Int32
  @discardableResult func advance(to target: Int32) -> Int32
  /// Occurrences in the title and the body of the current document.
  var titleFrequency: UInt32 { get }
  var bodyFrequency: UInt32 { get }
  /// An estimate of how many documents it visits: the smallest list.
  var cost: Int { get }
  /// A decoding failure, if one stopped the iteration.
  var failure: IndexError? { get }
  /// An upper bound on the BM25F pseudo frequency of every document from
  /// `target` to the returned last document, from block maxima; nil when
  /// none is known.
  func frequencyBound(from target: Int32, bm25: BM25) -> (frequency: Double, lastDoc: Int32)?
  /// Appends where it matches in the current document's body: a term's
  /// positions, a phrase's starts, a compound's (its first part's).
  func appendBodyPositions(to result: inout [UInt32]) throws
}

extension MatchIterator {
  func frequencyBound(from target: Int32, bm25: BM25) -> (frequency: Double, lastDoc: Int32)? { nil }
}

extension PostingsIterator: MatchIterator {
  var cost: Int { documentFrequency }

  func frequencyBound(from target: Int32, bm25: BM25) -> (frequency: Double, lastDoc: Int32)? {
    shallowBlock(for: target).map { (bm25.blockFrequency($0), $0.lastDoc) }
  }

  func appendBodyPositions(to result: inout [UInt32]) throws {
    for position in try decodePositions() where position >= SegmentFormatBoundary.bodyOffset {
      result.append(position)
    }
  }
}

/// Documents that contain every one of several terms (a compound's parts);
/// the frequency is the smallest of theirs.
final class AllOfIterator: MatchIterator {
  private let parts: [PostingsIterator]
  /// `parts` unretained, for the hot paths (see `LeafScorer.fast`), in
  /// memory of their own: walking an array property would retain and
  /// release its storage on every call.
  private let fast: UnsafeMutableBufferPointer<Unmanaged<PostingsIterator>>
  private let partCount: Int
  @exclusivity(unchecked) private(set) var doc: Int32 = -1
  let cost: Int

  init(_ parts: [PostingsIterator]) {
    self.parts = parts.sorted { $0.documentFrequency < $1.documentFrequency }
    fast = .allocate(capacity: max(1, parts.count))
    for (index, part) in self.parts.enumerated() { fast[index] = Unmanaged.passUnretained(part) }
    partCount = parts.count
    cost = parts.map(\.documentFrequency).min() ?? 0
  }

  deinit { fast.deallocate() }

  var failure: IndexError? { parts.lazy.compactMap(\.failure).first }

  /// The rarest part's positions: a compound's parts stand at its position.
  func appendBodyPositions(to result: inout [UInt32]) throws { try parts[0].appendBodyPositions(to: &result) }

  var titleFrequency: UInt32 {
    var smallest = UInt32.max
    for index in 0..<partCount {
      smallest = min(smallest, fast[index]._withUnsafeGuaranteedRef { $0.titleFrequency })
    }
    return partCount == 0 ? 0 : smallest
  }

  var bodyFrequency: UInt32 {
    var smallest = UInt32.max
    for index in 0..<partCount {
      smallest = min(smallest, fast[index]._withUnsafeGuaranteedRef { $0.bodyFrequency })
    }
    return partCount == 0 ? 0 : smallest
  }

  func next() -> Int32 { align(fast[0]._withUnsafeGuaranteedRef { $0.next() }) }

  /// Every part's frequency bounds the shared one, so the smallest of the
  /// parts' block bounds does, up to the nearest of their block ends.
  ///
  /// - Complexity: O(*p* log *b*) for *p* parts of *b* blocks.
  func frequencyBound(from target: Int32, bm25: BM25) -> (frequency: Double, lastDoc: Int32)? {
    var result: (frequency: Double, lastDoc: Int32)?
    for part in parts {
      guard let bound = part.frequencyBound(from: target, bm25: bm25) else { continue }
      result = (min(result?.frequency ?? .infinity, bound.frequency), min(result?.lastDoc ?? .max, bound.lastDoc))
    }
    return result
  }

  func advance(to target: Int32) -> Int32 {
    if doc >= target { return doc }
    return align(fast[0]._withUnsafeGuaranteedRef { $0.advance(to: target) })
  }

  /// Moves all parts to the first document they share at or after `candidate`.
  private func align(_ candidate: Int32) -> Int32 {
    var target = candidate
    outer: while target != PostingsIterator.exhausted {
      for index in 0..<partCount {
        let found = fast[index]._withUnsafeGuaranteedRef { $0.advance(to: target) }
        if found != target {
          target =
            found == PostingsIterator.exhausted ? found : fast[0]._withUnsafeGuaranteedRef { $0.advance(to: found) }
          continue outer
        }
      }
      break
    }
    doc = target
    return doc
  }
}

/// Documents where terms occur at given relative positions, within a slop.
///
/// With slop *s*, each term may sit up to *s* positions from where the
/// first term puts it. Frequencies count the matches that start in the
/// title and in the body.
final class PhraseIterator: MatchIterator {
  private let terms: [PostingsIterator]
  /// The rarest term drives the search for documents holding them all; the
  /// others, rarest first, are advanced to it.
  private let lead: PostingsIterator
  /// Unretained, as `bounding` and `unretained`: `terms` keeps them alive,
  /// and the loops over them retain and release nothing per document.
  private let followers: [Unmanaged<PostingsIterator>]
  /// `terms`, unretained.
  private let unretained: [Unmanaged<PostingsIterator>]
  private let offsets: [Int]
  private let slop: Int
  @exclusivity(unchecked) private(set) var doc: Int32 = -1
  @exclusivity(unchecked) private(set) var titleFrequency: UInt32 = 0
  @exclusivity(unchecked) private(set) var bodyFrequency: UInt32 = 0
  let cost: Int
  @exclusivity(unchecked) private var positionFailure: IndexError?
  /// Per term, its positions in the current document.
  ///
  /// These are the buffers of its postings iterator; `cursors` holds how
  /// far each has been matched. Raw memory keeps the matching loop free of
  /// array checks.
  private let lists: UnsafeMutablePointer<UnsafeBufferPointer<UInt32>>
  private let cursors: UnsafeMutablePointer<Int>
  /// Per term, the first term with the same postings.
  ///
  /// A repeated word ("leden leden") is walked and decoded once per document.
  private let firstOfTerm: [Int]
  /// The terms without repeats: these are walked.
  private let distinctTerms: [PostingsIterator]
  /// The terms whose frequencies bound the phrase's (`frequencyBounds`),
  /// unretained: `terms` keeps them alive, and the loop over them then
  /// retains and releases nothing around its calls into the index module.
  private let bounding: [Unmanaged<PostingsIterator>]

  init(terms: [PostingsIterator], offsets: [Int], slop: Int) {
    self.terms = terms
    let firstOfTerm = terms.indices.map { index in
      terms.indices.first { terms[$0].walksSameTerm(as: terms[index]) } ?? index
    }
    self.firstOfTerm = firstOfTerm
    distinctTerms = terms.indices.filter { firstOfTerm[$0] == $0 }.map { terms[$0] }
    bounding = (slop == 0 ? distinctTerms : [terms[0]]).map { Unmanaged.passUnretained($0) }
    let byRarity = distinctTerms.sorted { $0.documentFrequency < $1.documentFrequency }
    lead = byRarity[0]
    followers = byRarity.dropFirst().map { Unmanaged.passUnretained($0) }
    unretained = terms.map { Unmanaged.passUnretained($0) }
    self.offsets = offsets
    self.slop = slop
    cost = lead.documentFrequency
    lists = .allocate(capacity: terms.count)
    lists.initialize(repeating: UnsafeBufferPointer(start: nil, count: 0), count: terms.count)
    cursors = .allocate(capacity: terms.count)
    cursors.initialize(repeating: 0, count: terms.count)
  }

  deinit {
    lists.deallocate()
    cursors.deallocate()
  }

  var failure: IndexError? { positionFailure ?? terms.lazy.compactMap(\.failure).first }

  func next() -> Int32 { find(lead.next()) }

  func advance(to target: Int32) -> Int32 {
    if doc >= target { return doc }
    return find(lead.advance(to: target))
  }

  private func find(_ candidate: Int32) -> Int32 {
    var target = align(candidate)
    while target != PostingsIterator.exhausted && !countMatches() { target = align(lead.next()) }
    doc = target
    return doc
  }

  /// The next document holding every term, where the phrase may occur; its
  /// positions are not read until `verify()`.
  func nextCandidate() -> Int32 {
    doc = align(lead.next())
    return doc
  }

  /// Whether the phrase occurs in the candidate; sets the frequencies.
  func verify() -> Bool { countMatches() }

  /// Upper bounds on the title and body frequencies of the candidate, from
  /// its terms' frequencies: every match starts at its own position of the
  /// first term, and without slop each match also takes its own position of
  /// every other term.
  var frequencyBounds: (title: UInt32, body: UInt32) {
    var title = UInt32.max
    var body = UInt32.max
    for term in bounding {
      term._withUnsafeGuaranteedRef { term in
        let frequencies = term.frequencies
        title = min(title, frequencies.title)
        body = min(body, frequencies.body)
      }
    }
    return (title, body)
  }

  /// Moves all terms to the first document they share at or after `candidate`.
  private func align(_ candidate: Int32) -> Int32 {
    var target = candidate
    outer: while target != PostingsIterator.exhausted {
      for term in followers {
        let found = term._withUnsafeGuaranteedRef { $0.advance(to: target) }
        if found != target {
          target = found == PostingsIterator.exhausted ? found : lead.advance(to: found)
          continue outer
        }
      }
      break
    }
    return target
  }

  /// Counts phrase matches in the current document; false if none.
  ///
  /// - Complexity: O(*p*) for the terms' *p* positions in the document.
  private func countMatches() -> Bool {
    do {
      for index in terms.indices {
        let first = firstOfTerm[index]
        lists[index] =
          first == index ? try unretained[index]._withUnsafeGuaranteedRef { try $0.decodePositions() } : lists[first]
      }
    } catch {
      positionFailure = error as? IndexError
      return false
    }
    (titleFrequency, bodyFrequency) = terms.count == 2 ? countPairs() : countStarts()
    return titleFrequency + bodyFrequency > 0
  }

  /// The starts of the first term where every other term stands within
  /// the slop of its place: matches in the title and in the body.
  private func countStarts() -> (title: UInt32, body: UInt32) {
    var title: UInt32 = 0
    var body: UInt32 = 0
    forEachStart { start in
      if start < SegmentFormatBoundary.bodyOffset { title += 1 } else { body += 1 }
    }
    return (title, body)
  }

  /// The body positions where a match starts, in the current document
  /// (as `countStarts` finds them; the positions are already decoded).
  func appendBodyPositions(to result: inout [UInt32]) throws {
    forEachStart { start in
      if start >= SegmentFormatBoundary.bodyOffset { result.append(start) }
    }
  }

  /// Calls `body` with each start of the first term where every other
  /// term stands within the slop of its place, ascending.
  ///
  /// - Complexity: O(*p*) for the terms' *p* positions in the document.
  @inline(__always)
  private func forEachStart(_ body: (UInt32) -> Void) {
    let count = terms.count
    for index in 0..<count { cursors[index] = 0 }
    var previous: UInt32?
    starts: for start in lists[0] {
      // A word and its compound part may share a stem and a position
      // (middellijk, middel·lijk); count each start once.
      if start == previous { continue }
      previous = start
      for index in 1..<count {
        let want = Int(start) + offsets[index] - offsets[0]
        let list = lists[index]
        var cursor = cursors[index]
        while cursor < list.count && Int(list[cursor]) < want - slop { cursor += 1 }
        cursors[index] = cursor
        if cursor >= list.count || Int(list[cursor]) > want + slop { continue starts }
      }
      body(start)
    }
  }

  /// `countStarts` for a phrase of two words, the common case, with the
  /// cursor in a register.
  private func countPairs() -> (title: UInt32, body: UInt32) {
    let starts = lists[0]
    let list = lists[1]
    let distance = offsets[1] - offsets[0]
    var title: UInt32 = 0
    var body: UInt32 = 0
    var cursor = 0
    var previous: UInt32?
    for start in starts {
      if start == previous { continue }
      previous = start
      let want = Int(start) + distance
      while cursor < list.count && Int(list[cursor]) < want - slop { cursor += 1 }
      if cursor == list.count { break }
      if Int(list[cursor]) <= want + slop {
        if start < SegmentFormatBoundary.bodyOffset { title += 1 } else { body += 1 }
      }
    }
    return (title, body)
  }
}

/// Where body positions start (title positions lie below).
enum SegmentFormatBoundary {
  static let bodyOffset: UInt32 = 1 << 16
}
