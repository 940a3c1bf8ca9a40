import BeleidAnalysis
import BeleidDocuments
import Foundation

/// Merges segments into one, leaving out deleted documents.
///
/// Documents keep their order (segment by segment); each term's postings are
/// re-read from every source in turn, renumbered and re-encoded, so the
/// result has exactly the layout a fresh segment would have.
enum SegmentMerger {
  /// Merges `sources` (each with its deletion bits) into segment `id` in
  /// `folder`; nil when no live document is left.
  static func merge(_ sources: [(SegmentReader, [UInt64])], into folder: String, id: UInt64) throws -> SegmentInfo? {
    // New document numbers, and the per-document columns.
    var remap: [[Int32]] = []
    var bodyNorms: [UInt8] = []
    var titleNorms: [UInt8] = []
    var dates: [Int32] = []
    var languages: [UInt8] = []
    var sourceColumn = CategoryColumn()
    var typeColumn = CategoryColumn()
    var keys: [String] = []
    var hitFields: [String] = []
    var stored = StoredFieldsWriter()
    var titleTokens = 0
    var bodyTokens = 0
    for (segment, deleted) in sources {
      var map = [Int32](repeating: -1, count: segment.documentCount)
      for doc in 0..<segment.documentCount {
        if !deleted.isEmpty && deleted[doc >> 6] & (1 << UInt64(doc & 63)) != 0 { continue }
        map[doc] = Int32(keys.count)
        let codes = segment.normCodes(doc)
        bodyNorms.append(codes.body)
        titleNorms.append(codes.title)
        bodyTokens += Int(FieldNorm.length(codes.body))
        titleTokens += Int(FieldNorm.length(codes.title))
        dates.append(segment.dates[doc])
        languages.append(segment.languages[doc])
        sourceColumn.append(segment.sources.name(doc))
        typeColumn.append(segment.types.name(doc))
        keys.append(segment.key(doc))
        let document = try segment.document(doc)
        hitFields += [document.path, document.title, document.date ?? "", document.url ?? "", document.format]
        stored.add(
          StoredRecord.encode(document, language: document.language ?? .dutch))
      }
      remap.append(map)
    }
    guard !keys.isEmpty else { return nil }

    // Terms: a k-way merge of the sources' sorted dictionaries.
    var postings = PostingsWriter()
    var dictionary = SortedTableWriter()
    var newOrdinal: [[UInt8]: UInt64] = [:]
    var cursors = try sources.map { try $0.0.terms.start() }
    var heads = try cursors.indices.map { try cursors[$0].next() }
    var termCount = 0
    while let key = heads.compactMap({ $0?.key }).min(by: { $0.lexicographicallyPrecedes($1) }) {
      postings.beginTerm()
      let postingsStart = postings.postings.count
      let positionsStart = postings.positions.count
      for index in sources.indices {
        guard let head = heads[index], head.key == key else { continue }
        let segment = sources[index].0
        let iterator = try segment.postings(try segment.termInfo(head))
        while iterator.next() != PostingsIterator.exhausted {
          let mapped = remap[index][Int(iterator.doc)]
          guard mapped >= 0 else { continue }
          let positions = try iterator.positions()
          postings.add(doc: UInt32(mapped), positions: positions[...])
        }
        if let failure = iterator.failure { throw failure }
        heads[index] = try cursors[index].next()
      }
      let result = postings.finishTerm(
        positionsStart: positionsStart, postingsStart: postingsStart, titleNorms: titleNorms, bodyNorms: bodyNorms)
      guard result.docFrequency > 0 else { continue }
      newOrdinal[key] = UInt64(termCount)
      termCount += 1
      dictionary.add(
        key,
        values: [
          UInt64(result.docFrequency), UInt64(postingsStart), UInt64(result.postingsLength),
          UInt64(positionsStart), UInt64(result.positionsLength),
        ])
    }

    // Forms: merged the same way, each pointing at its term's new ordinal.
    var termKeys: [[[UInt8]]] = []
    for (segment, _) in sources {
      var cursor = try segment.terms.start()
      var all: [[UInt8]] = []
      while let entry = try cursor.next() { all.append(entry.key) }
      termKeys.append(all)
    }
    var formTable = SortedTableWriter()
    var formCursors = try sources.map { try $0.0.forms.start() }
    var formHeads = try formCursors.indices.map { try formCursors[$0].next() }
    var formCount = 0
    while let key = formHeads.compactMap({ $0?.key }).min(by: { $0.lexicographicallyPrecedes($1) }) {
      var target: UInt64?
      for index in sources.indices {
        guard let head = formHeads[index], head.key == key else { continue }
        let ordinal = Int(head.values[0])
        if target == nil, ordinal < termKeys[index].count { target = newOrdinal[termKeys[index][ordinal]] }
        formHeads[index] = try formCursors[index].next()
      }
      if let target {
        formTable.add(key, values: [target])
        formCount += 1
      }
    }

    let parts = SegmentParts(
      termTable: dictionary.finish(), formTable: formTable.finish(), postings: postings, bodyNorms: bodyNorms,
      titleNorms: titleNorms, dates: dates, languages: languages, sources: sourceColumn, types: typeColumn,
      keys: keys, hitFields: hitFields, stored: stored, titleTokens: titleTokens, bodyTokens: bodyTokens,
      termCount: termCount,
      formCount: formCount)
    return try parts.write(to: folder, id: id)
  }
}
