/// A read-mostly map from byte-string keys to lists of 64-bit values, laid
/// out as three flat runs so that it can be written to a table file and
/// mapped back (dictionary indexes: headword → entries, stem → headwords).
///
/// - Complexity: a lookup is one hash probe; building is O(*n*) in the
///   number of values.
package struct GroupedTable: Sendable {
  /// The keys; a key's id is its place in `init(groups:)`.
  package private(set) var keys = ByteStringTable(capacity: 16)
  /// Where each key's values start in `values` (count + 1 offsets).
  private var starts = TableBuffer<UInt32>([0])
  /// Every key's values, back to back.
  private var values = TableBuffer<UInt64>([])

  /// A table of `groups`, whose keys must be distinct.
  package init(groups: [(key: [UInt8], values: [UInt64])]) {
    keys = ByteStringTable(capacity: groups.count)
    var starts: [UInt32] = [0]
    var values: [UInt64] = []
    for group in groups {
      _ = group.key.withUnsafeBytes { keys.insert($0) }
      values += group.values
      starts.append(UInt32(values.count))
    }
    self.starts = TableBuffer(starts)
    self.values = TableBuffer(values)
  }

  /// How many keys the table has.
  package var count: Int { keys.count }

  /// The values of key `id`.
  ///
  /// The offsets of a mapped table are checked here, where they are read:
  /// a damaged pair gives no values.
  package func values(ofID id: Int32) -> [UInt64] {
    let id = Int(id)
    guard id >= 0, id + 1 < starts.count else { return [] }
    let (start, end) = (Int(starts[id]), Int(starts[id + 1]))
    guard start <= end, end <= values.count else { return [] }
    return values.withUnsafeBufferPointer { Array($0[start..<end]) }
  }

  /// The values of `key`, or nil when the table lacks it.
  package func values(of key: String) -> [UInt64]? {
    let id = keys.find(key)
    return id < 0 ? nil : values(ofID: id)
  }

  /// Whether every value of the table passes `isValid`, read straight from
  /// the table (a mapped table's values are checked this way at load).
  ///
  /// - Complexity: O(*n*) in the number of values.
  package func allValues(satisfy isValid: (UInt64) -> Bool) -> Bool {
    values.withUnsafeBufferPointer { $0.allSatisfy(isValid) }
  }

  /// Appends the table to a table file.
  package func write(to writer: inout TableFileWriter) {
    keys.write(to: &writer)
    writer.write(starts)
    writer.write(values)
  }

  /// Maps a table written by `write(to:)`, checking that it has one offset
  /// per key (the offsets themselves are checked where they are read).
  package init(reading reader: inout TableFileReader) throws {
    keys = try ByteStringTable(reading: &reader)
    starts = try reader.readBuffer()
    values = try reader.readBuffer()
    guard starts.count == keys.count + 1 else { throw TableFileReader.Damaged() }
  }
}
