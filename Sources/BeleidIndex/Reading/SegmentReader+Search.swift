/// What a searcher needs from a segment: postings by term, lengths, and the
/// form dictionary for prefix and fuzzy queries.
extension SegmentReader {
  /// The postings of a stem, or nil when the segment lacks it.
  package func postings(for term: String) throws -> PostingsIterator? {
    var term = term
    guard let info = try term.withUTF8({ try termInfo(UnsafeRawBufferPointer($0)) }) else { return nil }
    return try postings(info)
  }

  /// Documents of this segment containing a stem (deleted ones included).
  package func documentFrequency(of term: String) throws -> Int {
    var term = term
    return try term.withUTF8 { try termInfo(UnsafeRawBufferPointer($0))?.documentFrequency ?? 0 }
  }

  /// The body and title length codes of a document (see `FieldNorm`).
  @inline(__always)
  package func lengthCodes(_ doc: Int) -> (body: UInt8, title: UInt8) { normCodes(doc) }

  /// Whether the segment's text has the folded word `form` as written.
  package func containsForm(_ form: String) throws -> Bool {
    let key = Array(form.utf8)
    var cursor = try key.withUnsafeBytes { try forms.seek($0) }
    guard let entry = try cursor.next() else { return false }
    return entry.key.elementsEqual(key)
  }

  /// The stems of the forms starting with a folded prefix, at most `limit`
  /// forms; `truncated` says whether there were more.
  ///
  /// - Complexity: O(log *b* + *m*) for *m* matching forms.
  package func stems(withPrefix prefix: String, limit: Int) throws -> (stems: Set<String>, truncated: Bool) {
    let key = Array(prefix.utf8)
    var cursor = try key.withUnsafeBytes { try forms.seek($0) }
    var ordinals = Set<Int>()
    var seen = 0
    while let entry = try cursor.next(), entry.key.starts(with: key) {
      seen += 1
      if seen > limit { return (try stems(ordinals), true) }
      ordinals.insert(Int(entry.values[0]))
    }
    return (try stems(ordinals), false)
  }

  /// The stems of the forms within `distance` edits (byte Levenshtein) of
  /// a folded word, at most `limit` forms.
  ///
  /// - Complexity: see `walkForms(withinDistance:of:_:)`.
  package func stems(withinDistance distance: Int, of word: String, limit: Int) throws
    -> (stems: Set<String>, truncated: Bool)
  {
    var ordinals = Set<Int>()
    var found = 0
    var truncated = false
    try walkForms(withinDistance: distance, of: word) { _, ordinal, _ in
      found += 1
      if found > limit {
        truncated = true
        return false
      }
      ordinals.insert(ordinal)
      return true
    }
    return (try stems(ordinals), truncated)
  }

  /// A form of the segment's text near a word, with its stem.
  package struct NearbyForm: Sendable, Equatable {
    /// The folded form as written in the text.
    package var form: String
    /// Its edit distance (byte Levenshtein) from the word.
    package var distance: Int
    /// The stem it is indexed under.
    package var stem: String
  }

  /// The forms within `distance` edits of a folded word, at most `limit`,
  /// for spelling suggestions.
  ///
  /// - Complexity: see `walkForms(withinDistance:of:_:)`.
  package func forms(withinDistance distance: Int, of word: String, limit: Int) throws -> [NearbyForm] {
    var found: [(form: [UInt8], ordinal: Int, distance: Int)] = []
    try walkForms(withinDistance: distance, of: word) { key, ordinal, distance in
      found.append((key, ordinal, distance))
      return found.count < limit
    }
    return try found.map { item in
      let stem = try terms.entry(ordinal: item.ordinal).map { String(decoding: $0.key, as: UTF8.self) } ?? ""
      return NearbyForm(form: String(decoding: item.form, as: UTF8.self), distance: item.distance, stem: stem)
    }
  }

  /// Calls `visit` with each form within `distance` edits of a folded word,
  /// its stem's ordinal and its distance, in key order, until it returns
  /// false.
  ///
  /// The sorted form dictionary is walked like a trie: the edit-distance row
  /// of each key prefix is kept, and once a prefix's row is entirely above
  /// `distance` the walk seeks past every key with that prefix. It reads the
  /// dictionary's neighbourhood of the word, not all of it.
  ///
  /// - Complexity: O(*k* · *m*) for *k* dictionary keys visited and a word
  ///   of *m* bytes; *k* is the word's neighbourhood, not the dictionary.
  private func walkForms(
    withinDistance distance: Int, of word: String, _ visit: (_ form: [UInt8], _ ordinal: Int, _ distance: Int) -> Bool
  ) throws {
    let target = Array(word.utf8)
    let m = target.count
    var rows: [[Int]] = [Array(0...m)]
    var previous: [UInt8] = []
    var cursor = try forms.start()
    while let entry = try cursor.next() {
      let key = entry.key
      var shared = 0
      while shared < key.count && shared < previous.count && shared + 1 < rows.count && key[shared] == previous[shared]
      {
        shared += 1
      }
      rows.removeSubrange((shared + 1)...)
      var dead = -1
      for depth in shared..<key.count {
        let above = rows[depth]
        var row = [Int](repeating: 0, count: m + 1)
        row[0] = above[0] + 1
        var smallest = row[0]
        for j in 1...max(1, m) where j <= m {
          let cost = target[j - 1] == key[depth] ? 0 : 1
          row[j] = min(above[j] + 1, row[j - 1] + 1, above[j - 1] + cost)
          smallest = min(smallest, row[j])
        }
        rows.append(row)
        if smallest > distance {
          dead = depth + 1
          break
        }
      }
      if dead > 0 {
        // Every key with this prefix is too far: seek past them all.
        var successor = Array(key[0..<dead])
        while let last = successor.last, last == 0xFF { successor.removeLast() }
        guard !successor.isEmpty else { break }
        successor[successor.count - 1] += 1
        rows.removeSubrange(dead...)
        previous = Array(key[0..<(dead - 1)])
        cursor = try successor.withUnsafeBytes { try forms.seek($0) }
        continue
      }
      previous = key
      let reached = rows[rows.count - 1][m]
      if reached <= distance, !visit(Array(key), Int(entry.values[0]), reached) { return }
    }
  }

  private func stems(_ ordinals: Set<Int>) throws -> Set<String> {
    var result = Set<String>()
    for ordinal in ordinals {
      if let entry = try terms.entry(ordinal: ordinal) { result.insert(String(decoding: entry.key, as: UTF8.self)) }
    }
    return result
  }
}
