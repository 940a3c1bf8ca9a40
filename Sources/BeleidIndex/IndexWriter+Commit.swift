import BeleidAnalysis
import Foundation

/// Merging segments and committing: what the writer does after its
/// documents are written.
extension IndexWriter {
  // MARK: - Merging

  /// Merges segments while there are more than `maximumSegments`, and
  /// rewrites segments that are mostly deleted; returns the merges made,
  /// and 1 if one was left for later because it would not fit the memory
  /// budget.
  func mergeIfNeeded() throws -> (merges: Int, deferred: Int) {
    var merges = 0
    // The indexing threads' memory is free now: give it back first, so the
    // memory budget measures what merging adds.
    MemoryBudget.releaseFreePages()
    // Drop segments whose documents are all deleted.
    manifest.segments.removeAll { $0.deletedCount == $0.info.documentCount && $0.info.documentCount > 0 }
    while true {
      let live = manifest.segments
      var chosen: [Int] = []
      if live.count > options.maximumSegments {
        // The smallest segments, enough to come back under the maximum.
        let order = live.indices.sorted { live[$0].info.bytes < live[$1].info.bytes }
        chosen = Array(order.prefix(max(2, live.count - options.maximumSegments + 1)))
      } else if let index = live.indices.first(where: { live[$0].deletedCount * 2 > live[$0].info.documentCount }) {
        chosen = [index]
      }
      guard !chosen.isEmpty else { return (merges, 0) }
      // Within the memory budget: the smallest segments that fit, or none.
      let memory = MemoryBudget(limit: options.memoryBudget)
      while chosen.count > 1 && !memory.allowsMerge(of: chosen.reduce(0) { $0 + live[$1].info.bytes }) {
        chosen.removeLast()
      }
      guard chosen.count > 1 || live[chosen[0]].deletedCount > 0,
        memory.allowsMerge(of: chosen.reduce(0) { $0 + live[$1].info.bytes })
      else { return (merges, 1) }
      chosen.sort()
      let sources = try chosen.map { index -> (SegmentReader, [UInt64]) in
        let entry = manifest.segments[index]
        return (try SegmentReader(folder: folder, info: entry.info), deletions[entry.info.id] ?? [])
      }
      let id = manifest.nextSegmentID
      manifest.nextSegmentID += 1
      let merged = try SegmentMerger.merge(sources, into: folder, id: id)
      for index in chosen.reversed() { manifest.segments.remove(at: index) }
      if let merged {
        manifest.segments.insert(Manifest.Segment(info: merged, deletions: nil, deletedCount: 0), at: chosen[0])
      }
      merges += 1
    }
  }

  // MARK: - Committing

  /// Makes every change visible at once: deletions, catalog, then manifest.
  package func commit() throws {
    manifest.generation += 1
    let generation = manifest.generation
    for index in manifest.segments.indices where changedDeletions.contains(manifest.segments[index].info.id) {
      let info = manifest.segments[index].info
      let name = Deletions.fileName(segment: info.id, generation: generation)
      try Deletions.write(deletions[info.id] ?? [], folder: folder, name: name, segment: info.id)
      manifest.segments[index].deletions = name
    }
    changedDeletions.removeAll()
    let catalogName = Catalog.fileName(generation: generation)
    try catalog.write(folder: folder, name: catalogName, generation: generation)
    manifest.catalog = catalogName
    manifest.committed = ISO8601DateFormatter().string(from: Date())
    try manifest.write(folder: folder)
    committedFiles = []
    removeUnreferencedFiles()
  }

  /// Deletes files the current manifest does not name: old segments, old
  /// deletions and catalogs, and temporary files of interrupted writers.
  func removeUnreferencedFiles() {
    let keep = manifest.fileNames.union(committedFiles).union([Manifest.fileName, "write.lock"])
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    for name in names where !keep.contains(name) {
      let ours = name.hasPrefix("seg-") || name.hasPrefix("catalog-") || name.contains(".tmp-")
      if ours { unlink((folder as NSString).appendingPathComponent(name)) }
    }
  }
}
