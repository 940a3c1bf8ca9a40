import BeleidAnalysis
import BeleidIndex

/// "Did you mean" for query words that match no document.
///
/// A word of the query whose own stem is in no document gets, as a hint,
/// the word of the indexed text nearest to it: within 2 edits (1 for words
/// of 3 or 4 letters), the fewest edits first, then the form whose stem has
/// the most documents. The query itself is never changed.
///
/// Hints start with the word's first character, as Lucene's
/// `DirectSpellChecker` and Elasticsearch's term suggester require by
/// default (`minPrefix`, `prefix_length` 1): misspellings rarely change the
/// first letter, and the walk then reads one letter's part of the
/// dictionary instead of all of it. Forms 1 edit away are looked for
/// first; 2 edits only when none has documents.
package struct SpellingSuggester {
  /// A query word that matched nothing, and the nearest indexed word.
  package struct Suggestion: Sendable, Equatable {
    /// The word as the user wrote it.
    package var word: String
    /// The folded word of the indexed text to try instead.
    package var suggestion: String
    /// How many documents hold the suggestion's stem.
    package var documentFrequency: Int
  }

  private let reader: IndexReader

  /// Creates a suggester over an index.
  package init(reader: IndexReader) {
    self.reader = reader
  }

  /// The suggestions for the plan's plain words that match no document.
  ///
  /// - Complexity: for each such word, a walk of each segment's form
  ///   dictionary near the word (see `SegmentReader.forms(withinDistance:of:limit:)`).
  package func suggestions(for plan: QueryPlan) throws -> [Suggestion] {
    var result: [Suggestion] = []
    for leaf in plan.leaves {
      let word = leaf.label
      guard word.count >= 3, word.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }),
        let own = leaf.options.first(where: { $0.provenance == .query }), case .term(let stem) = own.match,
        try reader.documentFrequency(stem) == 0,
        !result.contains(where: { $0.word == word }),
        let suggestion = try nearest(to: TextFolding.fold(word))
      else { continue }
      result.append(Suggestion(word: word, suggestion: suggestion.form, documentFrequency: suggestion.frequency))
    }
    return result
  }

  /// The indexed form nearest to a folded word whose stem has documents.
  private func nearest(to folded: String) throws -> (form: String, frequency: Int)? {
    for distance in 1...(folded.count <= 4 ? 1 : 2) {
      if let found = try nearest(to: folded, within: distance) { return found }
    }
    return nil
  }

  /// The indexed form within `distance` edits of a folded word, starting
  /// with its first character, with the fewest edits and then the most
  /// documents.
  private func nearest(to folded: String, within distance: Int) throws -> (form: String, frequency: Int)? {
    var best: (form: String, distance: Int, frequency: Int)?
    var frequencies: [String: Int] = [:]
    for segment in reader.segments {
      for nearby in try segment.forms(withinDistance: distance, of: folded, limit: 64, sameFirstCharacter: true)
      where nearby.form != folded {
        let frequency: Int
        if let known = frequencies[nearby.stem] {
          frequency = known
        } else {
          frequency = try reader.documentFrequency(nearby.stem)
          frequencies[nearby.stem] = frequency
        }
        guard frequency > 0 else { continue }
        if let current = best,
          (current.distance, -current.frequency, current.form) <= (nearby.distance, -frequency, nearby.form)
        {
          continue
        }
        best = (nearby.form, nearby.distance, frequency)
      }
    }
    return best.map { ($0.form, $0.frequency) }
  }
}
