import Beleid
import BeleidTestSupport
import Foundation
import Testing

@testable import BeleidServer

/// The server's one-pass JSON encoder writes the JSON that Foundation's
/// JSONEncoder writes (compared parsed: Foundation's key order is a
/// dictionary's), with keys in the order the types encode them.
@Suite("Streaming JSON encoder")
struct StreamingJSONEncoderTests {
  /// JSON text parsed and written again with sorted keys.
  static func canonical(_ data: Data) throws -> String {
    let object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    let sorted = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .fragmentsAllowed])
    return String(decoding: sorted, as: UTF8.self)
  }

  static func foundation(_ value: some Encodable) throws -> String {
    try canonical(try JSONEncoder().encode(value))
  }

  static func streaming(_ value: some Encodable) throws -> String {
    try canonical(Data(try StreamingJSONEncoder().encode(value)))
  }

  struct Sample: Encodable {
    var text = "quotes \" backslash \\ slash / newline \n tab \t bell \u{07} unit \u{1F} ë 😀 \u{2028}"
    var numbers: [Double] = [0, 1, -1, 0.1, 1.5, 12.345_678_9, 1e-7, 1e21, 123_456_789_012, -0.25]
    var integers: [Int] = [0, -1, Int.max, Int.min]
    var small: [UInt8] = [0, 255]
    var wide: [Int64] = [Int64.min]
    var float: Float = 0.5
    var flags = [true, false]
    var missing: String? = nil
    var present: String? = "x"
    var empty: [String] = []
    var emptyObject: [String: Int] = [:]
    var nested: [[String: [Int]]] = [["a": [1, 2]], [:]]
    var url = URL(string: "https://example.org/a?b=c")!
    var kind = Kind.second
    var nothing = Nothing()
    enum Kind: String, Encodable { case first, second }
    struct Nothing: Encodable {}
  }

  /// A type that adds keys to what another type encoded, as the document
  /// route's body does.
  struct Extended: Encodable {
    var inner = Sample()
    var extra = [1, 2]
    func encode(to encoder: any Encoder) throws {
      try inner.encode(to: encoder)
      var container = encoder.container(keyedBy: Keys.self)
      try container.encode(extra, forKey: .extra)
      var nested = container.nestedContainer(keyedBy: Keys.self, forKey: .deeper)
      try nested.encode("deep", forKey: .extra)
      var list = container.nestedUnkeyedContainer(forKey: .list)
      try list.encode(1)
      try list.encodeNil()
      try container.encode(true, forKey: .after)
    }
    enum Keys: String, CodingKey { case extra, deeper, list, after }
  }

  @Test("hand-made values: strings, numbers, nesting, optionals, empty containers")
  func samples() throws {
    #expect(try Self.streaming(Sample()) == Self.foundation(Sample()))
    let raw = String(decoding: try StreamingJSONEncoder().encode(Sample()), as: UTF8.self)
    #expect(raw.hasPrefix(#"{"text":"quotes \" backslash \\ slash / newline \n tab \t bell \u0007 unit \u001f ë"#))
    #expect(raw.contains(#""float":0.5,"flags":[true,false],"present":"x","empty":[],"emptyObject":{}"#))
    #expect(try Self.streaming(Extended()) == Self.foundation(Extended()))
    #expect(try Self.streaming("top level") == Self.foundation("top level"))
    #expect(try Self.streaming([1.25]) == Self.foundation([1.25]))
    #expect(throws: EncodingError.self) { try Self.streaming([Double.nan]) }
    #expect(throws: EncodingError.self) { try Self.streaming(["x": Double.infinity]) }
  }

  @Test("the API's bodies: search results with snippets, explanations and facets, a document, a summary")
  func apiBodies() throws {
    let folder = try makeTemporaryDirectory("beleid-json").appendingPathComponent("index").path
    let index = Index(folder: folder)
    try index.update([BundledData.corpus.path])
    let snapshot = try index.snapshot(glossary: try Glossary(contentsOf: BundledData.glossary.path))
    for text in ["supply chain security", "ketenveiligheid", "\"digitale autonomie\" date:2026", "nosuchwordxyz"] {
      let result = try snapshot.search(SearchRequest(try Query(text), limit: 5, explain: true, facets: true))
      #expect(try Self.streaming(result) == Self.foundation(result), "\(text)")
    }
    let hit = try #require(try snapshot.search(SearchRequest("hyperscalers", limit: 1)).hits.first)
    let document = try #require(try snapshot.document(hit.key))
    #expect(try Self.streaming(document) == Self.foundation(document))
    let summary = try Summarizer().summarize(document, sentences: 2)
    #expect(try Self.streaming(summary) == Self.foundation(summary))
  }
}
