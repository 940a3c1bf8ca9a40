#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads environment variables without building Foundation's dictionary of
/// all of them (`ProcessInfo.environment` copies the whole environment and
/// costs a start-up about half a millisecond).
package enum ProcessEnvironment {
  /// The value of `name`, or nil when it is unset or empty.
  package static func value(_ name: String) -> String? {
    guard let raw = getenv(name) else { return nil }
    let value = String(cString: raw)
    return value.isEmpty ? nil : value
  }
}
