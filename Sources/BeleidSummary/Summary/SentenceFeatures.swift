import Foundation

/// The features a learned model scores a sentence by: its position, its
/// section, its length and form, and how central it is.
///
/// The names are part of the model file: `SentenceModel` refuses a model
/// whose feature names differ from these, so a change here needs a
/// retrained model (`python3 Benchmarks/train_summary_model.py`).
enum SentenceFeatures {
  /// The feature names, in the order of each sentence's vector.
  static let names = [
    "position", "position squared", "first five", "last tenth",
    "section: opening", "section: facts", "section: considerations", "section: decision",
    "position in section", "first of paragraph",
    "log words", "under 8 words", "over 40 words",
    "centrality", "similarity to the whole", "key terms",
    "heading", "mostly numbers", "opens with a reference",
    "decision cue", "procedure cue",
  ]

  /// The parts of a court ruling, told apart by their headings.
  enum Section: Int {
    case opening = 0, facts, considerations, decision
  }

  /// Words of headings that open each part (lowercase, whole words).
  static let sectionHeadings: [(Section, [String])] = [
    (
      .facts,
      [
        "procesverloop", "proces-verloop", "procedure", "geding", "feiten", "vaststaande feiten", "ontstaan",
        "het geschil", "de vordering", "vorderingen", "standpunten", "grondslag", "voorgeschiedenis", "het verloop",
      ]
    ),
    (
      .considerations,
      [
        "overwegingen", "overweging", "beoordeling", "motivering", "bespreking", "beschouwing", "de beoordeling",
        "waardering", "bewijs", "bewezenverklaring",
      ]
    ),
    (.decision, ["beslissing", "dictum", "slotsom", "conclusie", "beslist", "proceskosten"]),
  ]

  /// Openings of the sentences that state what a court decides.
  static let decisionCues = [
    "verklaart", "vernietigt", "bevestigt", "bekrachtigt", "wijst", "veroordeelt", "ongegrond", "gegrond",
    "niet-ontvankelijk", "niet ontvankelijk", "beslist", "komt tot de conclusie", "slaagt", "slagen", "faalt",
    "falen", "terecht", "ten onrechte",
  ]

  /// Words of sentences that only record the course of the proceedings.
  static let procedureCues = [
    "ter zitting", "griffie", "gemachtigde", "verweerschrift", "beroepschrift", "pleitnota", "proces-verbaal",
    "zitting", "verschenen", "griffier", "ingekomen", "heeft zich laten vertegenwoordigen",
  ]

  /// The section of each unit, from the nearest heading above it.
  ///
  /// A unit is a heading of a section when it looks like a heading (short,
  /// no final punctuation) and holds one of the section's heading words;
  /// without such headings every unit is in `.opening`.
  static func sections(_ units: [SentenceTable.Unit]) -> [Section] {
    var current = Section.opening
    return units.map { unit in
      if unit.isHeading {
        let text = words(unit.text)
        for (section, keys) in sectionHeadings where holds(text, keys) {
          current = section
          break
        }
      }
      return current
    }
  }

  /// `text` lowercased, with every character but letters and hyphens a
  /// space, padded with spaces: whole words are found as " word ".
  static func words(_ text: String) -> String {
    " " + String(text.lowercased().map { $0.isLetter || $0 == "-" ? $0 : " " }) + " "
  }

  /// Whether `text` (from `words(_:)`) holds one of `cues` as whole words.
  static func holds(_ text: String, _ cues: [String]) -> Bool {
    cues.contains { text.contains(" \($0) ") }
  }

  /// Each unit's feature vector, in the order of `names`.
  ///
  /// - Complexity: O(*n* + *t*) for *n* units of *t* terms in all.
  static func vectors(_ units: [SentenceTable.Unit], centrality: [Double], keyTerms: [Double]) -> [[Double]] {
    let n = units.count
    let sections = sections(units)
    // Where each section starts and ends, for positions within it.
    var sectionStart = Array(repeating: 0, count: n)
    var sectionLength = Array(repeating: 1, count: n)
    var start = 0
    for index in 0...n where index == n || sections[index] != sections[start] {
      for k in start..<index {
        sectionStart[k] = start
        sectionLength[k] = index - start
      }
      start = index
    }
    var centroid: [Int32: Double] = [:]
    for unit in units { for (term, weight) in unit.vector { centroid[term, default: 0] += weight } }
    let norm = max(centroid.values.reduce(0) { $0 + $1 * $1 }.squareRoot(), 1e-12)
    let topCentrality = max(centrality.max() ?? 0, 1e-12)
    return units.indices.map { index in
      let unit = units[index]
      let position = Double(index) / Double(max(n - 1, 1))
      let inSection = Double(index - sectionStart[index]) / Double(max(sectionLength[index] - 1, 1))
      let similarity = unit.vector.reduce(0) { $0 + $1.weight * (centroid[$1.term] ?? 0) } / norm
      let text = words(unit.text)
      var vector = [
        position, position * position, index < 5 ? 1 : 0, index >= n - max(n / 10, 1) ? 1 : 0,
      ]
      vector += (0..<4).map { sections[index].rawValue == $0 ? 1 : 0 }
      vector += [inSection, unit.startsParagraph ? 1 : 0]
      vector += [log(1 + Double(unit.words)), unit.words < 8 ? 1 : 0, unit.words > 40 ? 1 : 0]
      vector += [centrality[index] / topCentrality, similarity, keyTerms[index]]
      vector += [unit.isHeading ? 1 : 0, unit.letterShare < 0.6 ? 1 : 0, unit.opensWithReference ? 1 : 0]
      vector += [holds(text, decisionCues) ? 1 : 0, holds(text, procedureCues) ? 1 : 0]
      return vector
    }
  }
}
