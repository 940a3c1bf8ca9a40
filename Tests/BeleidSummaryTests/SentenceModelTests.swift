import BeleidAnalysis
import BeleidDocuments
import Foundation
import Testing

@testable import BeleidSummary

/// A short administrative-law ruling, written for the tests.
let ruling = """
  RECHTBANK GELDERLAND
  Zittingsplaats Arnhem
  Bestuursrecht
  zaaknummer: ARN 25/1234
  uitspraak van de enkelvoudige kamer van 12 maart 2026 in de zaak tussen
  [eiseres], te Arnhem, eiseres,
  en
  het college van burgemeester en wethouders van de gemeente Arnhem, verweerder.
  Procesverloop
  Bij besluit van 3 juni 2025 heeft verweerder de aanvraag van eiseres om een omgevingsvergunning voor het plaatsen van een dakkapel afgewezen.
  Bij besluit van 14 oktober 2025 heeft verweerder het bezwaar van eiseres ongegrond verklaard.
  Eiseres heeft tegen dit besluit beroep ingesteld.
  Verweerder heeft een verweerschrift ingediend.
  De rechtbank heeft het beroep op 2 februari 2026 ter zitting behandeld. Eiseres is verschenen, bijgestaan door haar gemachtigde.
  Overwegingen
  1. Eiseres wil een dakkapel plaatsen op het voordakvlak van haar woning aan de Hoofdstraat.
  2. Verweerder heeft de vergunning geweigerd omdat de dakkapel volgens de welstandscommissie niet past in het beschermde stadsgezicht.
  3. Eiseres voert aan dat verweerder het advies van de welstandscommissie niet zonder meer had mogen volgen, omdat zij een tegenadvies van een deskundige heeft overgelegd.
  4. De rechtbank stelt voorop dat een bestuursorgaan in beginsel mag afgaan op het advies van een welstandscommissie, tenzij dat advies naar inhoud of totstandkoming zodanige gebreken vertoont dat het niet mag worden gevolgd.
  5. Een tegenadvies van een deskundige kan zo'n gebrek aantonen, als het concreet ingaat op de redenering van de commissie.
  6. Het tegenadvies van eiseres doet dat: het laat zien dat in dezelfde straat vier vergelijkbare dakkapellen zijn vergund, waarop de welstandscommissie niet is ingegaan.
  7. Verweerder heeft het besluit daarom niet zorgvuldig voorbereid en niet deugdelijk gemotiveerd.
  8. Het beroep is gegrond. De rechtbank vernietigt het bestreden besluit en draagt verweerder op een nieuw besluit op het bezwaar te nemen.
  Beslissing
  De rechtbank:
  - verklaart het beroep gegrond;
  - vernietigt het bestreden besluit;
  - draagt verweerder op binnen zes weken een nieuw besluit op het bezwaar te nemen;
  - veroordeelt verweerder in de proceskosten van eiseres tot een bedrag van € 1.814,-.
  Deze uitspraak is gedaan door mr. A. de Vries, rechter, in aanwezigheid van mr. B. Jansen, griffier.
  """

@Suite("Summaries of court rulings: the learned sentence model")
struct SentenceModelTests {
  @Test(
    "rulings are told from policy texts",
    arguments: [
      (ruling, true),
      ("ECLI:NL:RVS:2024:1234\nUitspraak op het hoger beroep.", true),
      ("RECHTBANK AMSTERDAM\nVonnis in de zaak van de verdachte.", true),
      (newsArticle, false),
      (
        "De minister schrijft de Kamer over de rechtbank, de Hoge Raad en een uitspraak over de zorgplicht. "
          + "Het hoger beroep loopt nog.", false
      ),
    ])
  func detection(text: String, isRuling: Bool) {
    #expect(Summarizer.isRuling(text) == isRuling)
  }

  @Test(
    "sections come from headings; text before the first is the opening",
    arguments: [
      ("Procesverloop", SentenceFeatures.Section.facts),
      ("1. Het verloop van de procedure", .facts),
      ("Overwegingen", .considerations),
      ("2. De beoordeling", .considerations),
      ("Beslissing", .decision),
    ])
  func sections(heading: String, section: SentenceFeatures.Section) throws {
    let text = "Rechtbank Gelderland, zaak 1.\n\n\(heading)\n\nDe rechtbank overweegt het volgende over de zaak."
    let table = try SentenceTable(
      Array(text.utf8), splitter: try SentenceSplitter(language: .dutch), analyzer: try Analyzer(language: .dutch))
    let found = SentenceFeatures.sections(table.units)
    #expect(found.first == .opening)
    #expect(found.last == section)
  }

  @Test("the bundled model reads and names the features the code computes")
  func bundled() throws {
    let model = try SentenceModel.load()
    #expect(model.features == SentenceFeatures.names)
    let summarizer = Summarizer()
    let (names, sentences) = try summarizer.sentenceFeatures(document(ruling))
    #expect(names == SentenceFeatures.names)
    #expect(sentences.allSatisfy { $0.features.count == names.count && $0.features.allSatisfy(\.isFinite) })
    #expect(sentences.map { model.probability($0.features) }.allSatisfy { $0 > 0 && $0 < 1 })
    #expect(sentences.contains { !$0.printable } && sentences.contains(where: \.printable))
  }

  @Test("a ruling's summary quotes what was decided, not the heading, the parties or a list's lead-in")
  func summary() throws {
    let summary = try Summarizer().summarize(document(ruling))
    #expect(summary.kind == .ruling)
    #expect(summary.sentences.count == 3)
    let texts = summary.sentences.map(\.text)
    #expect(texts.contains { $0.contains("vernietigt het bestreden besluit") })
    for text in texts {
      #expect(!text.hasSuffix(":"), "\(text)")
      #expect(!text.contains("RECHTBANK") && !text.contains("zaaknummer"), "\(text)")
    }
  }

  @Test(
    "a damaged or foreign model file is refused with its path and what to do",
    arguments: [
      ("not json", "cannot read the sentence model"),
      (#"{"features": ["position"], "mean": [0], "scale": [1], "weights": [1], "bias": 0}"#, "retrain it"),
    ])
  func damaged(contents: String, message: String) throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("model-\(UUID().uuidString).json")
    try contents.write(to: url, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: url) }
    let error = try #require(throws: SummaryError.self) { try SentenceModel.read(url) }
    #expect(error.file == url.path)
    #expect(error.reason.contains(message))
  }

  @Test("a model whose vectors do not match its features is refused")
  func mismatched() throws {
    let names = SentenceFeatures.names.map { "\"\($0)\"" }.joined(separator: ",")
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("model-\(UUID().uuidString).json")
    try #"{"features": [\#(names)], "mean": [0], "scale": [1], "weights": [1], "bias": 0}"#
      .write(to: url, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: url) }
    let error = try #require(throws: SummaryError.self) { try SentenceModel.read(url) }
    #expect(error.reason.contains("damaged"))
  }
}
