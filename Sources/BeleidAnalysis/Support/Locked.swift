import Foundation

/// A value behind a lock, for state that threads share.
///
/// Built on `NSLock` (a pthread mutex) rather than `Synchronization.Mutex`:
/// ThreadSanitizer sees a pthread mutex's ordering, but not that of
/// `Mutex`, whose lock on Linux lives in uninstrumented runtime code, so
/// every `Mutex` use would be reported as a race and hide real ones.
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
