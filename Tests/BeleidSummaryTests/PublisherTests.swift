import Testing

@testable import BeleidSummary

@Suite("Publishers in digests")
struct PublisherTests {
  @Test(
    "the publisher comes from the URL's host, else from a source that is not a note on how the file was obtained",
    arguments: [
      ("EUR-Lex", "https://eur-lex.europa.eu/eli/reg/2024/2847/oj", "EUR-Lex"),
      (
        "Coalitieakkoord 2021-2025 (VVD, D66, CDA, ChristenUnie), paragraph CSV from GitHub favstats/coalitieakkoord2021@80fff98",
        "https://www.kabinetsformatie2021.nl/binaries/coalitieakkoord-2021-2025.pdf", "Kabinetsformatie 2021"
      ),
      (
        "Coalitieakkoord 2021-2025, paragraph CSV from GitHub favstats/coalitieakkoord2021@80fff98", "",
        ""
      ),
      ("news article (seed)", "", ""),
      ("", "https://github.com/MinBZK/NeRDS/blob/b993949/docs/richtlijnen/cloud/index.md", "MinBZK (GitHub)"),
      ("Nieuwsbrief", "https://example.org/ketenveiligheid", "Nieuwsbrief"),
      ("", "https://www.tweedekamer.nl/kamerstukken/wetsvoorstellen/detail", "Tweede Kamer"),
      ("", "https://zoek.officielebekendmakingen.nl/kst-36764-3.html", "Officiële Bekendmakingen"),
      ("", "", ""),
    ])
  func name(source: String, url: String, expected: String) {
    #expect(Publisher.name(source: source, url: url.isEmpty ? nil : url) == expected)
  }
}
