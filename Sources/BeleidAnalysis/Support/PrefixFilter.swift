/// A set of hashes of the short prefixes of a word list.
///
/// The decompounder asks, for each start position, whether any word begins
/// with the letters seen so far, and gives up on that position as soon as
/// none does. A false positive only costs a probe; there are no false
/// negatives for prefixes of `lengths`.
///
/// - Complexity: `contains` is O(1).
public struct PrefixFilter: Sendable {
  /// The prefix lengths recorded.
  public static let lengths = 3...7

  private var slots: [UInt32]
  private var mask: Int

  /// Records the prefixes of every key in `table`.
  public init(_ table: ByteStringTable) {
    var size = 1 << 16
    while size < table.count * 2 { size <<= 1 }
    slots = Array(repeating: 0, count: size)
    mask = size - 1
    for id in 0..<Int32(table.count) {
      table.withBytes(of: id) { word in
        var state = ByteStringTable.hashSeed
        for (index, byte) in word.enumerated() {
          state = ByteStringTable.hashStep(state, byte)
          let length = index + 1
          if length > Self.lengths.upperBound { break }
          if length >= Self.lengths.lowerBound { insert(ByteStringTable.hashFinish(state)) }
        }
      }
    }
  }

  /// Whether some word starts with the prefix whose hash is `hash`.
  public func contains(_ hash: UInt32) -> Bool {
    let key = hash == 0 ? 1 : hash
    var index = Int(key) & mask
    while true {
      let slot = slots[index]
      if slot == 0 { return false }
      if slot == key { return true }
      index = (index + 1) & mask
    }
  }

  private mutating func insert(_ hash: UInt32) {
    let key = hash == 0 ? 1 : hash
    var index = Int(key) & mask
    while slots[index] != 0 {
      if slots[index] == key { return }
      index = (index + 1) & mask
    }
    slots[index] = key
  }
}
