/// Writes a sorted dictionary in blocks of 32 entries with prefix compression,
/// and a sparse index of each block's first key.
///
/// Block: entry count (varint), then per entry the length of the prefix
/// shared with the previous key (varint), the length of the rest (varint),
/// the rest, and the value's varints. Index: block count (u32), then per
/// block its offset (u64) and first ordinal (u32), then a string table of
/// first keys. Only the index is loaded when an index opens.
struct SortedTableWriter {
  private(set) var blocks = ByteWriter()
  private var offsets: [UInt64] = []
  private var firstOrdinals: [UInt32] = []
  private var firstKeys: [[UInt8]] = []
  private var pending: [([UInt8], [UInt64])] = []
  private var ordinal: UInt32 = 0

  /// Adds the next key (keys must come in byte order) and its values.
  mutating func add(_ key: [UInt8], values: [UInt64]) {
    pending.append((key, values))
    if pending.count == SegmentFormat.dictionaryBlockSize { flushBlock() }
  }

  private mutating func flushBlock() {
    guard !pending.isEmpty else { return }
    offsets.append(UInt64(blocks.count))
    firstOrdinals.append(ordinal)
    firstKeys.append(pending[0].0)
    blocks.varint(pending.count)
    var previous: [UInt8] = []
    for (key, values) in pending {
      var shared = 0
      while shared < key.count && shared < previous.count && key[shared] == previous[shared] { shared += 1 }
      blocks.varint(shared)
      blocks.varint(key.count - shared)
      blocks.append(key[shared...])
      for value in values { blocks.varint(value) }
      previous = key
    }
    ordinal += UInt32(pending.count)
    pending.removeAll(keepingCapacity: true)
  }

  /// The block bytes and the index bytes.
  mutating func finish() -> (blocks: [UInt8], index: [UInt8]) {
    flushBlock()
    var index = ByteWriter()
    index.u32(UInt32(offsets.count))
    for (offset, first) in zip(offsets, firstOrdinals) {
      index.u64(offset)
      index.u32(first)
    }
    index.u32(ordinal)
    index.append(StringTable.encode(firstKeys))
    return (blocks.bytes, index.bytes)
  }
}
