import BeleidAnalysis
import Testing

@Suite("Dutch stemming")
struct DutchStemmerTests {
  /// One row of Fixtures/dutch-stems.tsv.
  struct Row: CustomTestStringConvertible, Sendable {
    let word: String
    let stem: String
    var testDescription: String { "\(word) → \(stem)" }
  }

  static let table: [Row] = (try? Fixtures.rows("dutch-stems.tsv").map { Row(word: $0[0], stem: $0[1]) }) ?? []

  @Test("the regression table has at least 200 policy words")
  func tableSize() {
    #expect(Self.table.count >= 200)
  }

  @Test("each word stems as the reviewed table says", arguments: table)
  func stems(_ row: Row) throws {
    let stemmer = try DutchStemmer()
    #expect(stemmer.stem(row.word) == row.stem)
  }

  /// Words that must share a stem: the failures of plain Snowball Dutch.
  @Test(
    "inflections conflate",
    arguments: [
      ["overheid", "overheden"],
      ["gemeente", "gemeenten", "gemeentes"],
      ["ministerie", "ministeries"],
      ["provincie", "provincies"],
      ["subsidie", "subsidies"],
      ["maatregel", "maatregelen", "maatregels"],
      ["bedrijf", "bedrijven"],
      ["advies", "adviezen"],
      ["huis", "huizen"],
      ["technologie", "technologieen"],
      ["essentieel", "essentiele"],
      ["risico", "risico's"],
      ["geschil", "geschillen"],
      ["keten", "ketens"],
      ["aanbesteding", "aanbestedingen"],
      ["kamerlid", "kamerleden"],
      ["rijksoverheid", "rijksoverheden"],
      ["analyse", "analyses"],
      ["crisis", "crises"],
      // The families the override table keeps apart stay whole (#16 item 2).
      ["omzetting", "omzettingen"],
      ["uitvoering", "uitvoeringen"],
      ["indienen", "indient", "indiening"],
      ["aansprakelijk", "aansprakelijke", "aansprakelijkheid"],
    ])
  func conflates(_ words: [String]) throws {
    let stemmer = try DutchStemmer()
    let stems = Set(words.map { stemmer.stem($0) })
    #expect(stems.count == 1, "\(words) gave \(stems.sorted())")
  }

  /// Words that must not share a stem.
  @Test(
    "distinct words stay apart",
    arguments: [
      ("overheid", "over"),
      ("gegevens", "gegeven"),
      ("openbaar", "open"),
      ("keten", "ket"),
      ("minister", "ministerie"),
      // Conflations found by Benchmarks/stem_conflations.py (#16 item 2).
      ("omzetting", "omzet"),
      ("uitvoering", "uitvoer"),
      ("invoering", "invoer"),
      ("indienen", "indien"),
      ("handeling", "handel"),
      ("belasting", "belast"),
      ("beschikking", "beschikbaar"),
      ("overeenkomstig", "overeenkomst"),
      ("overige", "over"),
      ("gezonden", "gezondheid"),
      ("natuurlijke", "natuur"),
      ("burgerlijk", "burger"),
      ("gemeenschappelijke", "gemeenschap"),
      ("uitsluitend", "uitsluiting"),
    ])
  func staysApart(_ pair: (String, String)) throws {
    let stemmer = try DutchStemmer()
    #expect(stemmer.stem(pair.0) != stemmer.stem(pair.1))
  }

  @Test("libstemmer offers Dutch and English")
  func algorithms() {
    let available = SnowballStemmer.availableAlgorithms
    #expect(available.contains("dutch"))
    #expect(available.contains("english"))
  }

  @Test("an unknown Snowball algorithm is a clear error")
  func unknownAlgorithm() {
    #expect(throws: AnalysisError.stemmerUnavailable(algorithm: "klingon")) {
      try SnowballStemmer(algorithm: "klingon")
    }
  }
}
