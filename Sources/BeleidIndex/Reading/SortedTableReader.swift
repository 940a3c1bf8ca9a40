/// Reads a dictionary written by `SortedTableWriter`.
///
/// Only the sparse index (each block's offset, first ordinal and first key)
/// is read on open; a lookup binary-searches it and decodes one block of at
/// most 32 entries.
///
/// - Complexity: `find` and `seek` are O(log *b* + 32) for *b* blocks.
struct SortedTableReader {
  /// One decoded entry.
  struct Entry {
    var key: [UInt8]
    var ordinal: Int
    var values: [UInt64]
  }

  private let container: MappedContainer
  private let blocks: Range<Int>
  private let offsets: [Int]
  private let firstOrdinals: [Int]
  private let firstKeys: StringTableReader
  private let valueCount: Int
  /// The number of entries.
  let count: Int

  init(container: MappedContainer, blocks: SegmentFormat.Section, index: SegmentFormat.Section, valueCount: Int) throws
  {
    self.container = container
    self.valueCount = valueCount
    let blockRange = try container.sectionRange(blocks.rawValue, "\(blocks)")
    self.blocks = blockRange
    var reader = ByteReader(try container.section(index.rawValue, "\(index)"), path: container.path)
    let blockCount = Int(try reader.u32())
    guard blockCount * 12 <= reader.bytes.count else {
      throw IndexError(.corrupted("dictionary index is shorter than its block count"), path: container.path)
    }
    var offsets: [Int] = []
    var firstOrdinals: [Int] = []
    offsets.reserveCapacity(blockCount)
    firstOrdinals.reserveCapacity(blockCount)
    for _ in 0..<blockCount {
      offsets.append(try reader.offset64())
      firstOrdinals.append(Int(try reader.u32()))
    }
    count = Int(try reader.u32())
    let rest = try reader.slice(reader.bytes.count - reader.offset)
    firstKeys = try StringTableReader(rest, path: container.path)
    guard firstKeys.count == blockCount, offsets.allSatisfy({ $0 < blockRange.count }),
      offsets == offsets.sorted()
    else {
      throw IndexError(.corrupted("dictionary index does not match its blocks"), path: container.path)
    }
    self.offsets = offsets
    self.firstOrdinals = firstOrdinals
  }

  /// The last block whose first key is ≤ `key`, or -1 if `key` sorts first.
  private func block(notAfter key: UnsafeRawBufferPointer) -> Int {
    var low = 0
    var high = offsets.count - 1
    var found = -1
    while low <= high {
      let middle = (low + high) / 2
      if Self.compare(firstKeys.bytes(middle), key) <= 0 {
        found = middle
        low = middle + 1
      } else {
        high = middle - 1
      }
    }
    return found
  }

  /// The ordinal of the entry keyed `key`, its values written to `values`
  /// (at least `valueCount` long); nil if there is no such entry.
  ///
  /// The search path's term lookup: it allocates nothing and decodes the
  /// values of that entry only. Keys are compared without being rebuilt.
  /// `matched` is how many leading bytes the previous key shares with
  /// `key`, and that key sorts before `key`: an entry sharing more than
  /// `matched` bytes with the previous key sorts before `key` too, one
  /// sharing fewer sorts after it (and so does every later one), and only
  /// an entry sharing exactly `matched` bytes has its suffix compared.
  ///
  /// - Complexity: O(log *b*) to find the block, O(*e* + *k*) in it for *e*
  ///   entries and a key of *k* bytes.
  func find(_ key: UnsafeRawBufferPointer, values: UnsafeMutableBufferPointer<UInt64>) throws -> Int? {
    let index = block(notAfter: key)
    guard index >= 0 else { return nil }
    var reader = try blockReader(index)
    var remaining = try reader.int()
    guard remaining > 0, remaining <= SegmentFormat.dictionaryBlockSize else {
      throw IndexError(.corrupted("dictionary block has \(remaining) entries"), path: container.path)
    }
    var ordinal = firstOrdinals[index]
    var matched = 0
    var previousLength = 0
    while remaining > 0 {
      let shared = try reader.int()
      let suffixLength = try reader.int()
      guard shared <= previousLength else { throw IndexError(.corrupted("dictionary prefix"), path: reader.path) }
      let suffix = try reader.slice(suffixLength)
      previousLength = shared + suffixLength
      remaining -= 1
      if shared < matched { return nil }
      if shared == matched {
        let rest = key.count - matched
        let common = min(suffixLength, rest)
        var equal = 0
        while equal < common && suffix[equal] == key[matched + equal] { equal += 1 }
        if equal < common && suffix[equal] > key[matched + equal] { return nil }
        if equal == common && suffixLength > rest { return nil }
        if equal == common && suffixLength == rest {
          for value in 0..<valueCount { values[value] = try reader.varint() }
          return ordinal
        }
        matched += equal
      }
      try reader.skipVarints(valueCount)
      ordinal += 1
    }
    return nil
  }

  /// The bytes of block `index`.
  private func blockReader(_ index: Int) throws -> ByteReader {
    let start = blocks.lowerBound + offsets[index]
    let end = index + 1 < offsets.count ? blocks.lowerBound + offsets[index + 1] : blocks.upperBound
    guard start <= end else { throw IndexError(.corrupted("dictionary block order"), path: container.path) }
    return ByteReader(try container.bytes(start..<end), path: container.path)
  }

  /// A cursor at the first entry whose key is ≥ `key`.
  func seek(_ key: UnsafeRawBufferPointer) throws -> Cursor {
    var cursor = try Cursor(table: self, block: max(0, block(notAfter: key)))
    _ = try cursor.skip(forwardTo: key)
    return cursor
  }

  /// A cursor at the first entry.
  func start() throws -> Cursor { try Cursor(table: self, block: 0) }

  /// The entry with ordinal `ordinal`.
  func entry(ordinal: Int) throws -> Entry? {
    guard ordinal >= 0 && ordinal < count else { return nil }
    var low = 0
    var high = firstOrdinals.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if firstOrdinals[middle] <= ordinal { low = middle } else { high = middle - 1 }
    }
    var cursor = try Cursor(table: self, block: low)
    while let entry = try cursor.next() {
      if entry.ordinal == ordinal { return entry }
      if entry.ordinal > ordinal { return nil }
    }
    return nil
  }

  /// Walks entries in key order across blocks.
  struct Cursor {
    private let table: SortedTableReader
    private var block: Int
    private var reader: ByteReader?
    private var remaining = 0
    private var ordinal = 0
    /// The key of the entry that `advance()` reached.
    private(set) var key: [UInt8] = []
    /// The values of the entry that `advance()` reached.
    private(set) var values: [UInt64] = []
    /// Whether `advance()` should stay on the entry `skip(forwardTo:)` found.
    private var holding = false
    /// Whether the entries of the current block are used up.
    var blockDone: Bool { remaining == 0 }

    init(table: SortedTableReader, block: Int) throws {
      self.table = table
      self.block = block
      try load(block)
    }

    private mutating func load(_ index: Int) throws {
      guard index < table.offsets.count else {
        reader = nil
        remaining = 0
        return
      }
      var next = try table.blockReader(index)
      remaining = try next.int()
      guard remaining > 0, remaining <= SegmentFormat.dictionaryBlockSize else {
        throw IndexError(.corrupted("dictionary block has \(remaining) entries"), path: table.container.path)
      }
      reader = next
      ordinal = table.firstOrdinals[index]
      key.removeAll(keepingCapacity: true)
    }

    /// The next entry, or nil after the last.
    mutating func next() throws -> Entry? {
      guard try advance() else { return nil }
      return Entry(key: key, ordinal: ordinal - 1, values: values)
    }

    /// Moves to the next entry; false after the last.
    ///
    /// The entry's key and values are then `key` and `values`. Unlike
    /// `next()`, it allocates nothing once its buffers have grown.
    mutating func advance() throws -> Bool {
      if holding {
        holding = false
        return true
      }
      if remaining == 0 {
        block += 1
        try load(block)
        if reader == nil { return false }
      }
      guard var reader else { return false }
      let shared = try reader.int()
      let suffix = try reader.int()
      guard shared <= key.count else { throw IndexError(.corrupted("dictionary prefix"), path: reader.path) }
      key.removeSubrange(shared...)
      key.append(contentsOf: try reader.slice(suffix))
      values.removeAll(keepingCapacity: true)
      for _ in 0..<table.valueCount { values.append(try reader.varint()) }
      self.reader = reader
      remaining -= 1
      ordinal += 1
      return true
    }

    /// Moves forward to the first entry whose key is ≥ `target` (which
    /// sorts after the current key), so that the next `advance()` or
    /// `next()` returns it; false when there is none.
    ///
    /// A target in the current block is reached by reading on from the
    /// cursor; a later one by loading its block, found by binary search.
    ///
    /// - Complexity: O(log *b* + *e*) for *b* blocks and *e* entries read.
    mutating func skip(forwardTo target: UnsafeRawBufferPointer) throws -> Bool {
      holding = false
      let index = table.block(notAfter: target)
      if index > block {
        block = index
        try load(index)
      }
      while try advance() {
        if SortedTableReader.compare(key, target) >= 0 {
          holding = true
          return true
        }
      }
      return false
    }
  }

  /// Byte order of two keys: negative, zero or positive.
  static func compare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
    let common = min(a.count, b.count)
    if common > 0 {
      let order = memcmp(a.baseAddress!, b.baseAddress!, common)
      if order != 0 { return Int(order) }
    }
    return a.count - b.count
  }

  static func compare(_ a: [UInt8], _ b: UnsafeRawBufferPointer) -> Int {
    a.withUnsafeBytes { compare($0, b) }
  }
}

#if canImport(Glibc)
  import Glibc
#endif
