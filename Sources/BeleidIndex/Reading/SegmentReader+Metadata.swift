/// The per-document columns as stored, for filters that test them without
/// building strings: the search engine resolves a filter against a
/// segment once (a language to its code, a source to the ids of the names
/// that match) and then reads one column entry per document it reaches.
extension SegmentReader {
  /// The language code a language name is stored as; nil for a language
  /// the index does not store (no document has it).
  package static func languageCode(_ name: String) -> UInt8? {
    let code = SegmentFormat.languageCode(name)
    return SegmentFormat.languageName(code) == name ? code : nil
  }

  /// The document's stored language code.
  ///
  /// - Complexity: O(1).
  @inline(__always)
  package func languageCode(_ doc: Int) -> UInt8 { languages[doc] }

  /// For each source id of the segment, whether its name passes `test`.
  ///
  /// - Complexity: one `test` per distinct source name of the segment.
  package func sourceIDs(where test: (String) -> Bool) -> [Bool] { sources.names.map(test) }

  /// The document's source id, an index into `sourceIDs(where:)`.
  ///
  /// - Complexity: O(1).
  @inline(__always)
  package func sourceID(_ doc: Int) -> Int { Int(sources.ids[doc]) }

  /// For each type id of the segment, whether its name passes `test`.
  ///
  /// - Complexity: one `test` per distinct type name of the segment.
  package func typeIDs(where test: (String) -> Bool) -> [Bool] { types.names.map(test) }

  /// The document's type id, an index into `typeIDs(where:)`.
  ///
  /// - Complexity: O(1).
  @inline(__always)
  package func typeID(_ doc: Int) -> Int { Int(types.ids[doc]) }

  /// The name of a type id (`typeID(_:)`), "" for none.
  ///
  /// - Complexity: O(1).
  package func typeName(_ id: Int) -> String { types.names[id] }

  /// The document's date in days since 1970, or `Int32.min` for none.
  ///
  /// - Complexity: O(1).
  @inline(__always)
  package func storedDate(_ doc: Int) -> Int32 { dates[doc] }

  /// The name of a source id (`sourceID(_:)`).
  ///
  /// - Complexity: O(1).
  package func sourceName(_ id: Int) -> String { sources.names[id] }

  /// The name of a stored language code ("nl", "en"), or nil for none.
  package static func languageName(_ code: UInt8) -> String? { SegmentFormat.languageName(code) }
}
