/// Tells Dutch from English, for a whole document or a two-word query.
///
/// Each word votes: a stop word of one language counts 2 for it; a word in
/// only one language's word list counts 1 (OpenTaal for Dutch, wbritish for
/// English); a Dutch compound the decompounder can split counts 1 for Dutch.
/// Words in both lists (cloud, data) do not vote. Long texts are judged on
/// their first `sampleWords` words.
///
/// A query is judged with more care (`query: true`), since its few words
/// must decide: a word in capitals (NIS2, SME, CSIRT) is an acronym and
/// does not vote; a word in both lists (the English loans OpenTaal holds,
/// and Dutch words that are English too: plan, wet, stem) votes by how
/// English or Dutch its letters look (`WordShapeModel`), at most 1, but
/// a one-word query of such a word is undetermined (read as Dutch) unless
/// its look gives it a whole vote; and a tie goes to the language the
/// shapes of its known words favour. The caller may add votes it found
/// elsewhere (`evidence`: the glossary's terms).
///
/// - Complexity: O(*n*) in the text, at most `sampleWords` lookups.
package struct LanguageIdentifier: Sendable {
  /// The verdict on a text.
  package struct Identification: Sendable, Equatable {
    /// The likelier language, or nil when no word voted.
    package var language: Language?
    /// The share of the votes the winner got beyond a tie: 0 (a tie) to 1.
    package var confidence: Double
    /// Votes for Dutch.
    package var dutchVotes: Double
    /// Votes for English.
    package var englishVotes: Double
  }

  /// How many words of a long text are read.
  package static let sampleWords = 2_000

  /// The shape log-odds at which a word counts a whole vote.
  ///
  /// Less counts in proportion (`WordShapeModel.englishLogOdds`). Fitted
  /// on the train half of `Tests/Data/query-languages.tsv` (EVALUATION.md).
  package static let shapeScale = 24.0

  private let resources: AnalysisResources
  private let decompounder: DutchDecompounder

  /// Creates an identifier over the shared resources.
  package init(resources: AnalysisResources = .shared) {
    self.resources = resources
    decompounder = DutchDecompounder(resources: resources)
  }

  /// Votes found outside the text, such as glossary terms of one language.
  package struct Evidence: Sendable, Equatable {
    package var dutch = 0.0
    package var english = 0.0

    package init(dutch: Double = 0, english: Double = 0) {
      self.dutch = dutch
      self.english = english
    }
  }

  /// Identifies the language of `text`.
  package func identify(_ text: String, query: Bool = false, evidence: Evidence = Evidence()) -> Identification {
    var text = text
    return text.withUTF8 { identify(UnsafeRawBufferPointer($0), query: query, evidence: evidence) }
  }

  /// Identifies the language of UTF-8 `text`.
  ///
  /// With `compoundVotes` off, words in neither word list do not vote even
  /// when they split as Dutch compounds: a document's stop words decide
  /// plenty, and splitting cost indexing 1.3% of its time.
  package func identify(
    _ text: UnsafeRawBufferPointer, compoundVotes: Bool = true, query: Bool = false,
    evidence: Evidence = Evidence()
  ) -> Identification {
    var dutch = evidence.dutch
    var english = evidence.english
    var shapeSum = 0.0
    var words = 0
    var word: [UInt8] = []
    var hasNonASCII = false
    var capitals = 0

    func vote() {
      defer {
        word.removeAll(keepingCapacity: true)
        hasNonASCII = false
        capitals = 0
      }
      guard word.count >= 1 else { return }
      words += 1
      if query && capitals == word.count { return }
      if hasNonASCII {
        var folded: [UInt8] = []
        word.withUnsafeBytes { CaseFolding.fold($0, options: [.caseFold, .marks], into: &folded) }
        word = folded
      }
      word.withUnsafeBytes { w in
        let nlStop = resources.dutchStopWords.find(w) >= 0
        let enStop = resources.englishStopWords.find(w) >= 0
        if nlStop != enStop {
          if nlStop { dutch += 2 } else { english += 2 }
          return
        }
        if nlStop { return }
        let nl = resources.dutchLexicon.find(w) >= 0
        let en = resources.englishLexicon.find(w) >= 0
        // Shapes judge only words the lists know: an unknown word (a new
        // compound, hyperscalers) says little, and Dutch is the default.
        let odds = query && (nl || en) ? resources.wordShapes.englishLogOdds(w) : 0
        shapeSum += odds
        if nl && !en {
          dutch += 1
        } else if en && !nl {
          english += 1
        } else if nl && en {
          let vote = min(1, abs(odds) / Self.shapeScale)
          if odds > 0 { english += vote } else { dutch += vote }
        } else if compoundVotes && w.count >= DutchDecompounder.minimumWordLength && !decompounder.split(w).isEmpty {
          dutch += 1
        }
      }
    }

    for byte in text {
      if (byte >= 97 && byte <= 122) || byte == UInt8(ascii: "'") && !word.isEmpty {
        word.append(byte)
      } else if byte >= 65 && byte <= 90 {
        word.append(byte + 32)
        capitals += 1
      } else if byte >= 0x80 {
        // Typographic apostrophes are not letters; other non-ASCII bytes are.
        word.append(byte)
        hasNonASCII = true
      } else {
        vote()
        if words >= Self.sampleWords { break }
      }
    }
    vote()
    guard dutch + english > 0 else {
      return Identification(language: nil, confidence: 0, dutchVotes: 0, englishVotes: 0)
    }
    // A one-word query whose word is in both lists: its look alone is weak
    // evidence (breed, respect and cliënt are Dutch words that look
    // English), so it decides only with a whole vote.
    if query && words == 1 && max(dutch, english) < 1 {
      return Identification(language: nil, confidence: 0, dutchVotes: dutch, englishVotes: english)
    }
    let total = dutch + english
    var language: Language? = dutch == english ? nil : (dutch > english ? .dutch : .english)
    if language == nil && query && shapeSum != 0 { language = shapeSum > 0 ? .english : .dutch }
    return Identification(
      language: language, confidence: abs(dutch - english) / total,
      dutchVotes: dutch, englishVotes: english)
  }
}
