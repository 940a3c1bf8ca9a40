/// Field lengths in one byte, as tantivy and Lucene store them for BM25.
///
/// Lengths up to 39 are exact; above, each code covers a range about 6%
/// wide, up to more than 2³¹ tokens. BM25 only needs lengths relative to the
/// average, so the loss does not change rankings measurably (Kamphuis et al.
/// 2020 found no significant difference).
package enum FieldNorm {
  /// The length each code stands for, increasing.
  package static let table: [UInt32] = {
    var values: [UInt32] = []
    var length: UInt64 = 0
    while values.count < 256 {
      values.append(UInt32(min(length, UInt64(UInt32.max))))
      length = length < 40 ? length + 1 : length + max(1, length / 16)
    }
    return values
  }()

  /// The code for a length: the largest code whose length does not exceed it.
  static func code(_ length: Int) -> UInt8 {
    var low = 0
    var high = 255
    while low < high {
      let middle = (low + high + 1) / 2
      if Int(table[middle]) <= length { low = middle } else { high = middle - 1 }
    }
    return UInt8(low)
  }

  /// The length a code stands for.
  package static func length(_ code: UInt8) -> UInt32 { table[Int(code)] }
}
