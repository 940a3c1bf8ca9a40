/// Tells Dutch from English, for a whole document or a two-word query.
///
/// Each word votes: a stop word of one language counts 2 for it; a word in
/// only one language's word list counts 1 (OpenTaal for Dutch, wbritish for
/// English); a Dutch compound the decompounder can split counts 1 for Dutch.
/// Words in both lists (cloud, data) do not vote. Long texts are judged on
/// their first `sampleWords` words.
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
    package var dutchVotes: Int
    /// Votes for English.
    package var englishVotes: Int
  }

  /// How many words of a long text are read.
  package static let sampleWords = 2_000

  private let resources: AnalysisResources
  private let decompounder: DutchDecompounder

  /// Creates an identifier over the shared resources.
  package init(resources: AnalysisResources = .shared) {
    self.resources = resources
    decompounder = DutchDecompounder(resources: resources)
  }

  /// Identifies the language of `text`.
  package func identify(_ text: String) -> Identification {
    var text = text
    return text.withUTF8 { identify(UnsafeRawBufferPointer($0)) }
  }

  /// Identifies the language of UTF-8 `text`.
  ///
  /// With `compoundVotes` off, words in neither word list do not vote even
  /// when they split as Dutch compounds: a document's stop words decide
  /// plenty, and splitting cost indexing 1.3% of its time.
  package func identify(_ text: UnsafeRawBufferPointer, compoundVotes: Bool = true) -> Identification {
    var dutch = 0
    var english = 0
    var words = 0
    var word: [UInt8] = []
    var hasNonASCII = false

    func vote() {
      defer {
        word.removeAll(keepingCapacity: true)
        hasNonASCII = false
      }
      guard word.count >= 1 else { return }
      words += 1
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
        if nl && !en {
          dutch += 1
        } else if en && !nl {
          english += 1
        } else if compoundVotes && !nl && !en && w.count >= DutchDecompounder.minimumWordLength
          && !decompounder.split(w).isEmpty
        {
          dutch += 1
        }
      }
    }

    for byte in text {
      if (byte >= 97 && byte <= 122) || byte == UInt8(ascii: "'") && !word.isEmpty {
        word.append(byte)
      } else if byte >= 65 && byte <= 90 {
        word.append(byte + 32)
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
    let total = dutch + english
    guard total > 0 else {
      return Identification(language: nil, confidence: 0, dutchVotes: 0, englishVotes: 0)
    }
    let language: Language? = dutch == english ? nil : (dutch > english ? .dutch : .english)
    return Identification(
      language: language, confidence: Double(abs(dutch - english)) / Double(total),
      dutchVotes: dutch, englishVotes: english)
  }
}
