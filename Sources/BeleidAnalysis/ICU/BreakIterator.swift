import CICU

/// An ICU word or sentence break iterator over UTF-8 bytes.
///
/// It owns a `cicu_breaker` handle and frees it in `deinit`. It is not
/// `Sendable`: use one per thread. Boundaries are UTF-8 byte offsets because
/// the shim reads the text through ICU's UTF-8 `UText`.
/// The corresponding ICU functions are `ubrk_open`, `ubrk_setUText`,
/// `ubrk_next` and `ubrk_getRuleStatus`.
final class BreakIterator {
  /// What the iterator finds boundaries between.
  enum Kind: Int32 {
    case word = 0
    case sentence = 1
  }

  /// The shim's handle; the analyzer's hot loop reads batches from it directly.
  let handle: OpaquePointer
  private var ends: [Int64]
  private var statuses: [Int32]
  private var count = 0
  private var next = 0
  private var previousEnd = 0

  /// Opens an iterator for `locale` ("nl", "en").
  ///
  /// A word iterator splits runs of ASCII text itself, by the UAX #29 rules
  /// ICU applies, and hands ICU only the stretches that hold other
  /// characters (`cicu_breaker_next_batch`): the boundaries and rule
  /// statuses are ICU's either way, at a fraction of the cost. Pass
  /// `asciiFastPath: false` to have ICU read everything.
  init(kind: Kind, locale: String, asciiFastPath: Bool = true) throws {
    var status: Int32 = 0
    guard let handle = cicu_breaker_open(kind.rawValue, locale, &status), status <= 0 else {
      throw AnalysisError.icu(function: "ubrk_open", status: String(cString: cicu_error_name(status)))
    }
    if kind == .word && !asciiFastPath { cicu_breaker_set_fast_path(handle, 0) }
    self.handle = handle
    ends = Array(repeating: 0, count: 256)
    statuses = Array(repeating: 0, count: 256)
  }

  deinit { cicu_breaker_close(handle) }

  /// Throws the error that ended a breaker's last batch early, if any.
  static func check(_ handle: OpaquePointer) throws {
    let status = cicu_breaker_error(handle)
    if status > 0 {
      throw AnalysisError.icu(function: "utext_openUTF8", status: String(cString: cicu_error_name(status)))
    }
  }

  /// Points the iterator at `text`, which must stay valid while it is read.
  func setText(_ text: UnsafeRawBufferPointer) throws {
    var status: Int32 = 0
    cicu_breaker_set_text(
      handle, text.baseAddress?.assumingMemoryBound(to: CChar.self), Int64(text.count), &status)
    if status > 0 {
      throw AnalysisError.icu(function: "ubrk_setUText", status: String(cString: cicu_error_name(status)))
    }
    count = 0
    next = 0
    previousEnd = 0
  }

  /// The next segment as a byte range and ICU rule status, or nil at the end.
  ///
  /// Throws if ICU refused a stretch of the text, rather than ending early.
  @inline(__always)
  func nextSegment() throws -> (start: Int, end: Int, status: Int32)? {
    if next == count {
      count = Int(
        ends.withUnsafeMutableBufferPointer { ends in
          statuses.withUnsafeMutableBufferPointer { statuses in
            cicu_breaker_next_batch(
              handle, ends.baseAddress, statuses.baseAddress, Int32(ends.count))
          }
        })
      next = 0
      if count == 0 {
        try Self.check(handle)
        return nil
      }
    }
    let start = previousEnd
    let end = Int(ends[next])
    let status = statuses[next]
    next += 1
    previousEnd = end
    return (start, end, status)
  }
}

/// ICU facts the analyzer reports (`beleid stats`, index headers).
package enum ICUInfo {
  /// ICU's version, such as "72.1".
  package static var version: String { String(cString: cicu_version()) }

  /// The word segments of `text`: where each ends (a UTF-8 byte offset)
  /// and its ICU rule status (0 none, 100–199 number, 200–299 letter).
  ///
  /// With `asciiFastPath` (the analyzer's setting) runs of ASCII text are
  /// split without calling ICU; without it ICU reads every byte. The two
  /// give the same segments: tests and the analysis benchmark compare them.
  package static func wordSegments(
    _ text: UnsafeRawBufferPointer, locale: String = "nl", asciiFastPath: Bool = true
  ) throws -> [(end: Int, status: Int32)] {
    let breaker = try BreakIterator(kind: .word, locale: locale, asciiFastPath: asciiFastPath)
    try breaker.setText(text)
    var segments: [(end: Int, status: Int32)] = []
    while let segment = try breaker.nextSegment() { segments.append((segment.end, segment.status)) }
    return segments
  }

  /// Counts word segments (status 100 or more) with a bare pass of the
  /// analyzer's word iterator (`asciiFastPath`) or of ICU alone: the
  /// benchmark's ceiling.
  package static func countWords(
    _ text: UnsafeRawBufferPointer, locale: String = "nl", asciiFastPath: Bool = false
  ) throws -> Int {
    if asciiFastPath {
      let breaker = try BreakIterator(kind: .word, locale: locale)
      try breaker.setText(text)
      var words = 0
      while let segment = try breaker.nextSegment() {
        if segment.status >= 100 { words += 1 }
      }
      return words
    }
    var status: Int32 = 0
    let words = cicu_count_words(
      text.baseAddress?.assumingMemoryBound(to: CChar.self), Int64(text.count), locale, &status)
    if status > 0 {
      throw AnalysisError.icu(function: "cicu_count_words", status: String(cString: cicu_error_name(status)))
    }
    return Int(words)
  }
}
