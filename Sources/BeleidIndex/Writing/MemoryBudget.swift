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
/// tokens, and the postings encoded beside them), so only one thread
/// writes at a time.
final class MemoryBudget: @unchecked Sendable {
  /// The budget in bytes.
  let limit: Int
  /// Held while a segment is written.
  private let writing = NSLock()

  /// What writing a segment adds per token it holds, in bytes: the sorted
  /// occurrences (8), the encoded postings and positions, and the file's
  /// bytes before they go to disk (about 7 together on the BWB corpus).
  static let writeBytesPerToken = 16

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

  /// Whether a builder that holds `tokens` tokens of `terms` distinct
  /// terms should write its segment now, to stay within the budget.
  func shouldWrite(tokens: Int, terms: Int) -> Bool {
    Self.residentBytes() + tokens * Self.writeBytesPerToken + terms * Self.writeBytesPerTerm + Self.margin >= limit
  }

  /// Whether a merge of segments of `bytes` bytes in all fits: a merge
  /// reads its sources (mapped) and builds the merged segment in memory
  /// before it writes it, about three times their size.
  func allowsMerge(of bytes: Int) -> Bool {
    Self.residentBytes() + 3 * bytes + Self.margin < limit
  }

  /// After a segment is written: whether the run is close enough to the
  /// budget (three quarters of it, after the heap's free pages went back to
  /// the system) that the thread should drop its caches: the analyzers'
  /// cache of every form seen grows with the vocabulary, to 100 MB and more
  /// on a large corpus, and re-analysing costs less than passing the budget.
  func shouldRelease() -> Bool {
    guard Self.residentBytes() > limit / 4 * 3 else { return false }
    Self.releaseFreePages()
    return Self.residentBytes() > limit / 4 * 3
  }

  /// Gives the C heap's free pages back to the system (`malloc_trim`).
  static func releaseFreePages() {
    _ = cmemory_release_free_pages()
  }

  /// Runs `body`, one thread at a time.
  func write<Result>(_ body: () throws -> Result) rethrows -> Result {
    writing.lock()
    defer { writing.unlock() }
    return try body()
  }
}
