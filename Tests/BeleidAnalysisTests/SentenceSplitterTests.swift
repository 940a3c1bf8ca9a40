import BeleidAnalysis
import BeleidTestSupport
import Foundation
import Testing

@Suite("Sentence splitting")
struct SentenceSplitterTests {
  /// A text and the sentences it must give.
  struct Case: Sendable, CustomTestStringConvertible {
    let language: Language
    let text: String
    let sentences: [String]
    var testDescription: String { String(text.prefix(60)) }

    init(_ text: String, _ sentences: [String], _ language: Language = .dutch) {
      self.language = language
      self.text = text
      self.sentences = sentences
    }
  }

  /// Written for this project; each pitfall of ../shared/notes A.2.1 at least once.
  static let cases: [Case] = [
    Case(
      "Dhr. Jansen sprak o.a. over de NIS2-richtlijn. De minister reageerde.",
      ["Dhr. Jansen sprak o.a. over de NIS2-richtlijn.", "De minister reageerde."]),
    Case(
      "Zie art. 21 Cbw en Kamerstuk 36764, nr. 3. Dat is duidelijk.",
      ["Zie art. 21 Cbw en Kamerstuk 36764, nr. 3.", "Dat is duidelijk."]),
    Case("Zie art. 5 lid 2 van de wet.", ["Zie art. 5 lid 2 van de wet."]),
    Case(
      "Dit geldt bijv. voor Rijkswaterstaat. Mr. De Vries is het eens.",
      ["Dit geldt bijv. voor Rijkswaterstaat.", "Mr. De Vries is het eens."]),
    Case(
      "Er zijn ca. 8000 entiteiten m.b.t. de zorgplicht, d.w.z. veel.",
      ["Er zijn ca. 8000 entiteiten m.b.t. de zorgplicht, d.w.z. veel."]),
    Case(
      "De mw. Yesilgoz en mr. dr. J. P. Balkenende waren er ook.",
      ["De mw. Yesilgoz en mr. dr. J. P. Balkenende waren er ook."]),
    Case(
      "Het gaat om energie, transport e.d. Daarna volgt de meldplicht.",
      ["Het gaat om energie, transport e.d.", "Daarna volgt de meldplicht."]),
    Case(
      "Volgens J.P. Balkenende is dat onjuist. Hij legt het uit.",
      ["Volgens J.P. Balkenende is dat onjuist.", "Hij legt het uit."]),
    Case(
      "Het besluit staat in Stb. 2026, 187. De inwerkingtreding volgt later.",
      ["Het besluit staat in Stb. 2026, 187.", "De inwerkingtreding volgt later."]),
    Case(
      "Prof. Van Dijk en drs. Bakker schreven het advies. Het kabinet neemt het over.",
      ["Prof. Van Dijk en drs. Bakker schreven het advies.", "Het kabinet neemt het over."]),
    Case("Zie art. 5 lid 2. Daar staat het.", ["Zie art. 5 lid 2.", "Daar staat het."]),
    Case(
      "Het kabinet noemt o.a. Nederland en Duitsland. Beide landen doen mee.",
      ["Het kabinet noemt o.a. Nederland en Duitsland.", "Beide landen doen mee."]),
    Case(
      "De regels gelden m.b.t. NIS2 en de Cbw. Dat is nieuw.",
      ["De regels gelden m.b.t. NIS2 en de Cbw.", "Dat is nieuw."]),
    Case(
      "Denk aan banken, energiebedrijven, enz. Die vallen eronder.",
      ["Denk aan banken, energiebedrijven, enz.", "Die vallen eronder."]),
    Case(
      "Het plan kost ca. 5 miljoen euro. De Kamer stemt in.",
      ["Het plan kost ca. 5 miljoen euro.", "De Kamer stemt in."]),
    Case(
      "Er zijn drie punten:\n1. ketenveiligheid;\n2. meldplicht;\n3. toezicht.",
      ["Er zijn drie punten:", "1. ketenveiligheid;", "2. meldplicht;", "3. toezicht."]),
    Case(
      "Maatregelen:\n- zero trust invoeren\n- MFA verplichten\n- logging verbeteren",
      ["Maatregelen:", "- zero trust invoeren", "- MFA verplichten", "- logging verbeteren"]),
    // A list item or a short heading line ends before a line that starts
    // a sentence; a line ending in a stop word continues.
    Case(
      "- zero trust invoeren\n- MFA verplichten\nDe kosten zijn laag.",
      ["- zero trust invoeren", "- MFA verplichten", "De kosten zijn laag."]),
    Case("Inleiding\nHet kabinet wil meer ketenveiligheid.", ["Inleiding", "Het kabinet wil meer ketenveiligheid."]),
    Case("Het kabinet stuurt de\nKamer een brief.", ["Het kabinet stuurt de\nKamer een brief."]),
    Case(
      "Het wetsvoorstel (Kamerstukken II 2023/24, 36 764, nr. 2) is ingediend. De behandeling volgt.",
      ["Het wetsvoorstel (Kamerstukken II 2023/24, 36 764, nr. 2) is ingediend.", "De behandeling volgt."]),
    Case(
      "Hij woont in 's-Hertogenbosch. Zij woont in Den Haag.",
      ["Hij woont in 's-Hertogenbosch.", "Zij woont in Den Haag."]),
    Case("De NCTV waarschuwt. Het NCSC ook.", ["De NCTV waarschuwt.", "Het NCSC ook."]),
    Case(
      "Op 1 jan. 2025 trad de wet in werking. Sindsdien geldt de zorgplicht.",
      ["Op 1 jan. 2025 trad de wet in werking.", "Sindsdien geldt de zorgplicht."]),
    Case("Wat betekent dit? Dat lees je hier!", ["Wat betekent dit?", "Dat lees je hier!"]),
    Case("Het is 3.5 procent. Of 3,5 procent.", ["Het is 3.5 procent.", "Of 3,5 procent."]),
    Case(
      "Mevr. Van der Berg (VVD) vroeg naar de kosten. De minister antwoordde schriftelijk.",
      ["Mevr. Van der Berg (VVD) vroeg naar de kosten.", "De minister antwoordde schriftelijk."]),
    Case(
      "Ing. Peters en ir. De Boer zijn aangesteld. Zij starten in maart.",
      ["Ing. Peters en ir. De Boer zijn aangesteld.", "Zij starten in maart."]),
    Case("Zie hfst. 3 en blz. 12. Daar staat meer.", ["Zie hfst. 3 en blz. 12.", "Daar staat meer."]),
    Case(
      "Het voorstel van de Commissie (blz. 4) is helder. Nederland steunt het.",
      ["Het voorstel van de Commissie (blz. 4) is helder.", "Nederland steunt het."]),
    Case(
      "Dat geldt t.a.v. de vitale sectoren. Ook voor het mkb.",
      ["Dat geldt t.a.v. de vitale sectoren.", "Ook voor het mkb."]),
    Case(
      "Een regel die\ndoorloopt op de volgende regel. En een nieuwe zin.",
      ["Een regel die\ndoorloopt op de volgende regel.", "En een nieuwe zin."]),
    Case(
      "# Digitalisering\n\nDe coalitie investeert in AI. Ook in cloud.",
      ["# Digitalisering", "De coalitie investeert in AI.", "Ook in cloud."]),
    Case(
      "Art. 3:4 Awb is van toepassing. Dat blijkt uit de toelichting.",
      ["Art. 3:4 Awb is van toepassing.", "Dat blijkt uit de toelichting."]),
    Case(
      "Het kabinet, i.c.m. de provincies, zet in op 5G. De uitrol begint in 2027.",
      ["Het kabinet, i.c.m. de provincies, zet in op 5G.", "De uitrol begint in 2027."]),
    Case(
      "Mr. Smith met the minister. He agreed with the plan.",
      ["Mr. Smith met the minister.", "He agreed with the plan."], .english),
    Case(
      "The NIS2 Directive, i.e. Directive (EU) 2022/2555, applies. Member states transpose it.",
      ["The NIS2 Directive, i.e. Directive (EU) 2022/2555, applies.", "Member states transpose it."], .english),
    Case(
      "See Art. 21 of the Directive. It lists the measures.",
      ["See Art. 21 of the Directive.", "It lists the measures."], .english),
    Case(
      "Dr. Jones et al. showed this in 2024. The report is public.",
      ["Dr. Jones et al. showed this in 2024.", "The report is public."], .english),
    Case(
      "U.S. officials met Dutch ministers. They discussed cloud security.",
      ["U.S. officials met Dutch ministers.", "They discussed cloud security."], .english),
    Case(
      "Supply chain security matters, e.g. for cloud providers. Regulators agree.",
      ["Supply chain security matters, e.g. for cloud providers.", "Regulators agree."], .english),
  ]

  @Test("the table holds at least 60 sentences")
  func tableSize() {
    #expect(Self.cases.reduce(0) { $0 + $1.sentences.count } >= 60)
  }

  @Test("splits as expected", arguments: cases)
  func splits(_ example: Case) throws {
    let splitter = try SentenceSplitter(language: example.language)
    let found = splitter.split(example.text)
    #expect(found.map(\.text) == example.sentences)
    let bytes = Array(example.text.utf8)
    for sentence in found {
      #expect(String(decoding: bytes[sentence.range], as: UTF8.self) == sentence.text)
    }
  }

  @Test("empty and blank text give no sentences")
  func empty() throws {
    let splitter = try SentenceSplitter(language: .dutch)
    #expect(splitter.split("").isEmpty)
    #expect(splitter.split(" \n\n\t ").isEmpty)
  }

  @Test(
    "real text: the 2026 coalition news article",
    .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason)))
  func newsArticle() throws {
    let url = SharedData.url("corpus/news/2026-01-30-coalitieakkoord-digitale-plannen.txt")
    let text = try String(contentsOf: url, encoding: .utf8)
    let sentences = try SentenceSplitter(language: .dutch).split(text).map(\.text)
    #expect(
      sentences.contains(
        "Althans, dat is de inzet van het beoogde nieuwe minderheidskabinet bestaande uit D66, CDA en VVD."))
    #expect(sentences.contains("Hoe zien die plannen eruit?"))
    #expect(sentences.contains("Toezichthouders krijgen voldoende ruimte om talent aan te trekken."))
    #expect(
      sentences.contains("Wederom: de ideeën klinken goed, maar hangen af van de uitvoering en financiële ruimte."))
  }
}
