import BeleidAnalysis
import Testing

@Suite("Dutch decompounding")
struct DutchDecompounderTests {
  /// Precision and recall of the decompounder on a gold file.
  struct Score: CustomStringConvertible {
    var truePositives = 0
    var falsePositives = 0
    var falseNegatives = 0
    var compounds = 0
    var nonCompounds = 0
    var errors: [String] = []

    var precision: Double {
      truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives)
    }
    var recall: Double {
      truePositives + falseNegatives == 0 ? 1 : Double(truePositives) / Double(truePositives + falseNegatives)
    }
    var description: String {
      "precision \(precision), recall \(recall) over \(compounds) compounds and \(nonCompounds) non-compounds"
    }
  }

  /// Scores a gold file: a split counts as right only if every part matches.
  static func score(_ fixture: String) throws -> Score {
    let decompounder = DutchDecompounder()
    var score = Score()
    for row in try Fixtures.rows(fixture) {
      let word = row[0]
      let expected = row[1] == "-" ? [] : row[1].split(separator: "+").map { TextFolding.fold(String($0)) }
      let got = decompounder.split(word)
      if expected.isEmpty {
        score.nonCompounds += 1
        if !got.isEmpty {
          score.falsePositives += 1
          score.errors.append("\(word): split as \(got)")
        }
      } else {
        score.compounds += 1
        if got == expected {
          score.truePositives += 1
        } else {
          score.falseNegatives += 1
          if !got.isEmpty { score.falsePositives += 1 }
          score.errors.append("\(word): expected \(expected), got \(got)")
        }
      }
    }
    return score
  }

  @Test("the word list is installed (Debian package wdutch)")
  func wordListPresent() {
    #expect(DutchDecompounder().isAvailable, "install wdutch: /usr/share/dict/dutch is missing")
  }

  @Test("development set: precision ≥ 0.95 and recall ≥ 0.85")
  func developmentSet() throws {
    let score = try Self.score("decompound-gold.tsv")
    print("decompounding, development set: \(score)")
    for error in score.errors { print("  \(error)") }
    #expect(score.compounds >= 150)
    #expect(score.nonCompounds >= 100)
    #expect(score.precision >= 0.95)
    #expect(score.recall >= 0.85)
  }

  @Test("held-out set: precision ≥ 0.95 and recall ≥ 0.85")
  func heldOutSet() throws {
    let score = try Self.score("decompound-heldout.tsv")
    print("decompounding, held-out set: \(score)")
    for error in score.errors { print("  \(error)") }
    #expect(score.precision >= 0.95)
    #expect(score.recall >= 0.85)
  }

  @Test(
    "the issue's examples split as stated",
    arguments: [
      ("ketenveiligheid", ["keten", "veiligheid"]),
      ("cyberbeveiligingswet", ["cyber", "beveiliging", "wet"]),
      ("veiligheidsbeleid", ["veiligheid", "beleid"]),
      ("inlichtingendiensten", ["inlichting", "diensten"]),
      ("nis2richtlijn", ["nis2", "richtlijn"]),
    ])
  func examples(_ example: (String, [String])) {
    #expect(DutchDecompounder().split(example.0) == example.1)
  }

  @Test("ordinary words do not split", arguments: ["minister", "overheid", "beleid", "verkiezing", "regering"])
  func ordinaryWords(_ word: String) {
    #expect(DutchDecompounder().split(word).isEmpty)
  }
}
