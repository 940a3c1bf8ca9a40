import BeleidTestSupport
import Foundation
import Testing

@Suite("beleid glossary")
struct GlossaryCommandTests {
  @Test(
    "lookup works both ways and prints every field",
    arguments: [("ketenveiligheid", "supply chain security"), ("supply chain security", "ketenveiligheid")])
  func lookup(_ example: (String, String)) throws {
    let result = try Beleid.run(["glossary", "lookup", example.0])
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.contains(example.1))
    for field in ["definition (en):", "note:", "source:", "file:", "(preferred)", "(admitted)"] {
      #expect(result.output.contains(field), "\(field) in \(result.output)")
    }
  }

  @Test("lookup --json carries the concept and how it matched")
  func lookupJSON() throws {
    let result = try Beleid.run(["glossary", "lookup", "--json", "NIS 2-richtlijn"])
    let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    let match = try #require((json["matches"] as? [[String: Any]])?.first)
    #expect(match["kind"] as? String == "exact")
    let concept = try #require(match["concept"] as? [String: Any])
    #expect(concept["id"] as? String == "nis2-richtlijn")
  }

  @Test("no match: exit 1 with suggestions; an empty or huge lookup: exit 2 with a message")
  func badLookups() throws {
    let typo = try Beleid.run(["glossary", "lookup", "ketenveilgheid"])
    #expect(typo.status == 1)
    #expect(typo.output.contains("Did you mean: ketenveiligheid"))
    let empty = try Beleid.run(["glossary", "lookup", ""])
    #expect(empty.status == 2 && empty.error.contains("empty"), "\(empty.error)")
    let huge = try Beleid.run(["glossary", "lookup", String(repeating: "x", count: 10_000)])
    #expect(huge.status == 2 && huge.error.contains("10000 characters"), "\(huge.error)")
  }

  @Test("list --domain, and an unknown domain names the real ones")
  func list() throws {
    let procurement = try Beleid.run(["glossary", "list", "--domain", "procurement"])
    #expect(procurement.status == 0)
    #expect(procurement.output.contains("aanbesteding") && !procurement.output.contains("ketenveiligheid"))
    let unknown = try Beleid.run(["glossary", "list", "--domain", "astronomy"])
    #expect(unknown.status == 2 && unknown.error.contains("supply chain"), "\(unknown.error)")
  }

  @Test("validate: the bundled glossary has no errors; a broken file exits 1 with file and line")
  func validate() throws {
    let bundled = try Beleid.run(["glossary", "validate"])
    #expect(bundled.status == 0, "\(bundled.output)")
    #expect(bundled.output.contains("0 errors"))
    let folder = try makeTemporaryDirectory()
    let broken = folder.appendingPathComponent("broken.csv")
    try "nl,en\nketen,chain\ntoo,many,fields\n".write(to: broken, atomically: true, encoding: .utf8)
    let result = try Beleid.run(["glossary", "validate", broken.path])
    #expect(result.status == 1)
    #expect(result.output.contains("\(broken.path):3: error"), "\(result.output)")
  }

  @Test("import never replaces a good glossary with a broken one; a good import round-trips")
  func importAtomically() throws {
    let folder = try makeTemporaryDirectory()
    let target = folder.appendingPathComponent("terms.yaml")
    let tbx = folder.appendingPathComponent("all.tbx")
    let export = try Beleid.run(["glossary", "export", "--format", "tbx", "--output", tbx.path])
    #expect(export.status == 0, "\(export.error)")
    let good = try Beleid.run(["glossary", "import", tbx.path, "--output", target.path])
    #expect(good.status == 0, "\(good.error)")
    let before = try Data(contentsOf: target)
    let broken = folder.appendingPathComponent("broken.tbx")
    try String(decoding: try Data(contentsOf: tbx), as: UTF8.self).replacingOccurrences(
      of: "<langSec xml:lang=\"en\">", with: "<langSec>"
    ).write(to: broken, atomically: true, encoding: .utf8)
    let bad = try Beleid.run(["glossary", "import", broken.path, "--output", target.path])
    #expect(bad.status == 2)
    #expect(bad.error.contains("xml:lang") && bad.error.contains("nothing was written"), "\(bad.error)")
    #expect(try Data(contentsOf: target) == before)
    let lookup = try Beleid.run(["glossary", "lookup", "--glossary", target.path, "ketenveiligheid"])
    #expect(lookup.output.contains("supply chain security"))
  }

  @Test("export formats: TBX, CSV, OmegaT TSV, Solr and Elasticsearch synonyms")
  func exports() throws {
    let checks: [(String, String)] = [
      ("tbx", "<conceptEntry id=\"ketenveiligheid\">"), ("tbx2", "<termEntry id=\"ketenveiligheid\">"),
      ("csv", "ketenveiligheid,beveiliging van de toeleveringsketen,supply chain security"),
      ("omegat", "ketenveiligheid\tsupply chain security"), ("solr", "supply chain security"),
      ("elasticsearch", "synonym_graph"),
    ]
    for (format, expected) in checks {
      let result = try Beleid.run(["glossary", "export", "--format", format])
      #expect(result.status == 0)
      #expect(result.output.contains(expected), "\(format)")
    }
    let bad = try Beleid.run(["glossary", "export", "--format", "kiesraad"])
    #expect(bad.status == 2 && bad.error.contains("cannot write"))
  }
}

@Suite(
  "Cross-language search on the shared corpus",
  .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason)))
struct CrossLanguageCommandTests {
  @Test("\"supply chain security\" finds the 2026-01-30 coalition news in the top 3; --explain shows the set")
  func supplyChainSecurity() throws {
    let index = try makeTemporaryDirectory().appendingPathComponent("index").path
    let indexed = try Beleid.run(["index", "--index", index, SharedData.url("corpus").path])
    #expect(indexed.status == 0, "\(indexed.error)")
    let result = try Beleid.run(["search", "--index", index, "--limit", "3", "--explain", "supply chain security"])
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.contains("2026-01-30-coalitieakkoord-digitale-plannen"), "\(result.output)")
    #expect(result.output.contains("glossary ketenveiligheid ×1: \"beveil van de toeleveringsketen\""))
    let plain = try Beleid.run(["search", "--index", index, "--limit", "3", "--no-translate", "supply chain security"])
    #expect(!plain.output.contains("glossary"))
  }
}
