import BeleidTestSupport
import Foundation
import Testing

@testable import BeleidGlossary

/// Hostile and broken glossary files: each is an error naming its file and
/// line, never a crash and never silently imported text.
@Suite("Glossary limits")
struct GlossaryLimitsTests {
  static func tbx(_ term: String, wrap: (String) -> String = { $0 }) -> String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed:3.0">
      <text><body>\(wrap("""
      <conceptEntry id="c1">
        <langSec xml:lang="nl"><termSec><term>\(term)</term></termSec></langSec>
        <langSec xml:lang="en"><termSec><term>supply chain security</term></termSec></langSec>
      </conceptEntry>
      """))</body></text>
    </tbx>
    """
  }

  @Test("a TBX file nested 50,000 elements deep is an error, not a stack overflow (C3)")
  func deepTBX() throws {
    let deep = Self.tbx("ketenveiligheid") {
      String(repeating: "<note>", count: 50_000) + $0 + String(repeating: "</note>", count: 50_000)
    }
    let path = try temporaryFile("deep.tbx", deep)
    do {
      _ = try Glossary.read(path)
      Issue.record("a 50,000-deep TBX was read")
    } catch let error as GlossaryError {
      #expect(error.description.contains("nest deeper than 256"))
      #expect(error.line == 3)
    }
  }

  @Test(
    "entities other than XML's five are errors in TBX (G1, G2)",
    arguments: ["keten&nope;", "keten&#0;", "keten&#xD800;", "keten&#99999999;", "&lol9;"])
  func tbxEntities(_ term: String) throws {
    let path = try temporaryFile("entities.tbx", Self.tbx(term))
    #expect(throws: GlossaryError.self) { try Glossary.read(path) }
  }

  @Test("a valid TBX with &amp; still reads")
  func tbxAmpersand() throws {
    let (glossary, issues) = try Glossary.read(try temporaryFile("ok.tbx", Self.tbx("ketenveiligheid &amp; co")))
    #expect(issues.filter { $0.severity == .error }.isEmpty)
    #expect(glossary.concepts.first?.terms.first?.text == "ketenveiligheid & co")
  }

  @Test("a CSV header naming a column twice is an error (G3)")
  func duplicateColumn() throws {
    let path = try temporaryFile("dup.csv", "id,nl,nl,en\nc1,ketenveiligheid,keten,supply chain security\n")
    do {
      _ = try Glossary.read(path)
      Issue.record("a duplicate column was accepted")
    } catch let error as GlossaryError {
      #expect(error.description.contains("column 'nl' twice (columns 2 and 3)"))
      #expect(error.line == 1)
    }
  }

  @Test(
    "a term over 300 characters is an error, and its concept is left out",
    arguments: [(Glossary.maximumTermLength, true), (Glossary.maximumTermLength + 1, false), (80_000, false)])
  func termLength(_ example: (length: Int, accepted: Bool)) throws {
    let term = String(repeating: "k", count: example.length)
    let path = try temporaryFile("long.csv", "nl,en\n\(term),supply chain security\nketen,chain\n")
    let (glossary, issues) = try Glossary.read(path)
    #expect(glossary.concepts.count == (example.accepted ? 2 : 1))
    #expect(
      issues.contains { $0.severity == .error && $0.message.contains("terms may be at most 300") } != example.accepted)
  }

  @Test("a YAML glossary with aliases is refused with its line, before Yams expands them")
  func yamlAliases() throws {
    let text = "domain: test\nconcepts:\n  - id: c1\n    nl: &terms [\"keten\", \"ketens\"]\n    en: *terms\n"
    let path = try temporaryFile("aliases.yaml", text)
    do {
      _ = try Glossary.read(path)
      Issue.record("aliases were read")
    } catch let error as GlossaryError {
      #expect(error.description.contains("YAML aliases"))
      #expect(error.line == 5)
    }
  }
}
