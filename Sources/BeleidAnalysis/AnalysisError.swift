/// The one error type of the analysis module.
///
/// Each case carries what a user needs to act: the failing ICU status name,
/// the missing file, or the resource that could not be read.
package enum AnalysisError: Error, Sendable, Equatable, CustomStringConvertible {
  /// An ICU call failed; `status` is ICU's name for the code.
  case icu(function: String, status: String)
  /// Snowball has no stemmer for this algorithm (libstemmer-dev missing?).
  case stemmerUnavailable(algorithm: String)
  /// A bundled resource is missing or unreadable.
  case resourceUnreadable(name: String)
  /// A data file (word list, frequency table) has a malformed line.
  case malformedData(file: String, line: Int, reason: String)

  package var description: String {
    switch self {
    case .icu(let function, let status):
      return "ICU \(function) failed with \(status)"
    case .stemmerUnavailable(let algorithm):
      return "Snowball stemmer '\(algorithm)' is not available; install libstemmer-dev"
    case .resourceUnreadable(let name):
      return
        "bundled resource \(name) could not be read; reinstall beleid (Scripts/install) or set BELEID_HOME to its share/beleid folder"
    case .malformedData(let file, let line, let reason):
      return "\(file):\(line): \(reason)"
    }
  }
}
