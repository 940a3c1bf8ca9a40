import BeleidAnalysis
import Foundation

/// The phases of a command's start-up, timed on stderr when
/// `BELEID_TRACE=1` (the start-up benchmark reads them).
enum StartupTrace {
  /// Whether phases are printed.
  static let isEnabled = ProcessEnvironment.value("BELEID_TRACE") == "1"

  /// When `main` began.
  nonisolated(unsafe) static var mainStarted = ContinuousClock.now

  /// Runs `body`, printing how long it took and when it ended.
  static func phase<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
    guard isEnabled else { return try body() }
    let started = ContinuousClock.now
    let value = try body()
    let ended = ContinuousClock.now
    printError(
      String(
        format: "trace: %@ %7.2f ms (at %7.2f ms)",
        name.padding(toLength: max(name.count, 24), withPad: " ", startingAt: 0),
        milliseconds(ended - started),
        milliseconds(ended - mainStarted)))
    return value
  }

  private static func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
  }
}
