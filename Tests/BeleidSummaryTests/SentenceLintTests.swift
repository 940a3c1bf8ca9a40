import Testing

@testable import BeleidSummary

@Suite("Sentences fit to print")
struct SentenceLintTests {
  @Test(
    "defects are found",
    arguments: [
      ("5.1.", [SentenceLint.Defect.heading, .identifierOnly, .fragment]),
      ("5. Beveiliging van de toeleveringsketen", [.heading]),
      ("RICHTLIJN (EU) 2022/2555 VAN HET EUROPEES PARLEMENT EN DE RAAD van 14 december 2022.", [.allCaps]),
      ("CELEX 32022L2555, PB L 333 van 27.12.2022.", [.identifierOnly]),
      ("ECLI:NL:RVS:2024:1234.", [.identifierOnly, .fragment]),
      ("De zorgplicht geldt voor alle essentiële entiteiten.[1]", [.footnoteMarker]),
      ("De zorgplicht geldt voor alle essentiële entiteiten.¹", [.footnoteMarker]),
      ("De minister zegt dat de wet **streng** wordt gehandhaafd.", []),
      ("De minister zegt dat de wet `streng` wordt gehandhaafd.", [.markup]),
      ("De rechtbank:", [.fragment]),
      ("De wet zet de NIS2-richtlijn om in Nederlands recht.", []),
      ("In 2024 meldden 3.000 organisaties een incident bij het NCSC.", []),
      (
        "Beveiliging van de toeleveringsketen (artikel 21, lid 2, punt d), van Richtlijn (EU) 2022/2555) 5.1.",
        [.heading]
      ),
      ("Zie artikel 5.1 van de Cyberbeveiligingswet voor de zorgplicht.", []),
      ("Dit volgt uit de verordening cyberweerbaarheid ( 12 ) .", [.footnoteMarker]),
      ("( 2 ) Richtlijn (EU) 2022/2555 van het Europees Parlement en de Raad van 14 december 2022.", [.footnoteMarker]),
      (
        "996/2010, (EU) nr. 376/2014 en de Richtlijnen 2014/30/EU en 2014/53/EU van het Europees Parlement.",
        [.fragment]
      ),
      ("- verklaart het beroep gegrond;", [.fragment]),
    ])
  func defects(sentence: String, expected: [SentenceLint.Defect]) {
    #expect(SentenceLint.defects(sentence) == expected)
  }

  @Test(
    "cleaning removes list markers, numbering and link syntax, and joins white space",
    arguments: [
      ("3. Eiseres voert aan dat het besluit onjuist is.", "Eiseres voert aan dat het besluit onjuist is."),
      ("1.2 Op 30 mei 1994 is beroep ingesteld.", "Op 30 mei 1994 is beroep ingesteld."),
      ("- verklaart het beroep gegrond;", "verklaart het beroep gegrond;"),
      ("• De wet  geldt\n voor iedereen.", "De wet geldt voor iedereen."),
      ("a) de aanbieder meldt het incident.", "de aanbieder meldt het incident."),
      (
        "Lees de [Cyberbeveiligingswet](https://example.org/cbw){:target=\"_blank\"} goed.",
        "Lees de Cyberbeveiligingswet goed."
      ),
      ("Dit is **belangrijk** voor iedereen.", "Dit is belangrijk voor iedereen."),
      ("2024 was het jaar van de NIS2-richtlijn.", "2024 was het jaar van de NIS2-richtlijn."),
      ("3 van de 5 ministeries zijn klaar.", "3 van de 5 ministeries zijn klaar."),
    ])
  func cleaning(raw: String, cleaned: String) {
    #expect(SentenceLint.clean(raw) == cleaned)
  }
}
