import BeleidGlossary
import BeleidTestSupport
import Foundation
import Testing

/// The compiled glossary: the same concepts, terms, locations and issues as
/// the parsed files, a new file for an edit, and a damaged file ignored.
@Suite("Compiled glossary", .serialized)
struct GlossaryCacheTests {
  /// Everything a read gives, locations included (`Concept.==` ignores them).
  static func everything(_ read: (Glossary, [GlossaryIssue])) -> String {
    let concepts = read.0.concepts.map { concept in
      "\(concept) @\(concept.location.map { "\($0)" } ?? "-") "
        + concept.terms.map { "\($0.text)|\($0.language)|\($0.status)|\($0.line ?? -1)" }.joined(separator: ";")
    }
    return ([read.0.title ?? "-"] + concepts + read.1.map(\.description)).joined(separator: "\n")
  }

  /// A copy of the bundled glossary with problems (an unknown key, a
  /// concept without an id), so the read has issues to keep.
  static func glossaryFolder() throws -> String {
    let folder = try makeTemporaryDirectory().appendingPathComponent("Glossary")
    try FileManager.default.copyItem(at: BundledData.glossary, to: folder)
    let extra = """
      domain: test
      colour: blue
      concepts:
        - note: "no id: an issue"
          nl: ["zonder id"]
        - id: meldplicht-test
          nl: ["meldplicht", "meldingsplicht"]
          en: ["reporting obligation"]
          definition:
            en: "A duty to report: ‘quoted’ and ë."

      """
    try extra.write(to: folder.appendingPathComponent("zz-test.yaml"), atomically: true, encoding: .utf8)
    return folder.path
  }

  @Test("parsed, compiled, then read back: the same glossary and issues")
  func roundTrip() throws {
    let folder = try Self.glossaryFolder()
    let cache = try makeTemporaryDirectory().path
    let parsed = try Glossary.read(folder)
    #expect(!parsed.1.isEmpty, "the extra file should give an issue")
    #expect(Self.everything(try Glossary.compiled(folder, cacheFolder: cache)) == Self.everything(parsed))
    let files = try FileManager.default.contentsOfDirectory(atPath: cache)
    #expect(files.count == 1 && files[0].hasPrefix("glossary-"), "\(files)")
    let compiled = try Glossary.compiled(folder, cacheFolder: cache)
    #expect(Self.everything(compiled) == Self.everything(parsed))
    #expect(compiled.0 == parsed.0)
  }

  @Test("an edited file is read again, into a file of its own")
  func edited() throws {
    let folder = try Self.glossaryFolder()
    let cache = try makeTemporaryDirectory().path
    _ = try Glossary.compiled(folder, cacheFolder: cache)
    let file = (folder as NSString).appendingPathComponent("zz-test.yaml")
    // Same size, same second: only the bytes differ.
    var text = try String(contentsOfFile: file, encoding: .utf8)
    text = text.replacingOccurrences(of: "meldingsplicht", with: "meldingsplichT")
    try text.write(toFile: file, atomically: false, encoding: .utf8)
    let compiled = try Glossary.compiled(folder, cacheFolder: cache)
    #expect(compiled.0.concepts.contains { $0.terms.contains { $0.text == "meldingsplichT" } })
    #expect(Self.everything(compiled) == Self.everything(try Glossary.read(folder)))
    #expect(try FileManager.default.contentsOfDirectory(atPath: cache).count == 2)
  }

  @Test("a damaged compiled file is ignored and the files parsed", arguments: [0, 1, 2, 3])
  func damaged(_ kind: Int) throws {
    let folder = try Self.glossaryFolder()
    let cache = try makeTemporaryDirectory().path
    _ = try Glossary.compiled(folder, cacheFolder: cache)
    try damageOnlyFile(in: cache) { bytes in
      switch kind {
      case 0: bytes.removeLast(bytes.count / 3)
      case 1: bytes[0] ^= 0x55
      case 2: for index in 8..<64 { bytes[index] = 0xFF }
      default: for index in (bytes.count / 2)..<(bytes.count / 2 + 40) { bytes[index] = 0xFF }
      }
    }
    #expect(
      Self.everything(try Glossary.compiled(folder, cacheFolder: cache)) == Self.everything(try Glossary.read(folder)))
  }

  @Test("a glossary that cannot be read still fails with its own message")
  func missing() throws {
    let cache = try makeTemporaryDirectory().path
    #expect(throws: GlossaryError.self) { try Glossary.compiled("/no/such/glossary", cacheFolder: cache) }
    #expect(try FileManager.default.contentsOfDirectory(atPath: cache).isEmpty)
  }
}
