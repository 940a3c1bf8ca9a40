import BeleidAnalysis
import BeleidDocuments
import Foundation

/// Reads one segment file: dictionaries, postings, norms, metadata, stored fields.
///
/// Opening maps the file and reads its small parts: the dictionary indexes,
/// the per-document columns (norms, dates, languages, sources) and the
/// stored-fields index. Postings, positions and stored text are read, and
/// their pages checked, when a query touches them.
///
/// `Sendable`: every property is a constant over a read-only mapping (whose
/// page checks are atomic), and the last decompressed stored-fields block
/// is kept behind a lock, so threads can search one segment at once.
package final class SegmentReader: @unchecked Sendable {
  /// The manifest's record of this segment.
  package let info: SegmentInfo
  let container: MappedContainer
  let terms: SortedTableReader
  let forms: SortedTableReader
  private let postingsRange: Range<Int>
  private let positionsRange: Range<Int>
  /// Length codes: body then title, one byte each, per document.
  package let norms: UnsafeRawBufferPointer
  let dates: [Int32]
  let languages: [UInt8]
  /// Per document its source.
  let sources: CategoryColumn
  /// Per document its type; no names in segments written before types.
  let types: CategoryColumn
  let keys: StringTableReader
  /// Per document its path, title, date, URL and format; nil for segments
  /// written before the section existed.
  let hitFields: StringTableReader?
  private let storedBlocks: Range<Int>
  private let storedCodec: StoredFieldsWriter.Codec
  private let storedIndex: [(firstDoc: Int, offset: Int, compressed: Int, uncompressed: Int)]
  /// The last stored-fields block decompressed: hits of one query often
  /// share a block.
  private let cachedBlock = Locked<(index: Int, bytes: [UInt8])?>(nil)
  /// Deleted documents: bit per document, or empty when none are.
  package let deleted: [UInt64]

  /// Documents in the segment, deleted ones included.
  package var documentCount: Int { info.documentCount }

  /// Opens the segment file `info.file` in `folder`, with the deletions
  /// bitmap of the commit that lists it.
  init(folder: String, info: SegmentInfo, deleted: [UInt64] = []) throws {
    self.info = info
    self.deleted = deleted
    let path = (folder as NSString).appendingPathComponent(info.file)
    container = try MappedContainer(path: path, magic: SegmentFormat.magic)
    guard container.fileID == info.id else {
      throw IndexError(
        .corrupted("segment id \(container.fileID) does not match the manifest's \(info.id)"), path: path)
    }
    let meta = try JSONDecoder().decode(
      SegmentMeta.self, from: Data(try container.section(SegmentFormat.Section.meta.rawValue, "meta")))
    let n = meta.documentCount
    storedCodec = meta.storedCodec ?? .zlib
    guard n == info.documentCount else {
      throw IndexError(.corrupted("holds \(n) documents, the manifest says \(info.documentCount)"), path: path)
    }
    terms = try SortedTableReader(
      container: container, blocks: .termBlocks, index: .termIndex, valueCount: SegmentFormat.termValueCount)
    forms = try SortedTableReader(container: container, blocks: .formBlocks, index: .formIndex, valueCount: 1)
    postingsRange = try container.sectionRange(SegmentFormat.Section.postings.rawValue, "postings")
    positionsRange = try container.sectionRange(SegmentFormat.Section.positions.rawValue, "positions")
    norms = try container.section(SegmentFormat.Section.norms.rawValue, "norms")
    let dateBytes = try container.section(SegmentFormat.Section.dates.rawValue, "dates")
    let languageBytes = try container.section(SegmentFormat.Section.languages.rawValue, "languages")
    guard norms.count == 2 * n, dateBytes.count == 4 * n, languageBytes.count == n else {
      throw IndexError(.corrupted("document columns do not match the document count"), path: path)
    }
    dates = (0..<n).map { Int32(littleEndian: dateBytes.loadUnaligned(fromByteOffset: $0 * 4, as: Int32.self)) }
    languages = Array(languageBytes)
    sources = try CategoryColumn(
      try container.section(SegmentFormat.Section.sources.rawValue, "sources"), count: n, name: "source", path: path)
    types =
      container.hasSection(SegmentFormat.Section.types.rawValue)
      ? try CategoryColumn(
        try container.section(SegmentFormat.Section.types.rawValue, "types"), count: n, name: "type", path: path)
      : CategoryColumn(emptyFor: n)
    keys = try StringTableReader(try container.section(SegmentFormat.Section.keys.rawValue, "keys"), path: path)
    guard keys.count == n else { throw IndexError(.corrupted("key count"), path: path) }
    if container.hasSection(SegmentFormat.Section.hitFields.rawValue) {
      let table = try StringTableReader(
        try container.section(SegmentFormat.Section.hitFields.rawValue, "hit fields"), path: path)
      guard table.count == 5 * n else { throw IndexError(.corrupted("hit field count"), path: path) }
      hitFields = table
    } else {
      hitFields = nil
    }
    storedBlocks = try container.sectionRange(SegmentFormat.Section.storedBlocks.rawValue, "stored fields")
    var index = ByteReader(
      try container.section(SegmentFormat.Section.storedIndex.rawValue, "stored index"), path: path)
    var entries: [(Int, Int, Int, Int)] = []
    for _ in 0..<(try index.u32()) {
      entries.append((Int(try index.u32()), try index.offset64(), Int(try index.u32()), Int(try index.u32())))
    }
    storedIndex = entries
  }

  // MARK: - Terms

  /// The term's postings information, if the segment has it.
  package func termInfo(_ term: UnsafeRawBufferPointer) throws -> TermInfo? {
    try withUnsafeTemporaryAllocation(of: UInt64.self, capacity: SegmentFormat.termValueCount) { values in
      guard let ordinal = try terms.find(term, values: values) else { return nil }
      return try termInfo(key: term, ordinal: ordinal, values: UnsafeBufferPointer(values))
    }
  }

  func termInfo(_ entry: SortedTableReader.Entry) throws -> TermInfo {
    try entry.key.withUnsafeBytes { key in
      try entry.values.withUnsafeBufferPointer { try termInfo(key: key, ordinal: entry.ordinal, values: $0) }
    }
  }

  /// A term's postings information from its dictionary entry.
  private func termInfo(key: UnsafeRawBufferPointer, ordinal: Int, values raw: UnsafeBufferPointer<UInt64>) throws
    -> TermInfo
  {
    guard raw.count >= SegmentFormat.termValueCount, raw.allSatisfy({ $0 <= UInt64(Int.max / 4) }) else {
      throw IndexError(.corrupted("term \(String(decoding: key, as: UTF8.self)) has bad values"), path: container.path)
    }
    let values = (Int(raw[0]), Int(raw[1]), Int(raw[2]), Int(raw[3]), Int(raw[4]))
    let postings = (postingsRange.lowerBound + values.1)..<(postingsRange.lowerBound + values.1 + values.2)
    let positions = (positionsRange.lowerBound + values.3)..<(positionsRange.lowerBound + values.3 + values.4)
    guard values.0 > 0, postings.upperBound <= postingsRange.upperBound,
      positions.upperBound <= positionsRange.upperBound
    else {
      throw IndexError(
        .corrupted("term \(String(decoding: key, as: UTF8.self)) points outside its data"), path: container.path)
    }
    return TermInfo(ordinal: ordinal, documentFrequency: values.0, postings: postings, positions: positions)
  }

  /// Postings of a term.
  package func postings(_ info: TermInfo) throws -> PostingsIterator {
    try PostingsIterator(
      postings: try container.bytes(info.postings), positions: info.positions, container: container,
      documentFrequency: info.documentFrequency, path: container.path)
  }

  // MARK: - Documents

  /// The body and title length codes of a document.
  @inline(__always)
  func normCodes(_ doc: Int) -> (body: UInt8, title: UInt8) {
    (norms[2 * doc], norms[2 * doc + 1])
  }

  /// Whether a document is deleted.
  @inline(__always)
  package func isDeleted(_ doc: Int) -> Bool {
    !deleted.isEmpty && deleted[doc >> 6] & (1 << UInt64(doc & 63)) != 0
  }

  /// The number of live documents.
  package var liveDocumentCount: Int {
    documentCount - deleted.reduce(0) { $0 + $1.nonzeroBitCount }
  }

  /// The stored document.
  package func document(_ doc: Int) throws -> Document {
    guard doc >= 0 && doc < documentCount else {
      throw IndexError(.corrupted("document \(doc) out of range"), path: container.path)
    }
    var low = 0
    var high = storedIndex.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if storedIndex[middle].firstDoc <= doc { low = middle } else { high = middle - 1 }
    }
    guard !storedIndex.isEmpty else { throw IndexError(.corrupted("no stored fields"), path: container.path) }
    let block: [UInt8]
    if let cached = cachedBlock.withLock({ $0 }), cached.index == low {
      block = cached.bytes
    } else {
      let entry = storedIndex[low]
      let start = storedBlocks.lowerBound + entry.offset
      let compressed = try container.bytes(start..<(start + entry.compressed))
      guard let inflated = StoredFieldsWriter.decompress(compressed, size: entry.uncompressed, codec: storedCodec)
      else {
        throw IndexError(.corrupted("stored fields block \(low) does not inflate"), path: container.path)
      }
      block = inflated
      cachedBlock.withLock { $0 = (low, inflated) }
    }
    return try block.withUnsafeBytes { raw in
      var reader = ByteReader(raw, path: container.path)
      for _ in storedIndex[low].firstDoc..<doc { try StoredRecord.skip(&reader) }
      return try StoredRecord.decode(&reader)
    }
  }

  /// What a hit shows of a document, read from a column without decoding
  /// the stored document; nil for a segment written before the column.
  ///
  /// - Complexity: O(1) plus the strings' lengths.
  package func hitFields(_ doc: Int) -> HitFields? {
    guard let hitFields else { return nil }
    func optional(_ text: String) -> String? { text.isEmpty ? nil : text }
    let first = 5 * doc
    return HitFields(
      path: hitFields.string(first), title: hitFields.string(first + 1), date: optional(hitFields.string(first + 2)),
      url: optional(hitFields.string(first + 3)), format: hitFields.string(first + 4))
  }

  /// What a hit shows of a document, besides its columns.
  package struct HitFields: Sendable, Equatable {
    package var path: String
    package var title: String
    package var date: String?
    package var url: String?
    package var format: String
  }

  /// The document's key (path, or path#id).
  package func key(_ doc: Int) -> String { keys.string(doc) }

  /// The document's date in days since 1970, or nil.
  package func date(_ doc: Int) -> Int32? {
    dates[doc] == SegmentFormat.noDate ? nil : dates[doc]
  }

  /// The document's language code.
  package func language(_ doc: Int) -> String? { SegmentFormat.languageName(languages[doc]) }

  /// The document's source.
  package func source(_ doc: Int) -> String { sources.name(doc) }

  /// The document's type, "" for none.
  package func documentType(_ doc: Int) -> String { types.name(doc) }

  /// Checks every page of the file.
  package func verify() throws { try container.verifyAll() }
}
