import Foundation

/// A value behind a lock, for state that threads share.
///
/// Built on `NSLock` (a pthread mutex), whose ordering ThreadSanitizer
/// knows, rather than `Synchronization.Mutex`: under TSan, two threads
/// appending to a `Mutex`-guarded array in `withLock` were reported as an
/// access race (Swift 6.3.1, Linux), which would hide real races.
package final class Locked<Value>: @unchecked Sendable {
  // @unchecked: `value` is only touched while `lock` is held.
  private let lock = NSLock()
  private var value: Value

  package init(_ value: Value) { self.value = value }

  /// Runs `body` with the value, holding the lock.
  package func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
    lock.lock()
    defer { lock.unlock() }
    return try body(&value)
  }
}
