import BeleidAnalysis
import BeleidDocuments
import CDeflate
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Adds, updates and removes documents, and commits the result atomically.
///
/// `index(paths:)` is incremental: a file whose bytes are unchanged since
/// the last commit is skipped, a changed file's old documents are deleted and
/// its new ones added, and a file that vanished from under an indexed folder
/// has its documents deleted. One reader thread reads files and deals
/// batches of documents in turn to one indexing thread per core, each with
/// a bounded queue of its own; each thread analyses and inverts documents
/// into its own segments, so a rebuild numbers documents the same way.
/// Nothing is visible until `commit()`, which writes the deletions, the
/// catalog and finally the manifest (temporary file, fsync, rename). A
/// writer holds the index's write lock from `init` to `deinit`.
package final class IndexWriter {
  /// How an indexing run goes.
  package struct Options: Sendable {
    /// Start from an empty index.
    package var rebuild = false
    /// Indexing threads; 0 means one per core.
    package var threads = 0
    /// Flush a segment once a thread holds this many tokens, or earlier
    /// when `memoryBudget` says so.
    ///
    /// 18 million gives the BWB benchmark corpus (70 million tokens) two
    /// segments per thread; fewer segments make queries faster (each
    /// segment looks its terms up on its own).
    package var segmentTokenBudget = 18_000_000
    /// The most resident memory the run may use, in bytes: threads write
    /// their segments early, one at a time, and merges that would not fit
    /// are left for a later run (see `MemoryBudget`).
    package var memoryBudget = IndexWriter.defaultMemoryBudget
    /// Merge segments when there are more than this many.
    package var maximumSegments = 8

    /// The defaults.
    package init() {}
  }

  /// The default memory budget: 900 MiB, under 1 GB with room to spare.
  package static let defaultMemoryBudget = 900 << 20

  /// The smallest segment a thread writes early for the memory budget, in
  /// tokens: a budget too small for the run's fixed needs gives segments
  /// of this size, not one per batch.
  static let minimumSegmentTokens = 250_000

  /// Progress, reported while files are read.
  package struct Progress: Sendable {
    /// Files looked at and in all.
    package var files: Int
    package var totalFiles: Int
    /// Bytes of files read and in all.
    package var bytes: Int
    package var totalBytes: Int
    /// Seconds since the run began.
    package var seconds: Double
  }

  /// What an indexing run did.
  package struct Summary: Sendable, Codable {
    /// Files found under the given paths.
    package var filesSeen = 0
    /// Files read and indexed (new or changed).
    package var filesIndexed = 0
    /// Files skipped because they did not change.
    package var filesUnchanged = 0
    /// Files whose documents were removed because the file is gone.
    package var filesRemoved = 0
    /// Documents added.
    package var documentsAdded = 0
    /// Documents deleted (old versions and vanished files).
    package var documentsDeleted = 0
    /// Documents per format, of the files indexed.
    package var documentsPerFormat: [String: Int] = [:]
    /// Files per format, of the files indexed.
    package var filesPerFormat: [String: Int] = [:]
    /// Pages read from paged formats.
    package var pages = 0
    /// Bytes of the files indexed.
    package var bytes = 0
    /// Files that gave no documents, and why.
    package var skipped: [String] = []
    /// Skipped files per reason.
    package var skippedPerReason: [String: Int] = [:]
    /// Notes: encodings converted, malformed lines.
    package var notes: [String] = []
    /// Segments after the run, and merges made.
    package var segments = 0
    package var merges = 0
    /// The memory budget, in bytes; segments written early for it, times
    /// a thread dropped its caches near it, and merges left for a later
    /// run because they would not fit.
    package var memoryBudget = 0
    package var segmentsWrittenEarly = 0
    package var cachesDropped = 0
    package var mergesDeferred = 0
    /// Live documents after the run.
    package var liveDocuments = 0
    /// Seconds the run took.
    package var seconds = 0.0
    /// Whether the run wrote a commit: false when nothing changed.
    package var committed = false

    /// An empty summary.
    package init() {}
  }

  /// The index folder.
  package let folder: String
  let options: Options
  private let lock: WriteLock
  var manifest: Manifest
  var catalog: Catalog
  /// Segments of the manifest loaded lazily, for deletions.
  var deletions: [UInt64: [UInt64]] = [:]
  var changedDeletions: Set<UInt64> = []
  /// Files the manifest on disk names, while a rebuild has not committed:
  /// they are not cleaned up before the new commit replaces them.
  var committedFiles: Set<String> = []
  /// Whether the manifest must be written even if no document changes:
  /// a new index, a rebuild, or a new format or analysis to record.
  var mustCommit: Bool

  /// Opens (or creates) the index in `folder` for writing.
  package init(folder: String, options: Options = Options()) throws {
    self.folder = folder
    self.options = options
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    } catch {
      throw IndexError(.io("cannot create the index folder"), path: folder)
    }
    lock = try WriteLock(folder: folder)
    let analyzers = "ICU \(ICUInfo.version); Snowball 2.2 (libstemmer) dutch, english"
    let fresh = Manifest.empty(analysis: AnalysisResources.shared.fingerprint, analyzers: analyzers)
    mustCommit = true
    if options.rebuild {
      manifest = fresh
      // Keep segment ids increasing even across rebuilds, and keep the
      // files of the last commit until the rebuild's own commit replaces
      // it: a rebuild that is killed or fails leaves that commit readable.
      if let old = try? Manifest.read(folder: folder) {
        manifest.nextSegmentID = old.nextSegmentID
        manifest.generation = old.generation
        committedFiles = old.fileNames
      }
      catalog = Catalog()
    } else if let existing = try Manifest.read(folder: folder) {
      manifest = existing
      mustCommit =
        existing.formatVersion != fresh.formatVersion || existing.analysis != fresh.analysis
        || existing.analyzers != analyzers
      // New files are written in the current format; older segments stay.
      manifest.formatVersion = fresh.formatVersion
      manifest.analysis = fresh.analysis
      manifest.analyzers = analyzers
      catalog = try existing.catalog.map { try Catalog.read(folder: folder, name: $0) } ?? Catalog()
      for segment in existing.segments {
        if let name = segment.deletions {
          deletions[segment.info.id] = try Deletions.read(
            folder: folder, name: name, documentCount: segment.info.documentCount)
        }
      }
    } else {
      manifest = fresh
      catalog = Catalog()
    }
    removeUnreferencedFiles()
  }

  // MARK: - Indexing

  /// Indexes the files under `paths` incrementally (see the type's notes).
  package func index(paths: [String], progress: ((Progress) -> Void)? = nil) throws -> Summary {
    let started = Date()
    var summary = Summary()
    let ingest = try FileIngest(paths: paths, catalog: catalog, excluding: folder)
    summary.filesSeen = ingest.files.count
    summary.filesRemoved = ingest.removedPaths.count

    let threadCount = options.threads > 0 ? options.threads : max(1, ProcessInfo.processInfo.activeProcessorCount)
    // A queue per thread, batches dealt in turn: which documents share a
    // segment, and so how documents are numbered, does not depend on
    // which thread happens to be free, and a rebuild gives the same index.
    let queues = (0..<threadCount).map { _ in BoundedQueue<[Document]>(capacity: 4) }
    let results = Locked(WorkerResults(nextSegmentID: manifest.nextSegmentID))
    let folder = self.folder
    let budget = options.segmentTokenBudget
    let memory = MemoryBudget(limit: options.memoryBudget)
    MemoryBudget.mapLargeAllocations()
    let finished = DispatchGroup()
    for (worker, queue) in queues.enumerated() {
      finished.enter()
      let thread = Thread {
        defer { finished.leave() }
        Self.indexingLoop(
          worker: worker, of: threadCount, queue: queue, results: results, folder: folder, budget: budget,
          memory: memory)
      }
      thread.stackSize = 8 << 20
      thread.start()
    }

    // Read files on this thread and hand documents to the indexers.
    var batches = 0
    let read: FileIngest.Outcome
    do {
      read = try ingest.read(
        into: &summary, started: started, progress: progress,
        stopped: { results.withLock { $0.failure != nil } }
      ) { batch in
        // After a failure nothing will be committed: stop handing out work.
        if results.withLock({ $0.failure != nil }) { return }
        queues[batches % threadCount].put(batch)
        batches += 1
      }
    } catch {
      // The threads still finish (and their segments are removed below).
      results.withLock { if $0.failure == nil { $0.failure = error } }
      read = FileIngest.Outcome(catalog: catalog, changedPaths: [])
    }
    for queue in queues { queue.close() }
    finished.wait()

    let outcome = results.withLock { $0 }
    summary.memoryBudget = options.memoryBudget
    summary.segmentsWrittenEarly = memory.earlyWrites
    summary.cachesDropped = memory.releases
    if let failure = outcome.failure {
      // Nothing was committed; remove what the threads wrote.
      for segment in outcome.segments {
        unlink((folder as NSString).appendingPathComponent(segment.info.file))
      }
      throw failure
    }

    // Delete the old documents of changed and vanished files, in the
    // segments that existed before this run.
    summary.documentsDeleted = try deleteDocuments(of: read.changedPaths + ingest.removedPaths)
    manifest.nextSegmentID = outcome.nextSegmentID
    // By worker, then in each worker's order: the same order every run.
    for segment in outcome.segments.sorted(by: { ($0.worker, $0.sequence) < ($1.worker, $1.sequence) }) {
      manifest.segments.append(Manifest.Segment(info: segment.info, deletions: nil, deletedCount: 0))
    }
    let changed = !outcome.segments.isEmpty || summary.documentsDeleted > 0 || read.catalog != catalog
    catalog = read.catalog
    (summary.merges, summary.mergesDeferred) = try mergeIfNeeded()
    // A run that changed nothing writes no commit: readers keep their
    // generation, and an unchanged index stays byte for byte the same.
    if changed || summary.merges > 0 || mustCommit {
      try commit()
      summary.committed = true
    }
    summary.segments = manifest.segments.count
    summary.liveDocuments = manifest.segments.reduce(0) { $0 + $1.info.documentCount - $1.deletedCount }
    summary.seconds = Date().timeIntervalSince(started)
    return summary
  }

  /// What the indexing threads produced.
  private struct WorkerResults {
    var nextSegmentID: UInt64
    /// Each segment, with the thread that wrote it and its place among
    /// that thread's segments.
    var segments: [(worker: Int, sequence: Int, info: SegmentInfo)] = []
    var failure: (any Error)?
  }

  private static func indexingLoop(
    worker: Int, of threadCount: Int, queue: BoundedQueue<[Document]>, results: Locked<WorkerResults>,
    folder: String, budget: Int, memory: MemoryBudget
  ) {
    do {
      // A thread may hold a quarter more than its budget while another
      // thread writes, and a batch adds at most 4 MB of text (under a
      // million tokens) past that.
      let hardLimit = budget + budget / 4
      let builder = try SegmentBuilder(tokens: hardLimit + 1_000_000)
      var sequence = 0
      // The threads get equal shares of the batches, so with equal budgets
      // they would all want to write at once, and all but one wait for
      // room. A thread's first segment is shorter by a share of its place
      // (18, 13.5 million tokens for two threads), which keeps their
      // writes apart for the rest of the run.
      var segmentLimit = budget - budget * worker / (2 * threadCount)
      /// Writes the segment if the memory budget has room for it now (or,
      /// with `wait`, once it has); whether it did.
      func flush(wait: Bool, early: Bool = false) throws -> Bool {
        guard builder.documentCount > 0 else { return true }
        let cost = MemoryBudget.writeCost(tokens: builder.tokenCount, terms: builder.termCount)
        guard memory.reserve(cost, wait: wait) else { return false }
        defer { memory.release(cost) }
        if early { memory.countEarlyWrite() }
        let id = results.withLock { state -> UInt64 in
          defer { state.nextSegmentID += 1 }
          return state.nextSegmentID
        }
        let info = try builder.write(to: folder, id: id)
        results.withLock { $0.segments.append((worker, sequence, info)) }
        sequence += 1
        segmentLimit = budget
        builder.reset()
        if memory.shouldRelease() {
          builder.releaseCaches()
          MemoryBudget.releaseFreePages()
        }
        return true
      }
      while let batch = queue.take() {
        if results.withLock({ $0.failure != nil }) { continue }
        for document in batch { try builder.add(document) }
        let tokens = builder.tokenCount
        let cost = MemoryBudget.writeCost(tokens: tokens, terms: builder.termCount)
        if tokens >= segmentLimit || (tokens >= minimumSegmentTokens && memory.isTight(forWriteOf: cost)) {
          // Without room to write now, go on analysing; but not past the
          // hard limit, nor when this write alone would not fit beside
          // what is resident.
          _ = try flush(
            wait: tokens >= hardLimit || memory.wouldPass(withWriteOf: cost), early: tokens < segmentLimit)
        }
      }
      // Nothing more to analyse: the analyzers' caches go before the last
      // write, and their pages back to the system, so that the threads'
      // last writes, which come together, fit the budget side by side.
      if builder.documentCount > 0 {
        builder.releaseAnalyzerCaches()
        MemoryBudget.releaseFreePages()
      }
      _ = try flush(wait: true)
    } catch {
      results.withLock { if $0.failure == nil { $0.failure = error } }
      // Keep taking this thread's batches until the reader stops, or the
      // reader would wait on a full queue for ever.
      while queue.take() != nil {}
    }
  }

  /// What `remove(paths:)` did.
  package struct Removal: Sendable, Equatable {
    /// Live documents removed.
    package var documents: Int
    /// The paths, as given, that named no indexed file or folder.
    package var unmatched: [String]
  }

  /// Removes every document read from `paths` (files or folders, relative
  /// to the working directory or absolute); commits only if one matched.
  package func remove(paths: [String]) throws -> Removal {
    var matched: [String] = []
    var unmatched: [String] = []
    for given in paths {
      let path = FileCrawler.absolute(given)
      let prefix = path.hasSuffix("/") ? path : path + "/"
      let files = catalog.files.keys.filter { $0 == path || $0.hasPrefix(prefix) }
      if files.isEmpty { unmatched.append(given) }
      matched += files
    }
    let count = try deleteDocuments(of: matched)
    for file in matched { catalog.files[file] = nil }
    if !matched.isEmpty || mustCommit { try commit() }
    return Removal(documents: count, unmatched: unmatched)
  }

  /// Marks the documents of `paths` deleted; returns how many were live.
  private func deleteDocuments(of paths: [String]) throws -> Int {
    guard !paths.isEmpty else { return 0 }
    let targets = Set(paths)
    var count = 0
    for index in manifest.segments.indices {
      let info = manifest.segments[index].info
      let segment = try SegmentReader(folder: folder, info: info)
      var bits = deletions[info.id] ?? [UInt64](repeating: 0, count: (info.documentCount + 63) / 64)
      var changed = false
      for doc in 0..<info.documentCount {
        let key = segment.key(doc)
        let path = key.firstIndex(of: "#").map { String(key[..<$0]) } ?? key
        guard targets.contains(path) || targets.contains(key) else { continue }
        if bits[doc >> 6] & (1 << UInt64(doc & 63)) == 0 {
          bits[doc >> 6] |= 1 << UInt64(doc & 63)
          count += 1
          changed = true
        }
      }
      if changed {
        deletions[info.id] = bits
        changedDeletions.insert(info.id)
        manifest.segments[index].deletedCount = bits.reduce(0) { $0 + $1.nonzeroBitCount }
      }
    }
    return count
  }
}
