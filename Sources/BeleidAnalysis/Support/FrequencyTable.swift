/// Word frequencies: how often each folded word occurs in a reference text.
///
/// The Dutch decompounder uses them to tell a lexicalised word (minister:
/// 125,069 times) from a productive compound (ketenveiligheid: unseen) in the
/// manner of Koehn and Knight (2003). The bundled table is counted by
/// `beleid lexicon frequencies` over the text beleid indexes; see
/// Resources/README.md.
package struct FrequencyTable: Sendable {
  var words = ByteStringTable()
  var counts = TableBuffer<UInt32>([])

  /// Creates an empty table.
  package init() {}

  /// Parses `word<TAB>count` lines; `#` starts a comment line.
  package init(tsv bytes: [UInt8], name: String) throws {
    words = ByteStringTable(capacity: bytes.count / 10)
    var lineNumber = 0
    var failure: AnalysisError?
    bytes.withUnsafeBytes { raw in
      forEachLine(raw) { line in
        lineNumber += 1
        if line.isEmpty || line.first == UInt8(ascii: "#") { return true }
        guard let tab = line.firstIndex(of: UInt8(ascii: "\t")) else {
          failure = .malformedData(file: name, line: lineNumber, reason: "expected word<TAB>count")
          return false
        }
        var count: UInt32 = 0
        for byte in line[(tab + 1)...] {
          guard byte >= 48 && byte <= 57 else {
            failure = .malformedData(file: name, line: lineNumber, reason: "count is not a number")
            return false
          }
          count = count &* 10 &+ UInt32(byte - 48)
        }
        let id = words.insert(UnsafeRawBufferPointer(rebasing: line[..<tab]))
        if Int(id) == counts.count { counts.append(count) } else { counts[Int(id)] &+= count }
        return true
      }
    }
    if let failure { throw failure }
  }

  /// The number of distinct words.
  package var count: Int { counts.count }

  /// How often `word` occurs; 0 if unseen.
  package func frequency(_ word: UnsafeRawBufferPointer) -> UInt32 {
    let id = words.find(word)
    return id < 0 ? 0 : counts[Int(id)]
  }

  /// How often `word`, whose `ByteStringTable.hash` is `hash`, occurs.
  package func frequency(_ word: UnsafeRawBufferPointer, hash: UInt32) -> UInt32 {
    let id = words.findHashed(word, hash: hash)
    return id < 0 ? 0 : counts[Int(id)]
  }

  /// How often `word` occurs; 0 if unseen.
  package func frequency(_ word: String) -> UInt32 {
    let id = words.find(word)
    return id < 0 ? 0 : counts[Int(id)]
  }

  /// Adds `count` occurrences of `word`.
  package mutating func add(_ word: UnsafeRawBufferPointer, count: UInt32 = 1) {
    let id = words.insert(word)
    if Int(id) == counts.count { counts.append(count) } else { counts[Int(id)] &+= count }
  }

  /// Merges another table into this one.
  package mutating func merge(_ other: FrequencyTable) {
    for id in 0..<other.counts.count {
      other.words.withBytes(of: Int32(id)) { add($0, count: other.counts[id]) }
    }
  }

  /// The entries with at least `minimum` occurrences, most frequent first,
  /// ties in byte order.
  package func entries(minimum: UInt32 = 1) -> [(word: String, count: UInt32)] {
    var result: [(String, UInt32)] = []
    for id in 0..<counts.count where counts[id] >= minimum {
      result.append((words.string(Int32(id)), counts[id]))
    }
    result.sort { $0.1 != $1.1 ? $0.1 > $1.1 : Array($0.0.utf8).lexicographicallyPrecedes(Array($1.0.utf8)) }
    return result
  }
}

/// Calls `body` with each line of `bytes` (without the line feed or a
/// trailing carriage return) until it returns false.
func forEachLine(_ bytes: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer.SubSequence) -> Bool) {
  var start = 0
  let n = bytes.count
  while start < n {
    var end = start
    while end < n && bytes[end] != 0x0A { end += 1 }
    var lineEnd = end
    if lineEnd > start && bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
    if !body(bytes[start..<lineEnd]) { return }
    start = end + 1
  }
}
