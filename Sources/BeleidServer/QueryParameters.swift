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
      let name = Self.formDecoded(parts[0])
      let value = parts.count > 1 ? Self.formDecoded(parts[1]) : ""
      if values[name] == nil { values[name] = value }
      lists[name, default: []].append(value)
    }
    self.values = values
    self.lists = lists
  }

  /// A form-encoded part, decoded.
  ///
  /// `+` is a space and `%XX` a byte. A part with a stray `%`, or whose
  /// bytes are not UTF-8, is kept as written (with its `+` as spaces).
  ///
  /// - Complexity: O(*n*) in the part's length.
  static func formDecoded(_ part: Substring) -> String {
    func hex(_ byte: UInt8) -> UInt8? {
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
      default: nil
      }
    }
    let input = Array(part.utf8)
    var bytes: [UInt8] = []
    bytes.reserveCapacity(input.count)
    var escaped = true
    var index = 0
    while index < input.count {
      switch input[index] {
      case UInt8(ascii: "+"): bytes.append(UInt8(ascii: " "))
      case UInt8(ascii: "%"):
        if index + 2 < input.count, let high = hex(input[index + 1]), let low = hex(input[index + 2]) {
          bytes.append(high << 4 | low)
          index += 2
        } else {
          escaped = false
          bytes.append(UInt8(ascii: "%"))
        }
      case let byte: bytes.append(byte)
      }
      index += 1
    }
    if escaped, let text = String(validating: bytes, as: UTF8.self) { return text }
    return String(part).replacingOccurrences(of: "+", with: " ")
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
