import Foundation

/// How Dutch or English a word looks, from its letters: a character n-gram
/// model (Cavnar & Trenkle's idea, as naive Bayes) learnt from the words
/// that only one of the two word lists holds.
///
/// It judges the words the lists cannot: words in both (OpenTaal holds
/// many English loans: processing, agreement, platforms) and words in
/// neither (gatekeepers, CSIRT). The 3- and 4-grams of the word between
/// boundary marks (`^proc`, `ing$`) are hashed into a fixed number of
/// buckets per language, so the model is two arrays of counts; collisions
/// blur it a little and cost nothing.
package struct WordShapeModel: Sendable {
  /// Buckets per language.
  static let bucketCount = 1 << 17

  /// Counts per bucket: Dutch, then English.
  let dutch: TableBuffer<UInt32>
  let english: TableBuffer<UInt32>
  /// The sums of `dutch` and `english`, kept so that a mapped model is not
  /// read whole at start.
  let totals: TableBuffer<UInt64>

  /// Learns from the words only one list holds.
  ///
  /// - Complexity: O(*n*) in the lists' bytes.
  init(dutchWords: ByteStringTable, englishWords: ByteStringTable) {
    var dutch = [UInt32](repeating: 0, count: Self.bucketCount)
    var english = [UInt32](repeating: 0, count: Self.bucketCount)
    for id in 0..<Int32(dutchWords.count) {
      dutchWords.withBytes(of: id) { word in
        if englishWords.find(word) < 0 { Self.forEachBucket(word) { dutch[$0] &+= 1 } }
      }
    }
    for id in 0..<Int32(englishWords.count) {
      englishWords.withBytes(of: id) { word in
        if dutchWords.find(word) < 0 { Self.forEachBucket(word) { english[$0] &+= 1 } }
      }
    }
    let totals = [dutch, english].map { $0.reduce(UInt64(0)) { $0 + UInt64($1) } }
    self.init(dutch: TableBuffer(dutch), english: TableBuffer(english), totals: TableBuffer(totals))!
  }

  /// A model of counts already made (from the compiled cache); nil when
  /// their sizes are not the model's.
  init?(dutch: TableBuffer<UInt32>, english: TableBuffer<UInt32>, totals: TableBuffer<UInt64>) {
    guard dutch.count == Self.bucketCount, english.count == Self.bucketCount, totals.count == 2 else { return nil }
    self.dutch = dutch
    self.english = english
    self.totals = totals
  }

  /// How much more English than Dutch the folded word looks: the sum over
  /// its n-grams of log P(n-gram | English) − log P(n-gram | Dutch), with
  /// add-one smoothing; positive for English, 0 when the model is empty.
  ///
  /// - Complexity: O(*k*) in the word's length.
  package func englishLogOdds(_ word: UnsafeRawBufferPointer) -> Double {
    let (dutchTotal, englishTotal) = (Double(totals[0]), Double(totals[1]))
    guard dutchTotal > 0, englishTotal > 0 else { return 0 }
    let buckets = Double(Self.bucketCount)
    var sum = 0.0
    Self.forEachBucket(word) { bucket in
      sum += log((Double(english[bucket]) + 1) / (englishTotal + buckets))
      sum -= log((Double(dutch[bucket]) + 1) / (dutchTotal + buckets))
    }
    return sum
  }

  /// Calls `body` with the bucket of each 3- and 4-gram of `^word$`.
  static func forEachBucket(_ word: UnsafeRawBufferPointer, _ body: (Int) -> Void) {
    let count = word.count + 2
    func byte(_ index: Int) -> UInt32 {
      index == 0 ? 0x5E : index == count - 1 ? 0x24 : UInt32(word[index - 1])
    }
    for length in 3...4 where count >= length {
      for start in 0...(count - length) {
        var hash: UInt32 = 0x811C_9DC5 ^ UInt32(length)
        for index in start..<(start + length) {
          hash = (hash ^ byte(index)) &* 0x0100_0193
        }
        body(Int(hash & UInt32(bucketCount - 1)))
      }
    }
  }
}
