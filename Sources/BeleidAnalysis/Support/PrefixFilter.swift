/// A Bloom filter of the short prefixes and the whole words of a word list.
///
/// The decompounder asks, for each start position, whether any word begins
/// with the letters seen so far, and gives up on that position as soon as
/// none does; for longer candidates it asks whether the letters may be a
/// word before it probes the word list. The filter is a bitset of 2²³ bits
/// (1 MiB) with one bit per hash of a prefix (lengths 3 to 7) or a word:
/// a false positive (about 6% for the 212,000 prefixes and 350,000 words of
/// the OpenTaal list) only costs an exact probe of the word list; there are
/// no false negatives. Each probe it saves is a cache miss, and in a mapped
/// table a page the command would otherwise bring into memory.
///
/// - Complexity: `contains` is O(1), one memory access.
package struct PrefixFilter: Sendable {
  /// The prefix lengths recorded.
  package static let lengths = 3...7

  /// The filter's size in bits.
  static let bitCount = 1 << 23
  /// The bits, 64 to a word.
  var words: TableBuffer<UInt64>

  /// A filter of bits already made (read from a table file).
  init(words: TableBuffer<UInt64>) {
    self.words = words
  }

  /// Records the prefixes of every key in `table`.
  package init(_ table: ByteStringTable) {
    words = TableBuffer(Array(repeating: 0, count: Self.bitCount / 64))
    for id in 0..<Int32(table.count) {
      table.withBytes(of: id) { word in
        var state = ByteStringTable.hashSeed
        for (index, byte) in word.enumerated() {
          state = ByteStringTable.hashStep(state, byte)
          let length = index + 1
          if Self.lengths.contains(length) { insert(ByteStringTable.hashFinish(state)) }
        }
        insert(ByteStringTable.hashFinish(state))
      }
    }
  }

  /// Whether some word may start with the prefix whose hash is `hash` (for
  /// prefixes of `lengths`), or may be the word whose hash it is.
  @inline(__always)
  package func contains(_ hash: UInt32) -> Bool {
    let bit = Int(hash) & (Self.bitCount - 1)
    return words[bit >> 6] & (1 << UInt64(bit & 63)) != 0
  }

  private mutating func insert(_ hash: UInt32) {
    let bit = Int(hash) & (Self.bitCount - 1)
    words[bit >> 6] |= 1 << UInt64(bit & 63)
  }
}
