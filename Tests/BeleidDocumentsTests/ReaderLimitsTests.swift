import BeleidAnalysis
import BeleidTestSupport
import Foundation
import Testing
import ZIPFoundation

@testable import BeleidDocuments

/// Hostile and broken input to the readers: each gives a clear error or a
/// note, never a crash, an unbounded allocation or silently wrong text.
@Suite("Reader limits and entities")
struct ReaderLimitsTests {
  /// An XML document with `inner` inside its root, through the scanner.
  static func scan(_ xml: String) -> (texts: [String], failure: XMLScanner.Failure?) {
    var texts: [String] = []
    do {
      try XMLScanner.scan(xml) { event in if case .text(let text) = event { texts.append(text) } }
      return (texts, nil)
    } catch let failure as XMLScanner.Failure {
      return (texts, failure)
    } catch {
      return (texts, XMLScanner.Failure(message: "\(error)", line: 0))
    }
  }

  @Test(
    "undeclared entities are reported, never read as text (G1)",
    arguments: [
      "<r>&nope;</r>",
      #"<!DOCTYPE r [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><r>&lol2;</r>"#,
      #"<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><r>&xxe;</r>"#,
      #"<r a="&nope;">x</r>"#,
      "<r>&nbsp;</r>",
    ])
  func undeclaredEntities(_ xml: String) {
    let (texts, failure) = Self.scan(xml)
    #expect(failure?.message.contains("undeclared entity") == true, "\(texts)")
    #expect(!texts.joined().contains("root:"))
  }

  @Test(
    "character references to characters XML does not allow are reported (G2)",
    arguments: ["&#0;", "&#xD800;", "&#99999999;", "&#x110000;", "&#xFFFE;", "&#1;"])
  func badCharacterReferences(_ reference: String) {
    let (_, failure) = Self.scan("<term>a\(reference)b</term>")
    #expect(failure?.message.contains("not a character XML allows") == true)
  }

  @Test("XML's five entities and valid references decode")
  func goodEntities() {
    let (texts, failure) = Self.scan("<r>&amp;&lt;&gt;&quot;&apos;&#233;&#xE9;&#x1F600; &amp B</r>")
    #expect(failure == nil)
    #expect(texts.joined() == "&<>\"'éé😀 &amp B")
  }

  @Test(
    "elements nest at most 256 deep",
    arguments: [
      (XMLScanner.maximumDepth - 1, true), (XMLScanner.maximumDepth, true), (XMLScanner.maximumDepth + 1, false),
      (10 * XMLScanner.maximumDepth, false), (50_000, false),
    ])
  func depth(_ example: (depth: Int, accepted: Bool)) {
    let xml = String(repeating: "<a>", count: example.depth) + "x" + String(repeating: "</a>", count: example.depth)
    let (_, failure) = Self.scan(xml)
    #expect((failure == nil) == example.accepted)
    if !example.accepted { #expect(failure?.message.contains("nest deeper than 256") == true) }
  }

  @Test("an HTML page's unknown entities are kept as text and noted; bad references become U+FFFD")
  func htmlEntities() throws {
    let folder = try makeTemporaryDirectory()
    let path = try write(
      "<html lang=\"nl\"><head><title>T</title></head><body><main><p>Zorgplicht &nope; en &lol9; &#0; &#xD800; &#99999999; &eacute;</p></main></body></html>",
      "page.html", in: folder)
    let (documents, notes, _) = try readFile(path)
    let body = try #require(documents.first).body
    #expect(body.contains("&nope;"))
    #expect(body.contains("\u{FFFD} \u{FFFD} \u{FFFD} é"))
    #expect(notes.contains { $0.contains("2 unknown entities kept as text: &nope; &lol9;") }, "\(notes)")
  }

  @Test("a JSON Lines file with a byte order mark reads its first line")
  func jsonlBOM() throws {
    let folder = try makeTemporaryDirectory()
    let path = try write(
      [0xEF, 0xBB, 0xBF] + Array(#"{"id": "a", "text": "Eerste regel"}"#.utf8) + [0x0A]
        + Array(#"{"id": "b", "text": "Tweede regel"}"#.utf8), "bulk.jsonl", in: folder)
    let (documents, notes, _) = try readFile(path)
    #expect(documents.map(\.body) == ["Eerste regel", "Tweede regel"])
    #expect(notes.isEmpty, "\(notes)")
  }

  @Test(
    "dates are days that exist (Q2)",
    arguments: [
      ("2026-02-28", true), ("2024-02-29", true), ("2026-02-29", false), ("2026-02-31", false), ("2026-13", false),
      ("+202", false), ("2026", true), ("2026-1", true), ("2026-1-5", true), ("2026-04-31", false),
      ("20260", false), ("2026-99-99", false), ("-2026", false), ("2026-00-10", false), ("", false),
    ])
  func dates(_ example: (text: String, valid: Bool)) {
    #expect((DocumentDate.period(example.text) != nil) == example.valid)
    #expect((DocumentDate.days(example.text) != nil) == example.valid)
  }

  /// A .docx whose document.xml inflates to `size` bytes of one repeated run.
  static func bomb(size: Int, in folder: URL) throws -> String {
    let url = folder.appendingPathComponent("bomb.docx")
    let archive = try Archive(url: url, accessMode: .create)
    let prefix = Data(#"<?xml version="1.0"?><w:document xmlns:w="x"><w:body><w:p><w:r><w:t>"#.utf8)
    let suffix = Data("</w:t></w:r></w:p></w:body></w:document>".utf8)
    let fill = size - prefix.count - suffix.count
    let chunk = Data(repeating: UInt8(ascii: "a"), count: 1 << 16)
    try archive.addEntry(
      with: "word/document.xml", type: .file, uncompressedSize: Int64(size), compressionMethod: .deflate
    ) { position, length in
      var data = Data()
      var at = Int(position)
      while data.count < length {
        if at < prefix.count {
          data.append(prefix[at...].prefix(length - data.count))
        } else if at < prefix.count + fill {
          data.append(chunk.prefix(min(length - data.count, prefix.count + fill - at)))
        } else {
          data.append(suffix[(at - prefix.count - fill)...].prefix(length - data.count))
        }
        at = Int(position) + data.count
      }
      return data
    }
    return url.path
  }

  @Test("a zip bomb is skipped with a reason, before it is inflated (C4)")
  func zipBomb() throws {
    let folder = try makeTemporaryDirectory()
    let path = try Self.bomb(size: 300 << 20, in: folder)
    let compressed = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
    #expect(compressed < 2 << 20)
    do {
      _ = try readFile(path)
      Issue.record("a 300 MiB document.xml was read")
    } catch let error as DocumentError {
      guard case .tooLarge(let detail) = error.reason else {
        Issue.record("expected tooLarge, got \(error)")
        return
      }
      #expect(detail.contains("word/document.xml inflates to 300 MiB"))
      #expect(error.summary == "over a size limit")
    }
  }

  @Test(
    "an entry's inflated size is limited (limit − 1, limit, 10× limit)",
    arguments: [(-1, false), (0, true), (1, true), (-4_000, false)])
  func entryLimit(_ example: (slack: Int, accepted: Bool)) throws {
    let folder = try makeTemporaryDirectory()
    let size = 5_000
    let path = try Self.bomb(size: size, in: folder)
    let limit = example.slack == -4_000 ? size / 10 : size + example.slack
    let reader = OfficeReader(.docx, limits: .init(entryBytes: limit, fileBytes: 1 << 30, ratio: 200))
    let file = try SourceFile(path: path)
    do {
      _ = try reader.read(file) { _ in }
      #expect(example.accepted)
    } catch let error as DocumentError {
      #expect(!example.accepted, "\(error)")
      if case .tooLarge = error.reason {} else { Issue.record("expected tooLarge, got \(error)") }
    }
  }

  @Test("the ratio limit applies to entries over 1 MiB")
  func ratioLimit() throws {
    let folder = try makeTemporaryDirectory()
    let path = try Self.bomb(size: 4 << 20, in: folder)
    let file = try SourceFile(path: path)
    #expect(throws: DocumentError.self) {
      _ = try OfficeReader(.docx, limits: .init(ratio: 100)).read(file) { _ in }
    }
    _ = try OfficeReader(.docx, limits: .init(ratio: 100_000)).read(file) { _ in }
  }

  /// Front matter of nine anchors of nine aliases each: 9^9 values once
  /// expanded ("billion laughs").
  static var aliasBomb: String {
    var yaml = "title: x\na: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
    var previous = "a"
    for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
      yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
      previous = name
    }
    return yaml
  }

  @Test("front matter with YAML aliases is noted and its text still read (a billion laughs ran for minutes)")
  func frontMatterAliases() throws {
    let folder = try makeTemporaryDirectory()
    let path = try write("---\n\(Self.aliasBomb)---\nDe zorgplicht geldt.\n", "bomb.md", in: folder)
    let (documents, notes, _) = try readFile(path)
    #expect(documents.first?.body.contains("De zorgplicht geldt.") == true)
    #expect(notes.contains { $0.contains("YAML aliases (*name) are not read") && $0.contains("line 4") }, "\(notes)")
  }

  @Test(
    "YAML flow collections nest at most 64 deep",
    arguments: [
      (YAMLLimits.maximumDepth - 1, true), (YAMLLimits.maximumDepth, true), (YAMLLimits.maximumDepth + 1, false),
      (10 * YAMLLimits.maximumDepth, false),
    ])
  func yamlDepth(_ example: (depth: Int, accepted: Bool)) {
    let yaml =
      "title: x\ntags: " + String(repeating: "[", count: example.depth) + "a"
      + String(repeating: "]", count: example.depth) + "\n"
    let problem = YAMLLimits.problem(in: yaml)
    #expect((problem == nil) == example.accepted)
    if let problem { #expect(problem.line == 2 && problem.message.contains("nest deeper than 64")) }
  }

  @Test(
    "YAML that only looks like an alias is fine",
    arguments: ["title: \"*nieuw* beleid\"", "title: 'a *b'", "note: 2 * 3", "# *comment\ntitle: x", "list: [\"*a\"]"])
  func notAliases(_ yaml: String) {
    #expect(YAMLLimits.problem(in: yaml) == nil)
  }

  @Test("files are read without Foundation's leak on empty files (found by the fuzz targets under LeakSanitizer)")
  func fileBytes() throws {
    let folder = try makeTemporaryDirectory()
    let empty = try write([UInt8](), "empty.md", in: folder)
    #expect(FileBytes.read(empty) == [])
    let bytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    #expect(FileBytes.read(try write(bytes, "big.bin", in: folder)) == bytes)
    #expect(FileBytes.read(folder.path) == nil)
    #expect(FileBytes.read(folder.appendingPathComponent("missing").path) == nil)
    #expect(throws: DocumentError.self) { try readFile(empty) }
  }
}
