import BeleidAnalysis
import BeleidGlossary
import BeleidIndex
import BeleidSearch
import Foundation

/// Cross-language search: expands a query's words with the glossary's
/// equivalents in both languages and, for words the glossary does not know,
/// with dictionary translations at a lower weight: from the imported
/// `TranslationLexicon`, weighted by its translation probabilities, else
/// from FreeDict.
///
/// Glossary terms are found by `TermMatcher` (longest match first,
/// multi-word terms included, hyphen and inflection variants too). Each
/// term becomes one synonym set of all its concept's terms in both
/// languages, which the searcher scores as a single pseudo-term
/// (Pirkola's structured query).
///
/// Not `Sendable`: it owns analyzers.
package final class CrossLanguageExpander: QueryExpander {
  /// Weights on an alternative's term frequency.
  package struct Weights: Sendable {
    /// Preferred and admitted glossary terms.
    package var glossary = 1.0
    /// Deprecated glossary terms (Darwish and Oard's probabilistic
    /// structured queries give lower weights to less likely translations).
    package var deprecated = 0.5
    /// Equivalents of a term found inside a longer compound.
    package var compound = 0.5
    /// Terms of a general concept, whose Dutch name is a common word of
    /// Dutch law (`Glossary.isGeneral`: *wet*, *termijn*), and Dutch
    /// one-word terms that are such words (*Commissie*).
    package var general = 0.5
    /// Dictionary translations of words the glossary does not know.
    package var dictionary = 0.3

    package init() {}
  }

  /// How many dictionary translations a word gets at most (5 did best on
  /// the CLIR dev queries; see EVALUATION.md).
  package var maximumTranslations = 5
  /// The weights.
  package var weights = Weights()
  /// Whether Dutch infinitives among dictionary translations bring their
  /// inflected forms (see `DutchVerbForms`).
  package var inflectVerbs = true
  package private(set) var notes: [String] = []

  private let matcher: TermMatcher?
  private var dictionaries: [Language: FreeDictionary] = [:]
  /// Translation probabilities both ways (`beleid lexicon import`).
  package private(set) var lexicon: TranslationLexicon?
  /// Whether phrases of the lexicon (administrative body) translate as a
  /// whole before their words do.
  package var lexiconPhrases = true
  private let useDictionary: Bool
  private var analyzers: [Language: Analyzer] = [:]

  /// The index searched, if known: dictionary translations that never
  /// occur in it are skipped, and the more common ones preferred.
  package var collection: IndexReader?

  /// An expander over a glossary (nil: dictionary only) and, if
  /// `dictionary` is on, FreeDict and the lexicon at `lexiconPath` (if
  /// imported there).
  package init(glossary: Glossary?, dictionary: Bool = true, lexiconPath: String? = TranslationLexicon.defaultPath) {
    matcher = glossary.map { TermMatcher(glossary: $0) }
    useDictionary = dictionary
    if dictionary, let lexiconPath {
      do {
        lexicon = try TranslationLexicon(path: lexiconPath)
      } catch {
        notes.append("\(error); words are translated through FreeDict")
      }
    }
    if dictionary {
      for language in Language.allCases {
        do {
          dictionaries[language] = try FreeDictionary(from: language)
        } catch {
          notes.append("\(error); words outside the glossary are not translated")
        }
      }
    }
  }

  package func expand(_ words: [String], language: Language) throws -> [QueryExpansion] {
    var expansions: [QueryExpansion] = []
    var covered = Set<Int>()
    if let matcher {
      let (text, cores) = Self.join(words)
      for occurrence in try matcher.occurrences(in: text, language: language) {
        // Only whole words count ("Convention." is the word Convention).
        guard let first = cores.firstIndex(where: { $0.lowerBound == occurrence.range.lowerBound }),
          let last = cores.firstIndex(where: { $0.upperBound == occurrence.range.upperBound }), last >= first
        else { continue }
        let range = first..<(last + 1)
        let label = words[range].joined(separator: " ")
        let alternatives = alternatives(for: occurrence, matcher: matcher, query: label)
        guard !alternatives.isEmpty else { continue }
        expansions.append(
          QueryExpansion(words: range, alternatives: alternatives, isTerm: occurrence.kind != .compound))
        covered.formUnion(range)
      }
    }
    if useDictionary, let lexicon {
      if lexiconPhrases {
        expansions += try phraseTranslations(words, language: language, lexicon: lexicon, covered: &covered)
      }
      for (index, word) in words.enumerated() where !covered.contains(index) {
        let alternatives = try lexiconTranslations(of: [word], language: language, lexicon: lexicon)
        if alternatives.contains(where: { $0.provenance.isTranslation }) {
          expansions.append(QueryExpansion(words: index..<(index + 1), alternatives: alternatives, isTerm: false))
        }
      }
    } else if useDictionary && !dictionaries.isEmpty {
      for (index, word) in words.enumerated() where !covered.contains(index) {
        let alternatives = try translations(of: word, language: language)
        if alternatives.contains(where: { $0.provenance.isTranslation }) {
          expansions.append(QueryExpansion(words: index..<(index + 1), alternatives: alternatives, isTerm: false))
        }
      }
    }
    return expansions.sorted { $0.words.lowerBound < $1.words.lowerBound }
  }

  /// Words covered by glossary terms of two or more words and of one
  /// language only, matched as written or inflected in either language's
  /// analysis. One-word terms say nothing here: many are words of both
  /// languages (budget, the English term for begroting), and the word
  /// lists judge them; nor do acronyms (NIS2) or terms inside compounds.
  ///
  /// - Complexity: two `TermMatcher.occurrences` passes over the words.
  package func termLanguages(_ words: [String]) throws -> [Language?] {
    var result = [Language?](repeating: nil, count: words.count)
    guard let matcher else { return result }
    let (text, cores) = Self.join(words)
    var conflicting = Set<Int>()
    for analysis in Language.allCases {
      for occurrence in try matcher.occurrences(in: text, language: analysis)
      where occurrence.kind == .exact || occurrence.kind == .inflected {
        let terms = occurrence.refs.map { matcher.term($0) }
        let languages = Set(terms.map(\.analysisLanguage))
        guard languages.count == 1, let language = languages.first ?? nil,
          !terms.contains(where: \.looksLikeAcronym),
          let first = cores.firstIndex(where: { $0.lowerBound == occurrence.range.lowerBound }),
          let last = cores.firstIndex(where: { $0.upperBound == occurrence.range.upperBound }), last > first
        else { continue }
        for index in first...last {
          if let known = result[index], known != language { conflicting.insert(index) }
          result[index] = language
        }
      }
    }
    for index in conflicting { result[index] = nil }
    return result
  }

  /// Every term of the matched concepts, both languages; for a term inside
  /// a compound only the other language's, at a lower weight.
  private func alternatives(for occurrence: TermMatcher.Occurrence, matcher: TermMatcher, query: String)
    -> [QueryExpansion.Alternative]
  {
    var result: [QueryExpansion.Alternative] = []
    let matchedLanguages = Set(occurrence.refs.map { matcher.term($0).languageCode })
    for conceptIndex in occurrence.concepts {
      let concept = matcher.glossary.concepts[conceptIndex]
      let general = matcher.glossary.isGeneral(concept)
      for term in concept.terms {
        guard let language = term.analysisLanguage else { continue }
        if occurrence.kind == .compound && matchedLanguages.contains(term.languageCode) { continue }
        var weight = term.status == .deprecated ? weights.deprecated : weights.glossary
        if occurrence.kind == .compound { weight *= weights.compound }
        // A general concept weighs less as a whole; so does a general word
        // listed as a synonym (Commissie for Europese Commissie).
        if general || Glossary.isGeneralWord(term) { weight *= weights.general }
        let provenance = Provenance.glossary(concept: concept.id, deprecated: term.status == .deprecated)
        result.append(
          QueryExpansion.Alternative(text: term.text, language: language, weight: weight, provenance: provenance))
        // Loanwords: Dutch texts write "supply chain security" too, and the
        // index stemmed those with the Dutch analyzer.
        result.append(
          QueryExpansion.Alternative(
            text: term.text, language: language.other, weight: weight, provenance: provenance))
      }
    }
    return result
  }

  /// A word's dictionary translations into the other language.
  ///
  /// Candidates come from both FreeDict directions: the entry for the word
  /// (English-Dutch for an English word) and the entries of the other
  /// dictionary that list the word among their translations. A candidate
  /// both directions agree on ranks first, then the more frequent Dutch
  /// word (FreeDict lists senses, not frequencies), then the earlier one.
  private func translations(of written: String, language: Language) throws -> [QueryExpansion.Alternative] {
    // "contract," and "(b)" in a pasted sentence: the word without its punctuation.
    let word = written.trimmingCharacters(in: CharacterSet.alphanumerics.inverted)
    guard word.count >= 2, word.contains(where: \.isLetter), !(try isStopWord(word, language)) else { return [] }
    let target = language.other
    var votes: [String: (directions: Int, position: Int)] = [:]
    if let forward = dictionaries[language] {
      for (position, candidate) in try forward.translations(of: word).enumerated() where !candidate.contains(" ") {
        votes[candidate] = (1, position)
      }
    }
    if let backward = dictionaries[target] {
      for (headword, position) in try backward.headwords(translatedAs: word) {
        let known = votes[headword]
        votes[headword] = ((known?.directions ?? 0) + 1, min(known?.position ?? Int.max, position))
      }
    }
    var commonness: [String: Int] = [:]
    var forms: [String: [String]] = [:]
    for candidate in votes.keys {
      (commonness[candidate], forms[candidate]) = try collectionUse(of: candidate, language: target)
    }
    let folded = TextFolding.fold(word)
    let ranked = votes.filter { TextFolding.fold($0.key) != folded && (collection == nil || commonness[$0.key]! > 0) }
      .sorted { a, b in
        if a.value.directions != b.value.directions { return a.value.directions > b.value.directions }
        let (fa, fb) = (commonness[a.key]!, commonness[b.key]!)
        if fa != fb { return fa > fb }
        return a.value.position != b.value.position ? a.value.position < b.value.position : a.key < b.key
      }
    var result = try loanword(word, target)
    for (translation, _) in ranked.prefix(maximumTranslations) {
      result += alternatives(
        word: word, translation: translation, forms: forms[translation] ?? [], weight: weights.dictionary,
        source: "FreeDict", target: target)
    }
    return result
  }

  /// The word itself as the other language's analyzer stems it: a loanword
  /// in a text of the other language ("security" in a Dutch text); not if
  /// that makes a stop word ("date" would stem to Dutch "dat").
  private func loanword(_ text: String, _ target: Language) throws -> [QueryExpansion.Alternative] {
    if !text.contains(" "), try isStopWord(try stem(text, target), target) { return [] }
    return [.init(text: text, language: target, weight: weights.glossary, provenance: .queryWord(analysedAs: target))]
  }

  /// A translation and the inflected forms the collection uses, as alternatives.
  private func alternatives(
    word: String, translation: String, forms: [String], weight: Double, source: String, target: Language
  ) -> [QueryExpansion.Alternative] {
    ([nil] + forms.map(Optional.some)).map { form in
      QueryExpansion.Alternative(
        text: form ?? translation, language: target, weight: weight,
        provenance: .dictionary(word: word, translation: translation, form: form, source: source))
    }
  }

  /// How common a candidate translation is, and its inflected forms: the
  /// documents of the collection searched that use it (an infinitive
  /// counts its forms too: a text may say "bepaalt" and never "bepalen";
  /// a phrase its rarest word), else its count in Dutch law (BWB).
  private func collectionUse(of candidate: String, language target: Language) throws -> (Int, [String]) {
    guard let collection else {
      let frequencies = AnalysisResources.shared.frequencies
      return (target == .dutch ? Int(frequencies.frequency(TextFolding.fold(candidate))) : 0, [])
    }
    let words = candidate.split(separator: " ").map(String.init)
    if words.count > 1 {
      return (try words.map { try collection.documentFrequency(try stem($0, target)) }.min() ?? 0, [])
    }
    let inflected = try inflectedForms(of: candidate, language: target)
    let count = try ([try stem(candidate, target)] + inflected.map(\.stem)).reduce(0) {
      $0 + (try collection.documentFrequency($1))
    }
    return (count, inflected.map(\.form))
  }

  /// Lexicon phrases among the uncovered words, longest first.
  private func phraseTranslations(
    _ words: [String], language: Language, lexicon: TranslationLexicon, covered: inout Set<Int>
  ) throws -> [QueryExpansion] {
    var result: [QueryExpansion] = []
    let longest = min(lexicon.longestKey(from: language), 4)
    guard longest >= 2 else { return [] }
    for length in stride(from: longest, through: 2, by: -1) {
      var start = 0
      while start + length <= words.count {
        let range = start..<(start + length)
        guard !range.contains(where: covered.contains) else {
          start += 1
          continue
        }
        let alternatives = try lexiconTranslations(of: Array(words[range]), language: language, lexicon: lexicon)
        if alternatives.contains(where: { $0.provenance.isTranslation }) {
          result.append(QueryExpansion(words: range, alternatives: alternatives, isTerm: false))
          covered.formUnion(range)
          start += length
        } else {
          start += 1
        }
      }
    }
    return result
  }

  /// A word's or phrase's translations into the other language from the lexicon:
  /// those the collection uses, the most probable first (then the more
  /// common), at most `maximumTranslations`, each weighted by its
  /// probability relative to the best one's (probabilistic structured
  /// queries, Darwish and Oard 2003). A one-word query takes one-word
  /// translations only.
  private func lexiconTranslations(of written: [String], language: Language, lexicon: TranslationLexicon) throws
    -> [QueryExpansion.Alternative]
  {
    let target = language.other
    let words = written.map { $0.trimmingCharacters(in: CharacterSet.alphanumerics.inverted) }
    guard words.allSatisfy({ $0.count >= 2 && $0.contains(where: \.isLetter) }) else { return [] }
    if words.count == 1, try isStopWord(words[0], language) { return [] }
    let text = words.joined(separator: " ")
    let folded = TextFolding.fold(text)
    var candidates: [(translation: TranslationLexicon.Translation, commonness: Int, forms: [String])] = []
    for translation in try lexicon.translations(of: text, from: language)
    where (words.count > 1 || !translation.text.contains(" ")) && TextFolding.fold(translation.text) != folded {
      let (commonness, forms) = try collectionUse(of: translation.text, language: target)
      if collection == nil || commonness > 0 { candidates.append((translation, commonness, forms)) }
    }
    candidates.sort { a, b in
      if a.translation.probability != b.translation.probability {
        return a.translation.probability > b.translation.probability
      }
      return a.commonness != b.commonness ? a.commonness > b.commonness : a.translation.text < b.translation.text
    }
    guard let best = candidates.first?.translation.probability, best > 0 else { return [] }
    var result = try loanword(text, target)
    for candidate in candidates.prefix(maximumTranslations) {
      let p = candidate.translation.probability
      result += alternatives(
        word: text, translation: candidate.translation.text, forms: candidate.forms,
        weight: weights.dictionary * p / best,
        source: candidate.translation.sources.joined(separator: ", ") + String(format: "; p %.2f", p), target: target)
    }
    return result
  }

  /// The forms of a Dutch infinitive that the searched collection uses and
  /// that its stem does not already cover (FreeDict gives infinitives;
  /// texts say *bepaalt*, *verleend*).
  private func inflectedForms(of translation: String, language: Language) throws -> [(form: String, stem: String)] {
    guard inflectVerbs, language == .dutch, let collection else { return [] }
    let folded = TextFolding.fold(translation)
    var stems: Set<String> = [try stem(folded, language)]
    var result: [(form: String, stem: String)] = []
    for form in DutchVerbForms.forms(ofInfinitive: folded) {
      let formStem = try stem(form, language)
      guard !stems.contains(formStem), try collection.containsForm(form) else { continue }
      stems.insert(formStem)
      result.append((form, formStem))
    }
    return result
  }

  private func analyzer(_ language: Language) throws -> Analyzer {
    if let analyzer = analyzers[language] { return analyzer }
    let analyzer = try Analyzer(language: language)
    analyzers[language] = analyzer
    return analyzer
  }

  private func tokens(_ word: String, _ language: Language) throws -> [Token] {
    var tokens: [Token] = []
    var text = word
    try text.withUTF8 { _ = try analyzer(language).analyze(UnsafeRawBufferPointer($0), into: &tokens) }
    return tokens
  }

  private func isStopWord(_ word: String, _ language: Language) throws -> Bool {
    try tokens(word, language).allSatisfy(\.isStopWord)
  }

  /// A single word's stem, as the index stores it.
  private func stem(_ word: String, _ language: Language) throws -> String {
    let words = try tokens(word, language).filter { $0.kind != .compoundPart && $0.kind != .joined }
    return words.count == 1 ? try analyzer(language).stem(words[0].stem) : TextFolding.fold(word)
  }

  /// The words joined by spaces, and where each one's letters and digits
  /// start and end in UTF-8 bytes (punctuation around a word left out).
  static func join(_ words: [String]) -> (String, [Range<Int>]) {
    var text = ""
    var cores: [Range<Int>] = []
    for word in words {
      if !text.isEmpty { text += " " }
      let start = text.utf8.count
      text += word
      let scalars = Array(word.unicodeScalars)
      func isCore(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
      }
      let lead = scalars.prefix { !isCore($0) }.reduce(0) { $0 + String($1).utf8.count }
      let trail = scalars.reversed().prefix { !isCore($0) }.reduce(0) { $0 + String($1).utf8.count }
      let end = start + word.utf8.count
      cores.append(start + min(lead, word.utf8.count)..<max(end - trail, start + min(lead, word.utf8.count)))
    }
    return (text, cores)
  }
}
