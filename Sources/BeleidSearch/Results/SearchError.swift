/// Why a search gave up: the one error type of the search module's
/// execution (a query it cannot understand is a `QueryParseError`, damage
/// to the index an `IndexError`).
package struct SearchError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What stopped the search.
  package enum Kind: Sendable, Equatable {
    /// The search ran longer than `Searcher.Request.timeLimit`.
    case timeLimit(Duration)
  }

  /// What stopped the search.
  package var kind: Kind

  /// Creates an error.
  package init(_ kind: Kind) { self.kind = kind }

  package var description: String {
    switch kind {
    case .timeLimit(let limit):
      let milliseconds = limit.components.seconds * 1000 + limit.components.attoseconds / 1_000_000_000_000_000
      return "the query ran longer than its time limit of \(milliseconds) ms; make it narrower (fewer * and ~ words)"
    }
  }
}

/// A point in time after which a search gives up, or none.
struct Deadline {
  private let limit: Duration?
  private let end: ContinuousClock.Instant?

  init(_ limit: Duration?) {
    self.limit = limit
    end = limit.map { ContinuousClock.now + $0 }
  }

  /// Whether the deadline has passed.
  var passed: Bool {
    guard let end else { return false }
    return ContinuousClock.now > end
  }

  /// Throws `SearchError.timeLimit` once the deadline has passed.
  func check() throws {
    if passed, let limit { throw SearchError(.timeLimit(limit)) }
  }
}
