/// Levenshtein distance between short strings, for "did you mean" hints.
package enum EditDistance {
  /// The number of single-character insertions, deletions and
  /// substitutions that turn `a` into `b`.
  ///
  /// - Complexity: O(*m* · *n*) in the strings' lengths in characters.
  package static func between(_ a: String, _ b: String) -> Int {
    between(Array(a), Array(b))
  }

  /// The number of single-element insertions, deletions and substitutions
  /// that turn `a` into `b` (bytes, for a byte distance).
  ///
  /// - Complexity: O(*m* · *n*) in the arrays' lengths.
  package static func between<Element: Equatable>(_ a: [Element], _ b: [Element]) -> Int {
    var row = Array(0...b.count)
    for i in stride(from: 1, through: a.count, by: 1) {
      var diagonal = row[0]
      row[0] = i
      for j in stride(from: 1, through: b.count, by: 1) {
        let above = row[j]
        row[j] = min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1))
        diagonal = above
      }
    }
    return row[b.count]
  }
}
