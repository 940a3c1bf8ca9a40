import Foundation
import Testing

@testable import BeleidDocuments

/// The JSONL reader's object parser, checked against Foundation's
/// `JSONSerialization` on the same lines: both must accept or refuse a line,
/// and agree on its top-level strings.
@Suite("JSON scanner")
struct JSONScannerTests {
  static let lines: [String] = [
    #"{}"#,
    #"  { "text" : "ketenveiligheid" }  "#,
    #"{"id": "x1", "title": "Eerste", "text": "a", "date": "2026-01-30"}"#,
    #"{"text": "regel\nnieuwe \"regel\" \\ \/ \t\b\f\r"}"#,
    #"{"text": "\u00e9\u00EB \u20ac \ud83d\ude00 café"}"#,
    #"{"text": "x", "id": 42, "n": -0.5e+3, "tags": ["a", {"b": [1, 2, null]}], "ok": true, "no": false}"#,
    #"{"text": "x", "text": "y"}"#,
    #"{"text": "x", "nested": {"deep": {"deeper": []}}}"#,
    // Trailing commas: Foundation accepts them, and so did beleid before.
    #"{"text": "x",}"#,
    #"{"a": [1, 2,], "text": "x"}"#,
    // Refused by both.
    #"not json"#,
    #"{,}"#,
    #"{"a": [,]}"#,
    #"{"text": "x",,}"#,
    #"["text"]"#,
    #"{"text": "x"} trailing"#,
    #"{"text": 'x'}"#,
    #"{text: "x"}"#,
    #"{"text": "x""#,
    #"{"text": "\ud83d"}"#,
    #"{"text": "\ude00"}"#,
    #"{"text": "\x"}"#,
    #"{"text": "\u12"}"#,
    #"{"text": 01}"#,
    #"{"text": 1.}"#,
    #"{"text": -}"#,
    #"{"text": tru}"#,
    #"{"a" "b"}"#,
    "{\"text\": \"tab\there\"}",
    "",
  ]

  @Test("agrees with JSONSerialization", arguments: lines)
  func agrees(line: String) {
    let ours = Array(line.utf8).withUnsafeBytes { JSONScanner.object($0) }
    let foundation = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
    #expect((ours == nil) == (foundation == nil), "\(line)")
    guard let ours, let foundation else { return }
    #expect(Set(ours.keys) == Set(foundation.keys))
    for (key, value) in foundation {
      if let string = value as? String { #expect(ours[key] == .string(string), "\(key)") }
    }
  }

  @Test(
    "nesting: fine up to the limit, refused past it",
    arguments: [
      (JSONScanner.maximumDepth - 1, true), (JSONScanner.maximumDepth, true), (JSONScanner.maximumDepth + 1, false),
      (10 * JSONScanner.maximumDepth, false),
    ])
  func depth(_ example: (depth: Int, accepted: Bool)) {
    let line =
      #"{"text": "x", "a": "# + String(repeating: "[", count: example.depth)
      + String(repeating: "]", count: example.depth) + "}"
    #expect((Array(line.utf8).withUnsafeBytes { JSONScanner.object($0) } != nil) == example.accepted)
  }

  @Test("refuses invalid UTF-8 and nesting beyond the limit")
  func refuses() {
    var invalid = Array(#"{"text": "ab"#.utf8)
    invalid.append(0xFF)
    invalid.append(contentsOf: Array(#""}"#.utf8))
    #expect(invalid.withUnsafeBytes { JSONScanner.object($0) } == nil)
    let deep = #"{"a": "# + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "}"
    #expect(Array(deep.utf8).withUnsafeBytes { JSONScanner.object($0) } == nil)
    let fine = #"{"a": "# + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "}"
    #expect(Array(fine.utf8).withUnsafeBytes { JSONScanner.object($0) }?["a"] == .other)
  }

  @Test(
    "numeric ids read as their value",
    arguments: [("42", "42"), ("-7", "-7"), ("2.0", "2"), ("1.50", "1.5"), ("15e-1", "1.5"), ("1e3", "1000")])
  func numericIDs(literal: String, expected: String) {
    #expect(JSONLReader.numberText(literal) == expected)
  }
}
