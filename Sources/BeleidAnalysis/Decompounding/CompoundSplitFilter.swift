/// Which words are worth splitting when only some compound parts matter.
///
/// A highlighter looks for a query's stems. A compound's part can carry one
/// of them only if the word holds the part's spelling, and a stem is its
/// word cut at the end, with at most its last two letters changed:
/// Porter-Dutch removes endings and undoubles a vowel or consonant before
/// the last letter (*brood* → *brod*), and `DutchStemmer` turns a final *v*
/// or *z* into *f* or *s*, *-iële* into *-ieel* and *-heden* into *-heid*.
/// So a word that holds a part with stem *s* holds *s* without its last two
/// characters (at least two are kept). The stemmer's overrides are the
/// exceptions (*leden* → *lid*, *rijksoverheden* → *rijksoverheid*): for a
/// stem that ends in an override's stem, the stem with that ending spelt
/// as the override's word is a fragment too. A test checks the rule on
/// every word of the decompounder's word list. Splitting only the words
/// that hold a fragment leaves every part with one of the stems in place
/// and skips the word-list probes (and the table pages) for the rest.
struct CompoundSplitFilter {
  /// Byte strings of which a word must hold one to be split.
  let fragments: [[UInt8]]

  /// Every (word or ending, stem) pair the Dutch stemmer fixes: its suffix
  /// overrides and the override table of `resources`.
  static func overrides(_ resources: AnalysisResources) -> [([UInt8], [UInt8])] {
    let table = resources.dutchStemOverrides
    return DutchStemmer.suffixOverrides
      + (0..<Int32(table.count)).map { id in
        (table.withBytes(of: id) { Array($0) }, resources.dutchStemOverrideStems[Int(id)])
      }
  }

  /// A filter for parts whose stem is one of `stems`; `overrides` are the
  /// stemmer's fixed (word or ending, stem) pairs.
  init(stems: some Sequence<[UInt8]>, overrides: some Sequence<([UInt8], [UInt8])>) {
    var fragments = Set<[UInt8]>()
    var wanted = Set<[UInt8]>()
    for stem in stems where !stem.isEmpty {
      wanted.insert(stem)
      // Characters, not bytes: a fragment never ends inside one.
      var starts = stem.indices.filter { stem[$0] & 0xC0 != 0x80 }
      starts.append(stem.count)
      let kept = max(min(2, starts.count - 1), starts.count - 3)
      fragments.insert(Array(stem[..<starts[kept]]))
    }
    for (word, stem) in overrides {
      for wanted in wanted where wanted.count >= stem.count && wanted.suffix(stem.count).elementsEqual(stem) {
        fragments.insert(Array(wanted.dropLast(stem.count)) + word)
      }
    }
    // A word that holds a short fragment needs no test for a longer one
    // containing it.
    var kept: [[UInt8]] = []
    for fragment in fragments.sorted(by: {
      $0.count != $1.count ? $0.count < $1.count : $0.lexicographicallyPrecedes($1)
    })
    where !kept.contains(where: { fragment.withUnsafeBytes(Self.holds($0)) }) {
      kept.append(fragment)
    }
    self.fragments = kept
  }

  /// Whether `word` holds one of the fragments.
  ///
  /// - Complexity: O(*n*·*f*) for a word of *n* bytes and *f* fragments of
  ///   bounded length.
  func admits(_ word: UnsafeRawBufferPointer) -> Bool {
    fragments.contains { Self.holds($0)(word) }
  }

  /// A test of whether a text holds `fragment`.
  private static func holds(_ fragment: [UInt8]) -> (UnsafeRawBufferPointer) -> Bool {
    { text in
      guard fragment.count <= text.count else { return false }
      var start = 0
      while start + fragment.count <= text.count {
        var index = 0
        while index < fragment.count && text[start + index] == fragment[index] { index += 1 }
        if index == fragment.count { return true }
        start += 1
      }
      return false
    }
  }
}
