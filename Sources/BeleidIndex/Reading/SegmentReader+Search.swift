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
  /// for spelling suggestions; with `sameFirstCharacter`, only forms that
  /// start with the word's first character.
  ///
  /// - Complexity: see `walkForms(withinDistance:of:prefix:_:)`.
  package func forms(withinDistance distance: Int, of word: String, limit: Int, sameFirstCharacter: Bool = false)
    throws -> [NearbyForm]
  {
    var found: [(form: [UInt8], ordinal: Int, distance: Int)] = []
    let prefix = sameFirstCharacter ? Array((word.first.map(String.init) ?? "").utf8) : []
    try walkForms(withinDistance: distance, of: word, prefix: prefix) { key, ordinal, distance in
      found.append((key, ordinal, distance))
      return found.count < limit
    }
    return try found.map { item in
      let stem = try terms.entry(ordinal: item.ordinal).map { String(decoding: $0.key, as: UTF8.self) } ?? ""
      return NearbyForm(form: String(decoding: item.form, as: UTF8.self), distance: item.distance, stem: stem)
    }
  }

  /// Calls `visit` with each form within `distance` edits of a folded word
  /// that starts with `prefix`, its stem's ordinal and its distance, in key
  /// order, until it returns false.
  ///
  /// The sorted form dictionary is walked like a trie: the edit-distance row
  /// of each key prefix is kept, and once a prefix's row is entirely above
  /// `distance` the walk seeks past every key with that prefix. It reads the
  /// dictionary's neighbourhood of the word, not all of it.
  ///
  /// - Complexity: O(*k* · *d*) for *k* dictionary keys visited and a
  ///   distance *d*; *k* is the word's neighbourhood, not the dictionary.
  private func walkForms(
    withinDistance distance: Int, of word: String, prefix: [UInt8] = [],
    _ visit: (_ form: [UInt8], _ ordinal: Int, _ distance: Int) -> Bool
  ) throws {
    let target = Array(word.utf8)
    let m = target.count
    let width = m + 1
    // Row d of the edit-distance table (the key's first d bytes against
    // the word) is rows[d * width ..< (d + 1) * width]; `valid` rows hold.
    var rows = Array(0...m)
    var valid = 1
    var previous: [UInt8] = []
    var successor: [UInt8] = []
    var cursor = try forms.start()
    if !prefix.isEmpty, try !prefix.withUnsafeBytes({ try cursor.skip(forwardTo: $0) }) { return }
    while try cursor.advance() {
      guard cursor.key.starts(with: prefix) else { return }
      // The depth at which every key with this prefix is too far (0: none),
      // and the key's distance.
      let (dead, reached) = cursor.key.withUnsafeBufferPointer { key -> (Int, Int) in
        var shared = 0
        while shared < key.count && shared < previous.count && shared + 1 < valid && key[shared] == previous[shared] {
          shared += 1
        }
        valid = shared + 1
        for depth in shared..<key.count {
          if rows.count < (depth + 2) * width { rows.append(contentsOf: repeatElement(0, count: width)) }
          let above = depth * width
          let row = above + width
          let length = depth + 1
          // Only cells within `distance` of the diagonal can stay within
          // it (Ukkonen's band); the cells just outside hold distance + 1.
          let low = max(1, length - distance)
          let high = min(m, length + distance)
          rows[row] = length
          if low > 1 { rows[row + low - 1] = distance + 1 }
          if high < m { rows[row + high + 1] = distance + 1 }
          var smallest = length
          var j = low
          while j <= high {
            let cost = target[j - 1] == key[depth] ? 0 : 1
            rows[row + j] = min(rows[above + j] + 1, rows[row + j - 1] + 1, rows[above + j - 1] + cost)
            smallest = min(smallest, rows[row + j])
            j += 1
          }
          valid = depth + 2
          if smallest > distance { return (depth + 1, 0) }
        }
        return (0, abs(key.count - m) > distance ? distance + 1 : rows[key.count * width + m])
      }
      if dead > 0 {
        // Every key with this prefix is too far: skip past them all.
        successor.removeAll(keepingCapacity: true)
        successor.append(contentsOf: cursor.key[0..<dead])
        while let last = successor.last, last == 0xFF { successor.removeLast() }
        guard !successor.isEmpty else { break }
        successor[successor.count - 1] += 1
        valid = dead
        previous.removeAll(keepingCapacity: true)
        previous.append(contentsOf: cursor.key[0..<(dead - 1)])
        guard try successor.withUnsafeBytes({ try cursor.skip(forwardTo: $0) }) else { break }
        continue
      }
      previous.removeAll(keepingCapacity: true)
      previous.append(contentsOf: cursor.key)
      if reached <= distance, !visit(cursor.key, Int(cursor.values[0]), reached) { return }
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
