import BeleidAnalysis
import BeleidGlossary
import BeleidTestSupport
import Foundation
import Testing

@Suite("The curated glossary")
struct CuratedGlossaryTests {
  @Test("loads without problems, has at least 250 concepts, each with Dutch and English")
  func loads() throws {
    let (glossary, issues) = try Glossary.read(BundledData.glossary.path)
    #expect(issues.filter { $0.severity == .error }.isEmpty, "\(issues)")
    #expect(glossary.concepts.count >= 250)
    #expect(glossary.validate().filter { $0.severity == .error }.isEmpty, "\(glossary.validate())")
    for concept in glossary.concepts {
      #expect(concept.preferred(in: .dutch) != nil && concept.preferred(in: .english) != nil, "\(concept.id)")
      #expect(concept.domain != nil, "\(concept.id)")
    }
  }

  @Test(
    "has the terms the issue names, each with its equivalent",
    arguments: [
      ("Cyberbeveiligingswet", "Dutch Cybersecurity Act"), ("Cbw", "Dutch Cybersecurity Act"),
      ("NIS 2-richtlijn", "NIS 2 Directive"), ("NIB2", "NIS 2 Directive"),
      ("Wbni", "Network and Information Systems Security Act"),
      ("zorgplicht", "duty of care"), ("meldplicht", "reporting obligation"),
      ("essentiële entiteit", "essential entity"),
      ("belangrijke entiteit", "important entity"), ("CSIRT", "CSIRT"), ("kwetsbaarheid", "vulnerability"),
      ("ketenveiligheid", "supply chain security"), ("toeleveringsketen", "supply chain"), ("leverancier", "supplier"),
      ("digitale autonomie", "digital autonomy"), ("digitale soevereiniteit", "digital sovereignty"),
      ("hyperscaler", "hyperscaler"), ("aanbesteding", "public procurement"),
      ("Europese aanbesteding", "European tender"), ("NCTV", "National Coordinator for Security and Counterterrorism"),
      ("Rijksoverheid", "Government of the Netherlands"), ("Tweede Kamer", "House of Representatives"),
      ("minderheidskabinet", "minority cabinet"), ("coalitieakkoord", "coalition agreement"), ("begroting", "budget"),
      ("mkb", "SMEs"), ("AI-fabriek", "AI factory"), ("AI-verordening", "AI Act"), ("AVG", "GDPR"),
      ("Woo", "Open Government Act"), ("open source", "open source"), ("zero trust", "zero trust"),
      ("security-by-design", "security by design"), ("dreigingsinformatie", "threat information"),
      ("ethische hacker", "ethical hacker"), ("CVD", "coordinated vulnerability disclosure"),
      ("Cyber Resilience Act", "Cyber Resilience Act"), ("DORA", "Digital Operational Resilience Act"),
      ("eIDAS", "eIDAS Regulation"), ("dataverordening", "Data Act"),
      ("digitaledienstenverordening", "Digital Services Act"),
    ])
  func namedTerms(_ pair: (String, String)) throws {
    let matcher = TermMatcher(glossary: bundledGlossary)
    let result = try matcher.lookup(pair.0)
    let match = try #require(result.matches.first, "no concept for \(pair.0)")
    let concept = bundledGlossary.concepts[match.concept]
    let english = concept.terms(in: .english).map(\.text)
    #expect(english.contains { $0.lowercased().hasPrefix(pair.1.lowercased()) }, "\(pair.0): \(english)")
  }

  @Test("keeps the Dutch Cyberbeveiligingswet apart from the EU Cybersecurity Act")
  func cybersecurityActs() throws {
    let matcher = TermMatcher(glossary: bundledGlossary)
    let dutch = try #require(try matcher.lookup("Cyberbeveiligingswet").matches.first)
    let eu = try #require(try matcher.lookup("cyberbeveiligingsverordening").matches.first)
    #expect(dutch.concept != eu.concept)
    #expect(bundledGlossary.concepts[dutch.concept].note?.contains("Not the EU Cybersecurity Act") == true)
  }
}

@Suite("Glossary formats")
struct GlossaryFormatTests {
  /// A concept that uses every field the model has.
  static let rich = Concept(
    id: "c-rich", domain: "test & <domain>",
    terms: [
      Term(
        "ketenveiligheid", language: "nl", status: .preferred, type: "fullForm", partOfSpeech: "noun",
        context: "De \"ketenveiligheid\" & meer.", note: "jargon", source: "own"),
      Term("keten-veiligheid", language: "nl", status: .admitted),
      Term(
        "ketenbeveiliging", language: "nl", status: .deprecated,
        properties: [Property(element: "termNote", type: "geographicalUsage", value: "BE")]),
      Term("supply chain security", language: "en", status: .preferred),
      Term("SCS", language: "en", status: .admitted, type: "acronym"),
    ],
    definitions: ["en": "Securing suppliers.", "nl": "Het beveiligen van leveranciers."], note: "A note, with a comma.",
    source: "NIS 2 art. 21",
    properties: [
      Property(element: "xref", type: "externalCrossReference", value: "https://example.org/a?b=1&c=2"),
      Property(element: "descripGrp/admin", type: "source", value: "definition source", language: "nl"),
    ])

  static let sample = Glossary(title: "Round trip", concepts: [rich])

  @Test("TBX v3 and v2 round trips lose nothing", arguments: [GlossaryFormat.tbx, .tbx2])
  func tbxRoundTrip(_ format: GlossaryFormat) throws {
    for glossary in [Self.sample, bundledGlossary] {
      let path = try temporaryFile("round.tbx", try glossary.text(as: format))
      let (back, issues) = try Glossary.read(path, format: format)
      #expect(issues.isEmpty, "\(issues)")
      #expect(back.concepts.count == glossary.concepts.count)
      for (a, b) in zip(back.withoutLines.concepts, glossary.withoutLines.concepts) { #expect(a == b, "\(a.id)") }
      #expect(back.title == (glossary.title ?? "beleid glossary"))
    }
  }

  @Test("a YAML round trip loses nothing")
  func yamlRoundTrip() throws {
    for glossary in [Self.sample, bundledGlossary] {
      let path = try temporaryFile("round.yaml", try glossary.text(as: .yaml))
      let (back, issues) = try Glossary.read(path)
      #expect(issues.isEmpty, "\(issues)")
      #expect(back.concepts.count == glossary.concepts.count)
      for (a, b) in zip(back.withoutLines.concepts, glossary.withoutLines.concepts) { #expect(a == b, "\(a.id)") }
      #expect(back.title == glossary.title)
    }
  }

  @Test("a CSV round trip keeps terms, statuses, domain, definition, note and source")
  func csvRoundTrip() throws {
    let path = try temporaryFile("round.csv", try bundledGlossary.text(as: .csv))
    let (back, issues) = try Glossary.read(path)
    #expect(issues.isEmpty, "\(issues)")
    #expect(back.concepts.count == bundledGlossary.concepts.count)
    for (a, b) in zip(back.concepts, bundledGlossary.concepts) {
      #expect(a.id == b.id && a.domain == b.domain && a.note == b.note && a.source == b.source)
      #expect(a.terms.map(\.text) == b.terms.map(\.text), "\(a.id)")
      #expect(a.definitions["en"] == b.definitions["en"])
    }
  }

  @Test("reads the TBX-Basic sample: grouped definitions and contexts, statuses, other languages kept")
  func tbxBasicSample() throws {
    let (glossary, issues) = try Glossary.read(fixtures.appendingPathComponent("tbx-basic.tbx").path)
    #expect(issues.isEmpty, "\(issues)")
    #expect(glossary.title == "Test glossary NL-EN, cybersecurity policy")
    let chain = try #require(glossary.concept(id: "c-supply-chain-security"))
    #expect(chain.domain == "cybersecurity")
    #expect(chain.definitions["nl"]?.hasPrefix("Beveiliging van de relaties") == true)
    #expect(chain.preferred(in: .english)?.text == "supply chain security")
    let keten = try #require(chain.terms.first { $0.text == "ketenveiligheid" })
    #expect(keten.status == .admitted && keten.partOfSpeech == "noun")
    #expect(keten.context?.hasPrefix("Het kabinet") == true)
    #expect(keten.note == "Beleidsjargon & \"policy speak\".")
    #expect(chain.terms.first { $0.text == "chain security" }?.status == .deprecated)
    #expect(chain.properties.contains { $0.element == "transacGrp/transac" })
    let nctv = try #require(glossary.concept(id: "c-nctv"))
    #expect(nctv.terms(in: "fr").count == 1)
    #expect(nctv.terms.first { $0.text == "NCTV" }?.type == "acronym")
    // And back: the same again after writing and reading.
    let again = try Glossary.read(try temporaryFile("again.tbx", try glossary.text(as: .tbx))).0
    #expect(again.withoutLines == glossary.withoutLines)
  }

  @Test("reads TBX v2 (martif) with tig and ntig")
  func tbxVersion2() throws {
    let (glossary, issues) = try Glossary.read(fixtures.appendingPathComponent("tbx-v2.tbx").path)
    #expect(issues.isEmpty, "\(issues)")
    let concept = try #require(glossary.concept(id: "zorgplicht"))
    #expect(concept.preferred(in: .dutch)?.text == "zorgplicht")
    #expect(concept.terms(in: .english).map(\.text) == ["duty of care"])
    #expect(concept.definitions["en"] == "The duty to take appropriate measures.")
  }

  @Test(
    "malformed TBX gives a clear error with the line",
    arguments: [
      ("this is not XML", "not XML", 1),
      ("<tbx xmlns=\"urn:example:wrong\"><text><body/></text></tbx>", "wrong namespace", 1),
      ("<?xml version=\"1.0\"?>\n<html><body/></html>", "root element is <html>", 2),
      (
        "<tbx xmlns=\"urn:iso:std:iso:30042:ed-2\">\n<text>\n<body>\n<conceptEntry id=\"a\">\n</body></text></tbx>",
        "closes <conceptEntry>", 5
      ),
    ])
  func badTBX(_ example: (String, String, Int)) throws {
    let path = try temporaryFile("bad.tbx", example.0)
    let error = try #require(throws: GlossaryError.self) { try Glossary.read(path) }
    #expect(error.reason.contains(example.1), "\(error)")
    #expect(error.line == example.2, "\(error)")
    #expect(error.file == path)
  }

  @Test("a language section without xml:lang is reported with its line, the rest is read")
  func missingLanguage() throws {
    let text = """
      <tbx xmlns="urn:iso:std:iso:30042:ed-2"><text><body>
      <conceptEntry id="a"><langSec xml:lang="nl"><termSec><term>a</term></termSec></langSec></conceptEntry>
      <conceptEntry id="b">
        <langSec><termSec><term>b</term></termSec></langSec>
      </conceptEntry>
      </body></text></tbx>
      """
    let (glossary, issues) = try Glossary.read(try temporaryFile("lang.tbx", text))
    #expect(glossary.concepts.map(\.id) == ["a"])
    let issue = try #require(issues.first)
    #expect(issue.severity == .error && issue.line == 4 && issue.message.contains("xml:lang"), "\(issue)")
  }

  @Test(
    "malformed CSV rows are errors with their line; other rows are read",
    arguments: [
      ("nl,en,domain\nketen,chain,x\nalleen twee,velden\nbeleid,policy,state\n", 3, "2 fields; the header has 3"),
      ("nl,en,status\na,b,preferred\nc,d,sometimes\n", 3, "unknown status"),
      ("nl,en\n,\n", 2, "no terms"),
    ])
  func badCSVRows(_ example: (String, Int, String)) throws {
    let (glossary, issues) = try Glossary.read(try temporaryFile("rows.csv", example.0))
    let error = try #require(issues.first { $0.severity == .error })
    #expect(error.line == example.1, "\(error)")
    #expect(error.message.contains(example.2), "\(error)")
    #expect(glossary.concepts.count >= 1 || example.0.hasPrefix("nl,en\n,"))
  }

  @Test(
    "CSV encodings: Windows-1252 and UTF-16 are refused with the line, a BOM is noted and ignored",
    arguments: [
      (
        Array("nl,en\nbeleid,policy\ncafé,cafe\n".utf8).map { $0 == 0xC3 ? 0xE9 : $0 }.filter { $0 != 0xA9 },
        "not UTF-8", 3
      ),
      ([0xFF, 0xFE] + Array("n\0l\0".utf8), "UTF-16", 1),
    ])
  func csvEncodings(_ example: ([UInt8], String, Int)) throws {
    let path = try temporaryFile("enc.csv", example.0)
    let error = try #require(throws: GlossaryError.self) { try Glossary.read(path) }
    #expect(error.reason.contains(example.1), "\(error)")
    #expect(error.line == example.2, "\(error)")
  }

  @Test("a UTF-8 byte-order mark is ignored with a warning")
  func byteOrderMark() throws {
    let (glossary, issues) = try Glossary.read(
      try temporaryFile("bom.csv", [0xEF, 0xBB, 0xBF] + Array("nl,en\nbeleid,policy\n".utf8)))
    #expect(glossary.concepts.first?.preferred(in: .dutch)?.text == "beleid")
    #expect(issues.contains { $0.severity == .warning && $0.message.contains("byte-order mark") && $0.line == 1 })
  }

  @Test("an unclosed quote in CSV names the line it opens on")
  func unclosedQuote() throws {
    let error = try #require(throws: GlossaryError.self) {
      try Glossary.read(try temporaryFile("q.csv", "nl,en\na,b\n\"c,d\ne,f\n"))
    }
    #expect(error.line == 3 && error.reason.contains("never closed"), "\(error)")
  }

  @Test("MultiTerm CSV: quoted fields, | between synonyms, semicolons as separator")
  func multiTermCSV() throws {
    let text =
      "nl;en;nl_synonyms;en_synonyms;domain;note\n\"ketenveiligheid\";supply chain security;ketenbeveiliging | keten-veiligheid;;supply chain;\"a; b\"\n"
    let (glossary, issues) = try Glossary.read(try temporaryFile("mt.csv", text))
    #expect(issues.isEmpty, "\(issues)")
    let concept = try #require(glossary.concepts.first)
    #expect(concept.terms(in: .dutch).map(\.text) == ["ketenveiligheid", "ketenbeveiliging", "keten-veiligheid"])
    #expect(concept.note == "a; b" && concept.domain == "supply chain")
  }

  @Test("OmegaT TSV: rows with the same source join one concept; export writes one row per Dutch term")
  func omegaT() throws {
    let (glossary, issues) = try Glossary.read(
      try temporaryFile(
        "g.tsv", "zorgplicht\tduty of care\tCbw\nzorgplicht\tdue care\nmeldplicht\treporting obligation\n"))
    #expect(issues.isEmpty, "\(issues)")
    #expect(glossary.concepts.count == 2)
    #expect(glossary.concepts[0].terms(in: .english).map(\.text) == ["duty of care", "due care"])
    let export = try bundledGlossary.text(as: .omegat)
    #expect(export.contains("ketenveiligheid\tsupply chain security\t"))
  }

  @Test("general: true marks a concept general, in YAML and through TBX; anything but a boolean is an error")
  func generalFlag() throws {
    let yaml = "domain: x\nconcepts:\n  - id: a\n    general: true\n    nl: [\"overheid\"]\n    en: [\"government\"]\n"
    let (glossary, issues) = try Glossary.read(try temporaryFile("g.yaml", yaml))
    #expect(issues.isEmpty && glossary.concepts.first?.isMarkedGeneral == true, "\(issues)")
    #expect(try glossary.text(as: .yaml).contains("    general: true\n"))
    let (tbx, _) = try Glossary.read(try temporaryFile("g.tbx", try glossary.text(as: .tbx)), format: .tbx)
    #expect(tbx.concepts.first?.isMarkedGeneral == true)
    #expect(bundledGlossary.concepts.first { $0.id == "overheid" }?.isMarkedGeneral == true)
    let bad = yaml.replacingOccurrences(of: "general: true", with: "general: \"ja\"")
    let (_, badIssues) = try Glossary.read(try temporaryFile("b.yaml", bad))
    #expect(badIssues.first?.line == 4 && badIssues.first?.message.contains("general") == true, "\(badIssues)")
  }

  @Test("YAML problems name the file and line")
  func badYAML() throws {
    let unknownKey = "domain: x\nconcepts:\n  - id: a\n    nl: [\"a\"]\n    en: [\"b\"]\n    defintion: \"typo\"\n"
    let (_, issues) = try Glossary.read(try temporaryFile("k.yaml", unknownKey))
    #expect(issues.first?.line == 6 && issues.first?.message.contains("defintion") == true, "\(issues)")
    let error = try #require(throws: GlossaryError.self) {
      try Glossary.read(try temporaryFile("y.yaml", "domain: x\nconcepts:\n  - id: [unclosed\n"))
    }
    #expect(error.reason.contains("not valid YAML") && error.line != nil, "\(error)")
  }

  @Test("synonym exports: one line per concept, deprecated terms mapped one way, commas escaped")
  func synonyms() throws {
    let solr = try bundledGlossary.text(as: .solr)
    let line = try #require(solr.split(separator: "\n").first { $0.hasPrefix("beveiliging van de toeleveringsketen") })
    #expect(line.contains("ketenveiligheid") && line.contains("supply chain security"))
    let sample = try Self.sample.text(as: .solr)
    #expect(sample.contains("ketenbeveiliging => ketenveiligheid, keten-veiligheid, supply chain security, SCS"))
    let json = try Self.sample.text(as: .elasticsearch)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let settings = try #require(object["settings"] as? [String: Any])
    let analysis = try #require(settings["analysis"] as? [String: Any])
    let filters = try #require(analysis["filter"] as? [String: Any])
    let filter = try #require(filters["beleid_glossary"] as? [String: Any])
    #expect(filter["type"] as? String == "synonym_graph")
    #expect((filter["synonyms"] as? [String])?.count == 2)

  }

  @Test("validate reports duplicates, conflicting equivalents and missing languages with file and line")
  func validate() throws {
    let text = """
      domain: test
      concepts:
        - id: a
          nl: ["keten"]
          en: ["chain"]
        - id: a
          nl: ["ketting"]
          en: ["chain"]
        - id: c
          nl: ["keten"]
          en: ["chain"]
        - id: d
          nl: ["alleen"]
      """
    let path = try temporaryFile("v.yaml", text)
    let glossary = try Glossary.read(path).0
    let issues = glossary.validate()
    func has(_ kind: GlossaryIssue.Kind, line: Int) -> Bool {
      issues.contains { $0.kind == kind && $0.line == line && $0.file == path }
    }
    #expect(has(.duplicate, line: 6), "\(issues)")  // id a twice
    #expect(has(.duplicate, line: 9), "\(issues)")  // c repeats a
    #expect(has(.conflict, line: 9), "\(issues)")  // chain: keten vs ketting
    #expect(has(.missingLanguage, line: 12), "\(issues)")
  }
}

@Suite(
  "Importing the public glossary sources",
  .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason)))
struct SourceImportTests {
  @Test("the Kiesraad list and the legal dictionary import: more than 3,000 concepts")
  func sources() throws {
    let kiesraad = try Glossary.read(SharedData.url("glossary-sources/kiesraad/woordenlijst-nl-en.tsv").path)
    #expect(kiesraad.1.allSatisfy { $0.severity == .warning }, "\(kiesraad.1)")
    #expect(kiesraad.0.concepts.count == 293)
    let council = try #require(kiesraad.0.concepts.first { $0.preferred(in: .dutch)?.text == "Kiesraad" })
    #expect(council.preferred(in: .english)?.text == "Electoral Council")
    #expect(council.terms.contains { $0.text == "KR" && $0.type == "abbreviation" })
    let kieswet = try #require(kiesraad.0.concepts.first { $0.preferred(in: .dutch)?.text == "Kieswet" })
    #expect(kieswet.terms(in: .english).map(\.text) == ["Elections Act", "Electoral Act"])

    let legal = try Glossary.read(SharedData.url("glossary-sources/legal-dictionary/unified-dictionary.json").path)
    #expect(legal.1.allSatisfy { $0.severity == .warning })
    #expect(legal.1.contains { $0.message.contains("skipped 492 entries") })
    #expect(legal.0.concepts.count > 2_900)
    #expect(kiesraad.0.concepts.count + legal.0.concepts.count > 3_000)
    // business.gov.nl entries come swapped back: Dutch in nl, English in en.
    let regulation = try #require(
      legal.0.concepts.first { $0.terms(in: .english).contains { $0.text == "(EU) Regulation" } })
    #expect(regulation.preferred(in: .dutch)?.text == "(EU) Verordening")
    #expect(legal.0.concepts.allSatisfy { $0.terms.allSatisfy { $0.languageCode != "fr" } })
  }
}
