import Synchronization

/// Which pages of a mapped file have passed their checksum: one bit per
/// page, read and set atomically, so any number of threads can read the
/// file at once.
///
/// Two threads that reach an unchecked page together both check it; a bit
/// is set only after the page's CRC matched, so a damaged page fails every
/// read that touches it and is never marked good.
final class PageChecks: @unchecked Sendable {
  // @unchecked: the words are only ever touched through `Atomic`, and the
  // allocation lives exactly as long as the object.
  private let words: UnsafeMutablePointer<Atomic<UInt64>>
  private let wordCount: Int

  /// No page checked yet, of `pages`.
  init(pages: Int) {
    wordCount = (pages + 63) / 64
    words = .allocate(capacity: max(1, wordCount))
    for index in 0..<wordCount { (words + index).initialize(to: Atomic(0)) }
  }

  deinit {
    words.deinitialize(count: wordCount)
    words.deallocate()
  }

  /// Whether `page` has passed its check.
  ///
  /// - Complexity: O(1), one atomic load.
  @inline(__always)
  func isChecked(_ page: Int) -> Bool {
    words[page >> 6].load(ordering: .acquiring) & (1 << UInt64(page & 63)) != 0
  }

  /// Records that `page` passed its check.
  func markChecked(_ page: Int) {
    words[page >> 6].bitwiseOr(1 << UInt64(page & 63), ordering: .releasing)
  }
}
