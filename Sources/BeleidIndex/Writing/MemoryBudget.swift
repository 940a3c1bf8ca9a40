import CMemory
import Foundation

/// The memory an indexing run may use: when its threads write their
/// segments, and how large a merge may be.
///
/// The measure is the process's resident set (`/proc/self/statm`), the
/// figure `ru_maxrss` and `time` report, so whatever the run holds counts:
/// the mapped analysis tables, the analyzers' caches, the batches waiting
/// in the queues. A thread writes its segment when the resident size, plus
/// what writing that segment will add, would pass the budget. Writing is
/// the peak (the occurrences are sorted into an array as large as the
/// tokens, and the postings encoded beside them), so a write reserves what
/// it will add, and a second thread writes only when the first one's
/// reservation leaves it room; until then it goes on analysing.
final class MemoryBudget: @unchecked Sendable {
  /// The budget in bytes.
  let limit: Int
  /// Guards `reserved` and the counts.
  private let condition = NSCondition()
  /// What the writes running now will add, in bytes.
  private var reserved = 0
  /// Segments written before their token budget, for the memory budget.
  private(set) var earlyWrites = 0
  /// Times a thread dropped its caches near the budget.
  private(set) var releases = 0

  /// What writing a segment adds at its peak, per token it holds, in bytes:
  /// the sorted occurrences (8) while the tokens are still held, and some
  /// room for the postings that grow as the tokens are freed. (On the BWB
  /// corpus two threads writing 18 million tokens each went from 580 MB to
  /// 837 MB, about 7 bytes a token.)
  static let writeBytesPerToken = 10

  /// What writing a segment adds per distinct term, in bytes: the terms in
  /// key order, their ordinals, and the counting sort's two offset arrays.
  static let writeBytesPerTerm = 24

  /// Room for the batch a thread takes next (at most 4 MB of text) and for
  /// the other threads' growth meanwhile.
  static let margin = 32 << 20

  /// A budget of `limit` bytes.
  init(limit: Int) {
    self.limit = limit
  }

  /// The process's resident size in bytes (0 where /proc is missing).
  ///
  /// - Complexity: one small file read, about 10 µs.
  static func residentBytes() -> Int {
    let descriptor = open("/proc/self/statm", O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return 0 }
    defer { close(descriptor) }
    var buffer = [UInt8](repeating: 0, count: 128)
    let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
    guard count > 0 else { return 0 }
    // "size resident shared text lib data dt", in pages.
    let fields = buffer[..<count].split(separator: UInt8(ascii: " "))
    guard fields.count > 1, let pages = Int(String(decoding: fields[1], as: UTF8.self)) else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
  }

  /// What writing a segment of `tokens` tokens and `terms` distinct terms
  /// adds, in bytes.
  static func writeCost(tokens: Int, terms: Int) -> Int {
    tokens * writeBytesPerToken + terms * writeBytesPerTerm
  }

  /// Whether a builder whose segment would cost `cost` bytes to write
  /// should write it now, before its token budget: when the resident size,
  /// the running writes' reservations and this write would pass the budget.
  func isTight(forWriteOf cost: Int) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    return Self.residentBytes() + reserved + cost + Self.margin >= limit
  }

  /// Whether writing a segment that costs `cost` bytes on top of the
  /// resident size now would pass the budget: a thread then waits for the
  /// running writes to end rather than analyse more, since its own write
  /// will need that room.
  func wouldPass(withWriteOf cost: Int) -> Bool {
    Self.residentBytes() + cost + Self.margin >= limit
  }

  /// Counts a segment written before its token budget.
  func countEarlyWrite() {
    condition.lock()
    earlyWrites += 1
    condition.unlock()
  }

  /// Whether a merge of segments of `bytes` bytes in all fits: a merge
  /// reads its sources (mapped), decodes and re-encodes their postings and
  /// builds the merged file in memory before it writes it. Merging 200 MB
  /// of indexed text under a 256 MiB budget went up by about four times the
  /// sources' size; five are counted.
  func allowsMerge(of bytes: Int) -> Bool {
    Self.residentBytes() + 5 * bytes + Self.margin < limit
  }

  /// After a segment is written: whether the run is close enough to the
  /// budget (seven eighths of it, after the heap's free pages went back to
  /// the system) that the thread should drop its caches: the analyzers'
  /// cache of every form seen grows with the vocabulary, to 100 MB and more
  /// on a large corpus, and re-analysing costs less than passing the budget.
  func shouldRelease() -> Bool {
    guard Self.residentBytes() > limit / 8 * 7 else { return false }
    Self.releaseFreePages()
    guard Self.residentBytes() > limit / 8 * 7 else { return false }
    condition.lock()
    releases += 1
    condition.unlock()
    return true
  }

  /// Has the C heap map every allocation over 1 MiB on its own, so that a
  /// freed buffer goes straight back to the system.
  ///
  /// By default glibc raises that threshold as large blocks are freed, up
  /// to 32 MiB, and serves the rest from per-thread heaps that it returns
  /// only in part: after 200 MB indexed under a 256 MiB budget the process
  /// was 224 MiB resident once its indexing threads had ended, against
  /// 114 MiB with this, and the merges at the end no longer fit. (For the
  /// process: an indexing run sets it.)
  static func mapLargeAllocations() {
    cmemory_map_allocations_over(1 << 20)
  }

  /// Gives the C heap's free pages back to the system (`malloc_trim`).
  static func releaseFreePages() {
    _ = cmemory_release_free_pages()
  }

  /// Reserves `cost` bytes for a segment write: at once when the resident
  /// size, the running writes' reservations and this one fit the budget, or
  /// when no write is running (one always may, however large); else, with
  /// `wait`, once the running writes are done, and without it not at all.
  /// Whether it reserved; a reservation ends with `release(_:)`.
  ///
  /// A thread that finds no room keeps analysing and tries again after its
  /// next batch, so the threads' writes fall at different times and both
  /// cores stay busy.
  func reserve(_ cost: Int, wait: Bool) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    while reserved > 0 && Self.residentBytes() + reserved + cost + Self.margin >= limit {
      guard wait else { return false }
      condition.wait()
    }
    reserved += cost
    return true
  }

  /// Ends a reservation made by `reserve(_:wait:)`.
  func release(_ cost: Int) {
    condition.lock()
    reserved -= cost
    condition.broadcast()
    condition.unlock()
  }
}
