import Foundation
import Hummingbird

/// A request's query parameters, read with clear errors.
struct QueryParameters {
  let values: [String: String]
  /// Every value of each name, in order (`doc=a&doc=b`).
  let lists: [String: [String]]

  /// The parameters of the request's query string, decoded as a form is
  /// (`+` is a space, `%2B` a plus); the first of repeated names counts.
  init(_ request: Request) {
    var values: [String: String] = [:]
    var lists: [String: [String]] = [:]
    for pair in (request.uri.query ?? "").split(separator: "&") {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      func decode(_ part: Substring) -> String {
        let spaced = part.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
      }
      let name = decode(parts[0])
      let value = parts.count > 1 ? decode(parts[1]) : ""
      if values[name] == nil { values[name] = value }
      lists[name, default: []].append(value)
    }
    self.values = values
    self.lists = lists
  }

  /// Every value of a parameter given more than once, in order.
  func all(_ name: String) -> [String] { lists[name] ?? [] }

  /// A text parameter, or nil when absent.
  func text(_ name: String) -> String? { values[name] }

  /// A text parameter that must be present and not blank.
  func required(_ name: String) throws(ServerError) -> String {
    guard let value = values[name], !value.allSatisfy(\.isWhitespace) else {
      throw .badParameter(name, "missing; give e.g. ?\(name)=ketenveiligheid")
    }
    return value
  }

  /// A whole number in `range`, or `fallback` when absent.
  func integer(_ name: String, _ fallback: Int, in range: ClosedRange<Int>) throws(ServerError) -> Int {
    guard let text = values[name] else { return fallback }
    guard let value = Int(text), range.contains(value) else {
      throw .badParameter(name, "'\(text)' is not a whole number from \(range.lowerBound) to \(range.upperBound)")
    }
    return value
  }

  /// A yes/no parameter (`true`, `false`, `1`, `0`), or `fallback` when absent.
  func flag(_ name: String, _ fallback: Bool) throws(ServerError) -> Bool {
    guard let text = values[name] else { return fallback }
    switch text.lowercased() {
    case "true", "1", "yes": return true
    case "false", "0", "no": return false
    default: throw .badParameter(name, "'\(text)' is not true or false")
    }
  }
}
