import BeleidTestSupport
import Foundation
import Testing

/// A Dutch news item and an English note, written for these tests.
private func summaryCorpus() throws -> TestCorpus {
  let corpus = try TestCorpus()
  try corpus.add(
    "nl/ketenveiligheid.md", title: "Kabinet zet in op ketenveiligheid",
    body: """
      Het kabinet wil de ketenveiligheid van vitale aanbieders versterken met de Cyberbeveiligingswet.

      De wet zet de NIS2-richtlijn om in Nederlands recht en geldt voor ongeveer achtduizend organisaties. \
      Organisaties moeten hun leveranciers beter controleren, omdat aanvallen steeds vaker via de keten verlopen. \
      Dit vraagt veel van kleine bedrijven.

      De toezichthouder krijgt meer bevoegdheden om de zorgplicht te handhaven. \
      Daarnaast komt er een meldplicht voor ernstige incidenten binnen vierentwintig uur.
      """, date: "2026-01-30", lang: "nl", source: "Nieuwsbrief")
  try corpus.add(
    "en/autonomy.md", title: "Digital autonomy in procurement",
    body: """
      Digital autonomy is the freedom to choose which technology to use, and to switch when needed. \
      The government wants open standards and open source in its procurement. \
      Supply chain security matters as much for software as for hardware.
      """, date: "2026-01-12", lang: "en", source: "beleid tests")
  return corpus
}

/// `text` with the corpus folder written as $CORPUS, for snapshots; JSON,
/// which beleid prints on one line, laid out a field a line for diffs.
private func normalised(_ text: String, _ corpus: TestCorpus) -> String {
  var text = text
  if text.hasPrefix("{") || text.hasPrefix("["),
    let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)),
    let pretty = try? JSONSerialization.data(
      withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
  {
    text = String(decoding: pretty, as: UTF8.self) + "\n"
  }
  return text.replacingOccurrences(of: corpus.folder.path, with: "$CORPUS")
}

@Suite("beleid summarize, keywords, newsletter")
struct SummaryCommandTests {
  @Test("summarize renders each format as its snapshot", arguments: ["text", "markdown", "json"])
  func summarizeFormats(_ format: String) throws {
    let corpus = try summaryCorpus()
    let file = corpus.folder.appendingPathComponent("nl/ketenveiligheid.md").path
    let result = try Beleid.run(["summarize", "--sentences", "2", "--gloss", "en", "--format", format, file])
    #expect(result.status == 0, "\(result.error)")
    let mismatch = Snapshot.mismatch(normalised(result.output, corpus), named: "summarize.\(format)")
    #expect(mismatch == nil, "\(mismatch ?? "")")
  }

  @Test(
    "newsletter renders each format from a folder, dated as asked", arguments: ["markdown", "html", "text", "json"])
  func newsletterFormats(_ format: String) throws {
    let corpus = try summaryCorpus()
    let result = try Beleid.run([
      "newsletter", "--path", corpus.folder.path, "--format", format, "--gloss", "en", "--date", "2026-02-01",
      "--title", "Digitaal beleid", "--sentences", "2",
    ])
    #expect(result.status == 0, "\(result.error)")
    let mismatch = Snapshot.mismatch(normalised(result.output, corpus), named: "newsletter.\(format)")
    #expect(mismatch == nil, "\(mismatch ?? "")")
  }

  @Test("newsletter keeps to --since and --until, newest first")
  func dates() throws {
    let corpus = try summaryCorpus()
    let both = try Beleid.run(["newsletter", "--path", corpus.folder.path, "--format", "json"])
    let json = try #require(try JSONSerialization.jsonObject(with: Data(both.output.utf8)) as? [String: Any])
    let items = try #require(json["items"] as? [[String: Any]])
    #expect(items.compactMap { $0["date"] as? String } == ["2026-01-30", "2026-01-12"])
    let later = try Beleid.run([
      "newsletter", "--path", corpus.folder.path, "--since", "2026-01-20", "--format", "text",
    ])
    #expect(later.output.contains("ketenveiligheid") && !later.output.contains("Digital autonomy in procurement"))
    let none = try Beleid.run(["newsletter", "--path", corpus.folder.path, "--until", "2025"])
    #expect(none.status == 2 && none.error.contains("between the dates given"))
  }

  @Test("newsletter from a query, and a query that matches nothing says so")
  func query() throws {
    let corpus = try summaryCorpus()
    let index = try corpus.indexFolder()
    #expect(try Beleid.run(["index", "--index", index, corpus.folder.path]).status == 0)
    let found = try Beleid.run(["newsletter", "--index", index, "--query", "ketenveiligheid", "--format", "markdown"])
    #expect(found.status == 0, "\(found.error)")
    #expect(found.output.hasPrefix("# Digest: ketenveiligheid"))
    let nothing = try Beleid.run(["newsletter", "--index", index, "--query", "kernfusiereactor"])
    #expect(nothing.status == 1)
    #expect(nothing.error.contains("no documents match 'kernfusiereactor'"), "\(nothing.error)")
  }

  @Test("a broken template is named with its line; the bundled ones can be printed")
  func templates() throws {
    let corpus = try summaryCorpus()
    let template = corpus.folder.appendingPathComponent("broken.mustache")
    try "# {{title}}\n{{#items}}\n## {{title}\n{{/items}}\n".write(to: template, atomically: true, encoding: .utf8)
    let broken = try Beleid.run([
      "newsletter", "--path", corpus.folder.appendingPathComponent("nl").path, "--template", template.path,
    ])
    #expect(broken.status == 2)
    #expect(broken.error.contains("broken.mustache:3:"), "\(broken.error)")
    let printed = try Beleid.run(["newsletter", "--print-template", "html"])
    #expect(printed.status == 0 && printed.output.contains("{{#items}}"))
  }

  @Test("newsletter --query leaves out documents that hold only a compound part of the query")
  func queryItemsHoldTheQuery() throws {
    let corpus = try summaryCorpus()
    try corpus.add(
      "nl/strafrecht.md", title: "De strafrechtketen",
      body: "De strafrechtketen werkt aan de veiligheid van slachtoffers. De keten krijgt meer geld voor veiligheid.",
      date: "2026-01-20", lang: "nl", source: "beleid tests")
    let index = try makeTemporaryDirectory().path
    #expect(try Beleid.run(["index", "--index", index, corpus.folder.path]).status == 0)
    let result = try Beleid.run([
      "newsletter", "--index", index, "--query", "ketenveiligheid", "--format", "json",
    ])
    #expect(result.status == 0, "\(result.error)")
    let digest = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]
    let titles = (digest?["items"] as? [[String: Any]] ?? []).compactMap { $0["title"] as? String }
    #expect(titles.contains("Kabinet zet in op ketenveiligheid") && !titles.contains("De strafrechtketen"), "\(titles)")
    #expect(result.error.contains("left out 1 document") && result.error.contains("strafrecht.md"), "\(result.error)")
  }

  @Test("summarize takes a document of the index by its id")
  func documentID() throws {
    let folder = try makeTemporaryDirectory()
    let lines = folder.appendingPathComponent("uitspraken.jsonl")
    try
      #"{"id": "ECLI:NL:TEST:1", "title": "Uitspraak", "text": "De rechtbank verklaart het beroep gegrond. Het besluit wordt vernietigd."}"#
      .write(to: lines, atomically: true, encoding: .utf8)
    let index = try makeTemporaryDirectory().path
    #expect(try Beleid.run(["index", "--index", index, folder.path]).status == 0)
    let result = try Beleid.run(["summarize", "--index", index, "--sentences", "1", "ECLI:NL:TEST:1"])
    #expect(result.status == 0, "\(result.error)")
    #expect(
      result.output.hasPrefix("De rechtbank verklaart het beroep gegrond.") || result.output.hasPrefix("Het besluit"))
    let missing = try Beleid.run(["summarize", "--index", index, "ECLI:NL:TEST:2"])
    #expect(
      missing.status == 2 && missing.error.contains("no document ECLI:NL:TEST:2 in the index"), "\(missing.error)")
  }

  @Test("keywords lists terms with their equivalents")
  func keywords() throws {
    let corpus = try summaryCorpus()
    let result = try Beleid.run(["keywords", corpus.folder.appendingPathComponent("nl/ketenveiligheid.md").path])
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.contains("ketenveiligheid\tsupply chain security\t"))
  }

  @Test(
    "bad input to summarize gets a clear message",
    arguments: [
      ("", "no text to work on"),
      ("\u{0}\u{1}\u{2}binary\u{0}", "binary"),
    ])
  func badInput(_ example: (content: String, message: String)) throws {
    let folder = try makeTemporaryDirectory()
    let file = folder.appendingPathComponent("input.txt")
    try Data(example.content.utf8).write(to: file)
    let result = try Beleid.run(["summarize", file.path])
    #expect(result.status == 2)
    #expect(result.error.contains(example.message), "\(result.error)")
  }

  @Test("summarize --lint lists defects and fails on them; a clean summary passes")
  func lint() throws {
    let corpus = try summaryCorpus()
    let clean = try Beleid.run([
      "summarize", "--lint", corpus.folder.appendingPathComponent("nl/ketenveiligheid.md").path,
    ])
    #expect(clean.status == 0, "\(clean.error)")
    #expect(clean.output.contains("0 defects in 3 sentences"), "\(clean.output)")
    // Nothing but headings and a capitals title: the summary must quote them.
    let file = corpus.folder.appendingPathComponent("koppen.md")
    try "# 5. Beveiliging van de toeleveringsketen\n\nRICHTLIJN (EU) 2022/2555 VAN HET EUROPEES PARLEMENT EN DE RAAD.\n"
      .write(to: file, atomically: true, encoding: .utf8)
    let flawed = try Beleid.run(["summarize", "--lint", "--lang", "nl", file.path])
    #expect(flawed.status == 1)
    #expect(flawed.output.contains("all caps: RICHTLIJN"), "\(flawed.output)")
  }

  @Test("newsletter --lint counts the digest's defects instead of rendering it")
  func newsletterLint() throws {
    let corpus = try summaryCorpus()
    let result = try Beleid.run(["newsletter", "--path", corpus.folder.path, "--lint"])
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.hasPrefix("0 defects in "), "\(result.output)")
  }

  @Test("a court ruling is summarised by the learned model; --features shows what it sees")
  func ruling() throws {
    let corpus = try summaryCorpus()
    let file = corpus.folder.appendingPathComponent("uitspraak.txt")
    try """
    RECHTBANK GELDERLAND
    zaaknummer: ARN 25/1234
    Procesverloop
    Bij besluit van 3 juni 2025 heeft verweerder de aanvraag van eiseres om een omgevingsvergunning afgewezen.
    De rechtbank heeft het beroep op 2 februari 2026 ter zitting behandeld, in aanwezigheid van de griffier.
    Overwegingen
    Verweerder heeft het besluit niet zorgvuldig voorbereid en niet deugdelijk gemotiveerd.
    Beslissing
    De rechtbank verklaart het beroep gegrond en vernietigt het bestreden besluit.
    """.write(to: file, atomically: true, encoding: .utf8)
    let summary = try Beleid.run(["summarize", "--format", "json", "--sentences", "2", file.path])
    #expect(summary.status == 0, "\(summary.error)")
    let object = try JSONSerialization.jsonObject(with: Data(summary.output.utf8)) as? [String: Any]
    #expect(object?["kind"] as? String == "ruling")
    let features = try Beleid.run(["summarize", "--features", file.path])
    let table = try JSONSerialization.jsonObject(with: Data(features.output.utf8)) as? [String: Any]
    let names = table?["names"] as? [String] ?? []
    let sentences = table?["sentences"] as? [[String: Any]] ?? []
    #expect(names.count == 21 && names.contains("section: decision"))
    #expect(sentences.count >= 7 && sentences.allSatisfy { ($0["features"] as? [Double])?.count == names.count })
  }
}
