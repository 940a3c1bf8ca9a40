/// A hash table that interns byte strings and gives each a dense integer id.
///
/// The analyzer's hot path works on UTF-8 bytes, not `String`s: a token's
/// folded form is looked up here without allocating. Ids are dense, start at
/// 0 and never change, so callers can index arrays by them. The table is a
/// value type; a shared, read-only copy (a lexicon, say) is `Sendable`.
///
/// - Complexity: `insert` and `find` are O(*n*) in the key's length, expected
///   O(1) probes (open addressing, load factor ≤ 0.5).
package struct ByteStringTable: Sendable {
  // The stored properties are internal for TableFile.swift, which writes and
  // maps them; nothing else touches them.

  /// All keys, back to back.
  var arena = TableBuffer<UInt8>([])
  /// Where each key starts in `arena`; key `i` ends where key `i + 1` starts.
  var starts = TableBuffer<UInt32>([0])
  /// Each key's hash, for rebuilding the slots when the table grows.
  var hashes = TableBuffer<UInt32>([])
  /// Open-addressing slots, 0 when empty.
  ///
  /// Each holds the key's hash in the high 32 bits and `id + 1` in the low
  /// ones. Keeping the hash in the slot lets a probe reject another key
  /// without touching a second array (a cache miss).
  var slots: TableBuffer<UInt64>
  var mask: Int

  /// Creates an empty table sized for about `capacity` keys.
  package init(capacity: Int = 64) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    slots = TableBuffer(Array(repeating: 0, count: size))
    mask = size - 1
  }

  /// The number of keys.
  package var count: Int { hashes.count }

  /// The total size of all keys in bytes.
  package var byteCount: Int { arena.count }

  /// Returns the id of `key`, or -1 if it is not in the table.
  package func find(_ key: UnsafeRawBufferPointer) -> Int32 {
    let hash = Self.hash(key)
    return findHashed(key, hash: hash)
  }

  /// Returns the id of `key`, or -1 if it is not in the table.
  package func find(_ key: String) -> Int32 {
    var key = key
    return key.withUTF8 { find(UnsafeRawBufferPointer($0)) }
  }

  /// Returns the id of `key` whose `hash(_:)` the caller computed, or -1.
  package func findHashed(_ key: UnsafeRawBufferPointer, hash: UInt32) -> Int32 {
    slots.withUnsafeBufferPointer { slots in
      arena.withUnsafeBytes { arena in
        starts.withUnsafeBufferPointer { starts in
          let tag = UInt64(hash) << 32
          var index = Int(hash) & mask
          // At most every slot once: a table is at most half full, but a
          // damaged file could leave no empty slot to stop at.
          for _ in 0..<slots.count {
            let slot = slots[index]
            if slot == 0 { return -1 }
            if slot & 0xFFFF_FFFF_0000_0000 == tag {
              let id = Int(slot & 0xFFFF_FFFF) - 1
              // A table mapped from a file is checked here, where it is
              // read: a damaged slot or offset is a miss, never a read out
              // of bounds.
              if id < 0 || id + 1 >= starts.count { return -1 }
              let start = Int(starts[id])
              let end = Int(starts[id + 1])
              let length = end - start
              if length == key.count && end <= arena.count && length >= 0
                && Self.equal(arena.baseAddress! + start, key.baseAddress, length)
              {
                return Int32(id)
              }
            }
            index = (index + 1) & mask
          }
          return -1
        }
      }
    }
  }

  /// Byte equality of two buffers of `length` bytes.
  ///
  /// Most keys are words of up to 16 bytes: those are compared with two
  /// overlapping loads of 4 or 8 bytes each instead of a call to `memcmp`.
  /// (The probes' cost is mostly cache misses, which this does not change.)
  @inline(__always)
  static func equal(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer?, _ length: Int) -> Bool {
    guard length > 0, let b else { return true }
    switch length {
    case 1...3:
      for offset in 0..<length
      where a.load(fromByteOffset: offset, as: UInt8.self) != b.load(fromByteOffset: offset, as: UInt8.self) {
        return false
      }
      return true
    case 4...8:
      return a.loadUnaligned(as: UInt32.self) == b.loadUnaligned(as: UInt32.self)
        && a.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self)
          == b.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self)
    case 9...16:
      return a.loadUnaligned(as: UInt64.self) == b.loadUnaligned(as: UInt64.self)
        && a.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
          == b.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
    default:
      return memcmp(a, b, length) == 0
    }
  }

  /// Inserts `key` if it is new and returns its id.
  @discardableResult
  package mutating func insert(_ key: UnsafeRawBufferPointer) -> Int32 {
    let hash = Self.hash(key)
    let found = findHashed(key, hash: hash)
    if found >= 0 { return found }
    let id = Int32(hashes.count)
    arena.append(contentsOf: key)
    starts.append(UInt32(arena.count))
    hashes.append(hash)
    if hashes.count * 2 > slots.count { grow() } else { place(id: id, hash: hash) }
    return id
  }

  /// Inserts `key` if it is new and returns its id.
  @discardableResult
  package mutating func insert(_ key: String) -> Int32 {
    var key = key
    return key.withUTF8 { insert(UnsafeRawBufferPointer($0)) }
  }

  /// Calls `body` with the bytes of key `id`.
  package func withBytes<R>(of id: Int32, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows
    -> R
  {
    let (start, end) = bounds(of: id)
    return try arena.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
  }

  /// The ids in the byte order of their keys.
  ///
  /// Sorts (first eight bytes as a big-endian integer, id) pairs, so most
  /// comparisons are one integer comparison; keys with equal prefixes are
  /// compared whole. Sorting by comparing keys through `withBytes` took
  /// 4.5% of indexing's CPU time.
  ///
  /// - Complexity: O(*n* log *n*) comparisons.
  package func idsInKeyOrder() -> [Int32] {
    arena.withUnsafeBytes { arena in
      starts.withUnsafeBufferPointer { starts in
        var keyed: [(prefix: UInt64, id: Int32)] = []
        keyed.reserveCapacity(count)
        for id in 0..<count {
          let (start, end) = bounds(of: Int32(id))
          let length = end - start
          var prefix: UInt64 = 0
          for offset in 0..<8 {
            prefix = prefix << 8 | (offset < length ? UInt64(arena[start + offset]) : 0)
          }
          keyed.append((prefix, Int32(id)))
        }
        keyed.sort { a, b in
          if a.prefix != b.prefix { return a.prefix < b.prefix }
          let (startA, endA) = bounds(of: a.id)
          let (startB, endB) = bounds(of: b.id)
          let (lengthA, lengthB) = (endA - startA, endB - startB)
          let common = min(lengthA, lengthB)
          let order = common == 0 ? 0 : memcmp(arena.baseAddress! + startA, arena.baseAddress! + startB, common)
          return order != 0 ? order < 0 : lengthA < lengthB
        }
        return keyed.map(\.id)
      }
    }
  }

  /// Where key `id` starts and ends in the arena; an empty range at 0 for
  /// an id out of range, or offsets a damaged file left out of order or
  /// past the arena.
  @inline(__always)
  func bounds(of id: Int32) -> (Int, Int) {
    let id = Int(id)
    guard id >= 0, id + 1 < starts.count else { return (0, 0) }
    let (start, end) = (Int(starts[id]), Int(starts[id + 1]))
    guard start <= end, end <= arena.count else { return (0, 0) }
    return (start, end)
  }

  /// The key with id `id`, decoded as UTF-8.
  package func string(_ id: Int32) -> String {
    withBytes(of: id) { String(decoding: $0, as: UTF8.self) }
  }

  /// The length in bytes of key `id`.
  package func length(of id: Int32) -> Int {
    let (start, end) = bounds(of: id)
    return end - start
  }

  /// Removes every key, keeping the allocated storage.
  package mutating func removeAll() {
    arena.removeAll(keepingCapacity: true)
    starts.removeAll(keepingCapacity: true)
    starts.append(0)
    hashes.removeAll(keepingCapacity: true)
    slots = TableBuffer(Array(repeating: 0, count: slots.count))
  }

  private mutating func place(id: Int32, hash: UInt32) {
    var index = Int(hash) & mask
    while slots[index] != 0 { index = (index + 1) & mask }
    slots[index] = UInt64(hash) << 32 | UInt64(id + 1)
  }

  private mutating func grow() {
    let size = slots.count * 2
    slots = TableBuffer(Array(repeating: 0, count: size))
    mask = size - 1
    for id in 0..<hashes.count { place(id: Int32(id), hash: hashes[id]) }
  }

  /// FNV-1a, folded to 32 bits.
  package static func hash(_ key: UnsafeRawBufferPointer) -> UInt32 {
    var h = hashSeed
    for byte in key { h = hashStep(h, byte) }
    return hashFinish(h)
  }

  /// The FNV-1a state before any byte: hash incrementally with `hashStep`
  /// and `hashFinish` to probe every prefix of a word cheaply.
  package static let hashSeed: UInt64 = 0xcbf2_9ce4_8422_2325

  /// Feeds one byte to an FNV-1a state.
  @inline(__always)
  package static func hashStep(_ h: UInt64, _ byte: UInt8) -> UInt64 {
    (h ^ UInt64(byte)) &* 0x100_0000_01b3
  }

  /// The 32-bit hash of an FNV-1a state.
  @inline(__always)
  package static func hashFinish(_ h: UInt64) -> UInt32 {
    UInt32(truncatingIfNeeded: h ^ (h >> 32))
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
