import BeleidAnalysis

/// Glossary terms by key (a surface key or a stem key), in a table that a
/// cache file maps as it is.
///
/// A lookup probes the table's hash slots; nothing is decoded into a
/// dictionary up front, so a search that looks up a few words pays for a
/// few probes instead of for every term of the glossary. Keys keep the
/// order in which they were first added (suggestions list them in it).
///
/// - Complexity: a lookup is one hash probe plus O(*r*) for *r* references.
struct TermIndex {
  private let table: GroupedTable

  /// Collects references by key, keys in order of first appearance.
  struct Builder {
    private var ids: [String: Int] = [:]
    private var groups: [(key: [UInt8], values: [UInt64])] = []

    /// Adds `ref` under `key`.
    mutating func add(_ key: String, _ ref: TermMatcher.TermRef) {
      let id = ids[key] ?? groups.count
      if id == groups.count {
        ids[key] = id
        groups.append((Array(key.utf8), []))
      }
      groups[id].values.append(UInt64(ref.concept) << 32 | UInt64(ref.term))
    }

    /// Adds `key` with no references (a key set).
    mutating func add(_ key: String) {
      guard ids[key] == nil else { return }
      ids[key] = groups.count
      groups.append((Array(key.utf8), []))
    }

    /// The index.
    func build() -> TermIndex { TermIndex(table: GroupedTable(groups: groups)) }
  }

  private init(table: GroupedTable) { self.table = table }

  /// A table read from a cache file, or nil when a reference names no term
  /// of `glossary` (a damaged or foreign file).
  init?(mapped table: GroupedTable, glossary: Glossary) {
    let concepts = glossary.concepts
    let valid = table.allValues { value in
      let (concept, term) = (Int(value >> 32), Int(value & 0xFFFF_FFFF))
      return concept < concepts.count && term < concepts[concept].terms.count
    }
    guard valid else { return nil }
    self.table = table
  }

  /// How many keys the index has.
  var count: Int { table.count }

  /// The key with id `id` (ids count from 0 in order of first appearance).
  func key(_ id: Int32) -> String { table.keys.string(id) }

  /// Whether the index has `key`.
  func contains(_ key: String) -> Bool { table.keys.find(key) >= 0 }

  /// The references under `key`, or nil when the index lacks it.
  subscript(key: String) -> [TermMatcher.TermRef]? {
    table.values(of: key).map { values in
      values.map { TermMatcher.TermRef(concept: Int($0 >> 32), term: Int($0 & 0xFFFF_FFFF)) }
    }
  }

  /// Appends the index to a table file.
  func write(to writer: inout TableFileWriter) { table.write(to: &writer) }
}
