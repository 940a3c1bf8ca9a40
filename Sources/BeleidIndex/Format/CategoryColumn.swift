/// A per-document column of short names that many documents share (their
/// source, their type): an id per document and each distinct name once.
///
/// Bytes: one u32 id per document, then a `StringTable` of the names. The
/// empty name stands for "none".
struct CategoryColumn {
  /// Per document, an index into `names`.
  private(set) var ids: [UInt32] = []
  /// The distinct names, in the order first seen.
  private(set) var names: [String] = []
  private var index: [String: UInt32] = [:]

  /// An empty column, to append to.
  init() {}

  /// Appends the next document's name.
  mutating func append(_ name: String) {
    if let id = index[name] {
      ids.append(id)
    } else {
      let id = UInt32(names.count)
      index[name] = id
      names.append(name)
      ids.append(id)
    }
  }

  /// Empties the column, keeping its capacity.
  mutating func removeAll() {
    ids.removeAll(keepingCapacity: true)
    names.removeAll()
    index.removeAll()
  }

  /// The column as stored.
  var bytes: [UInt8] {
    var writer = ByteWriter()
    for id in ids { writer.u32(id) }
    writer.append(StringTable.encode(names))
    return writer.bytes
  }

  /// Reads a column of `count` documents, checking every id.
  init(_ bytes: UnsafeRawBufferPointer, count: Int, name: String, path: String) throws {
    var reader = ByteReader(bytes, path: path)
    ids.reserveCapacity(count)
    for _ in 0..<count { ids.append(try reader.u32()) }
    let table = try StringTableReader(try reader.slice(reader.bytes.count - reader.offset), path: path)
    names = (0..<table.count).map { table.string($0) }
    guard ids.allSatisfy({ Int($0) < names.count }) else { throw IndexError(.corrupted("\(name) ids"), path: path) }
  }

  /// A column in which no document has a name.
  init(emptyFor count: Int) {
    ids = [UInt32](repeating: 0, count: count)
    names = [""]
  }

  /// Document `doc`'s name, "" for none.
  ///
  /// - Complexity: O(1).
  func name(_ doc: Int) -> String { names[Int(ids[doc])] }
}
