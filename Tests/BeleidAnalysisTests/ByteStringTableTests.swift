import BeleidTestSupport
import Testing

@testable import BeleidAnalysis

@Suite("ByteStringTable")
struct ByteStringTableTests {
  @Test("ids are dense and stable; lookups find every key", arguments: [1, 7, 42])
  func roundTrip(seed: UInt64) {
    var random = SeededRandom(seed: seed)
    var table = ByteStringTable(capacity: 4)
    var keys: [String] = []
    for _ in 0..<5_000 {
      let length = Int.random(in: 0..<20, using: &random)
      let key = String((0..<length).map { _ in "abcdeé".randomElement(using: &random)! })
      let id = table.insert(key)
      if Int(id) == keys.count { keys.append(key) } else { #expect(keys[Int(id)] == key) }
    }
    #expect(table.count == keys.count)
    for (id, key) in keys.enumerated() {
      #expect(table.find(key) == Int32(id))
      #expect(table.string(Int32(id)) == key)
    }
    #expect(table.find("not-a-key-at-all") == -1)
  }

  @Test("key comparison tells apart keys that differ in any one byte", arguments: Array(1...40))
  func equality(length: Int) {
    let a = (0..<length).map { UInt8(truncatingIfNeeded: $0 * 7 + 97) }
    a.withUnsafeBytes { x in
      #expect(ByteStringTable.equal(x.baseAddress!, x.baseAddress!, length))
      let same = a
      same.withUnsafeBytes { y in #expect(ByteStringTable.equal(x.baseAddress!, y.baseAddress!, length)) }
      for position in 0..<length {
        var b = a
        b[position] ^= 0x20
        b.withUnsafeBytes { y in #expect(!ByteStringTable.equal(x.baseAddress!, y.baseAddress!, length)) }
      }
    }
  }

  @Test("ids in key order sort keys bytewise, shared prefixes and zero bytes included", arguments: [3, 11])
  func keyOrder(seed: UInt64) {
    var random = SeededRandom(seed: seed)
    var table = ByteStringTable(capacity: 4)
    for _ in 0..<3_000 {
      // Few distinct bytes, so many keys share their first eight.
      let key = (0..<Int.random(in: 0..<14, using: &random)).map { _ in
        [0, 97, 98, 0xC3][Int.random(in: 0..<4, using: &random)]
      }
      key.withUnsafeBytes { _ = table.insert($0) }
    }
    let keys = table.idsInKeyOrder().map { id in table.withBytes(of: id) { Array($0) } }
    #expect(keys.count == table.count)
    #expect(zip(keys, keys.dropFirst()).allSatisfy { $0.lexicographicallyPrecedes($1) })
  }
}
