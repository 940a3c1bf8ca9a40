import BeleidAnalysis
import BeleidDocuments
import Foundation

/// A point-in-time view of an index: the segments of its last commit.
///
/// Opening reads the manifest and opens each segment (footer, checksums,
/// small columns); nothing else is read until a query needs it, so a
/// `beleid search` process starts fast. Documents are numbered globally:
/// segment *i*'s documents start at `bases[i]`.
///
/// A reader is a snapshot: an open, immutable view of one commit that any
/// number of threads can search at once (`Sendable`). A writer's later
/// commits do not change it; open a new reader to see them. Segment files
/// that a later commit drops stay readable through an open snapshot: they
/// are mapped, and the system frees them when the last mapping goes.
package final class IndexReader: Sendable {
  /// The index folder.
  package let folder: String
  /// The commit this reader sees.
  package let manifest: Manifest
  /// The segments, in manifest order.
  package let segments: [SegmentReader]
  /// The global number of each segment's first document.
  package let bases: [Int]
  /// Documents, deleted ones included (BM25's N, as in Lucene).
  package let documentCount: Int
  /// Average title length in tokens.
  package let averageTitleLength: Double
  /// Average body length in tokens.
  package let averageBodyLength: Double
  /// Problems that do not stop searching (analysis data changed).
  package let warnings: [String]

  /// Opens the index in `folder`.
  package init(folder: String) throws {
    self.folder = folder
    guard let manifest = try Manifest.read(folder: folder) else {
      throw IndexError(.missing, path: folder)
    }
    self.manifest = manifest
    var segments: [SegmentReader] = []
    var bases: [Int] = []
    var base = 0
    var titles = 0
    var bodies = 0
    for entry in manifest.segments {
      let deleted = try entry.deletions.map {
        try Deletions.read(folder: folder, name: $0, documentCount: entry.info.documentCount)
      }
      let segment = try SegmentReader(folder: folder, info: entry.info, deleted: deleted ?? [])
      segments.append(segment)
      bases.append(base)
      base += entry.info.documentCount
      titles += entry.info.titleTokens
      bodies += entry.info.bodyTokens
    }
    self.segments = segments
    self.bases = bases
    documentCount = base
    averageTitleLength = base == 0 ? 1 : max(1, Double(titles) / Double(base))
    averageBodyLength = base == 0 ? 1 : max(1, Double(bodies) / Double(base))
    var warnings: [String] = []
    if manifest.analysis != AnalysisResources.shared.fingerprint {
      warnings.append(
        "the index was built with other analysis data (word lists or overrides changed); "
          + "results may miss words until you run: beleid index --rebuild PATH…")
    }
    self.warnings = warnings
  }

  /// Live (not deleted) documents.
  package var liveDocumentCount: Int { segments.reduce(0) { $0 + $1.liveDocumentCount } }

  /// The segment and local number of a global document number.
  package func locate(_ doc: Int) -> (segment: Int, local: Int) {
    var low = 0
    var high = bases.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if bases[middle] <= doc { low = middle } else { high = middle - 1 }
    }
    return (low, doc - bases[low])
  }

  /// A stored document by global number.
  package func document(_ doc: Int) throws -> BeleidDocuments.Document {
    let (segment, local) = locate(doc)
    return try segments[segment].document(local)
  }

  /// The live document with global number `number`, or nil.
  ///
  /// `number` is what `SearchHit.document` holds; it is nil when out of
  /// range or deleted. Numbers hold until the index next changes; keys
  /// hold for good.
  package func liveDocument(number: Int) -> Int? {
    guard number >= 0, let last = segments.last, number < bases[bases.count - 1] + last.documentCount else {
      return nil
    }
    let (segment, local) = locate(number)
    return segments[segment].isDeleted(local) ? nil : number
  }

  /// The live document whose key is `id` (a file's path) or ends in `#id`
  /// (the id of a line of a JSON Lines file).
  ///
  /// - Complexity: O(*n*) over the documents' keys.
  package func documentNumber(matching id: String) -> Int? {
    let suffix = "#" + id
    for (index, segment) in segments.enumerated() {
      for doc in 0..<segment.documentCount where !segment.isDeleted(doc) {
        let key = segment.key(doc)
        if key == id || key.hasSuffix(suffix) { return bases[index] + doc }
      }
    }
    return nil
  }

  /// Documents containing `term` (a stem), summed over segments.
  package func documentFrequency(_ term: String) throws -> Int {
    var term = term
    return try term.withUTF8 { utf8 in
      try segments.reduce(0) { $0 + (try $1.termInfo(UnsafeRawBufferPointer(utf8))?.documentFrequency ?? 0) }
    }
  }

  /// Whether some indexed text has the folded word `form` as written.
  ///
  /// - Complexity: O(*s* log *b*) for *s* segments of *b* dictionary blocks.
  package func containsForm(_ form: String) throws -> Bool {
    try segments.contains { try $0.containsForm(form) }
  }

  /// The catalog of indexed files.
  package func catalog() throws -> Catalog {
    guard let name = manifest.catalog else { return Catalog() }
    return try Catalog.read(folder: folder, name: name)
  }

  /// Distinct terms over all segments (a term in two segments counts twice).
  package var termCount: Int { segments.reduce(0) { $0 + $1.terms.count } }

  /// The index's size on disk in bytes.
  package var byteCount: Int {
    let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return files.reduce(0) { total, name in
      let attributes = try? FileManager.default.attributesOfItem(
        atPath: (folder as NSString).appendingPathComponent(name))
      return total + ((attributes?[.size] as? NSNumber)?.intValue ?? 0)
    }
  }

  /// Checks every page of every file; throws on the first damage found.
  package func verify() throws {
    for segment in segments { try segment.verify() }
    _ = try catalog()
  }
}
