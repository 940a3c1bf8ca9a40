import Testing

@testable import BeleidSummary

@Suite("Display titles")
struct DisplayTitleTests {
  @Test(
    "EU acts get their official short form; long titles are cut at a natural break",
    arguments: [
      (
        "UITVOERINGSVERORDENING (EU) 2024/2690 VAN DE COMMISSIE van 17 oktober 2024 tot vaststelling van regels voor de toepassing van Richtlijn (EU) 2022/2555",
        "Uitvoeringsverordening (EU) 2024/2690"
      ),
      (
        "VERORDENING (EU) 2019/881 VAN HET EUROPEES PARLEMENT EN DE RAAD van 17 april 2019 inzake Enisa en tot intrekking van Verordening (EU) nr. 526/2013 (de cyberbeveiligingsverordening)",
        "Verordening (EU) 2019/881 (Cyberbeveiligingsverordening)"
      ),
      (
        "GEDELEGEERDE VERORDENING (EU) 2025/301 VAN DE COMMISSIE van 23 oktober 2024 tot aanvulling van Verordening (EU) 2022/2554",
        "Gedelegeerde Verordening (EU) 2025/301"
      ),
      (
        "BESLUIT (GBVB) 2024/1391 VAN DE RAAD van 17 mei 2024 tot wijziging van Besluit (GBVB) 2019/797",
        "Besluit (GBVB) 2024/1391"
      ),
      (
        "Regulation (EU) 2024/2847 on horizontal cybersecurity requirements for products with digital elements (Cyber Resilience Act)",
        "Regulation (EU) 2024/2847 (Cyber Resilience Act)"
      ),
      (
        "Directive (EU) 2022/2555 on measures for a high common level of cybersecurity (Text with EEA relevance)",
        "Directive (EU) 2022/2555"
      ),
      ("Kabinet zet in op ketenveiligheid", "Kabinet zet in op ketenveiligheid"),
      (
        "Coalitieakkoord 2021-2025: Omzien naar elkaar, vooruitkijken naar de toekomst, met plannen voor de digitale overheid",
        "Coalitieakkoord 2021-2025: Omzien naar elkaar, vooruitkijken naar de toekomst"
      ),
      (
        "Een titel van heel veel woorden zonder enige natuurlijke onderbreking die maar doorgaat en doorgaat tot het einde",
        "Een titel van heel veel woorden zonder enige natuurlijke onderbreking die maar …"
      ),
    ])
  func short(title: String, expected: String) {
    #expect(DisplayTitle.short(title) == expected)
  }
}
