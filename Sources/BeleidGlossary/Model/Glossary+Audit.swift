import BeleidAnalysis

extension Glossary {
  /// How often a Dutch word occurs in the BWB (the bundled frequency
  /// table, `AnalysisResources.frequencies`) to count as a general word of
  /// Dutch law: 5,000 times in 19,685 regulations, about the share of
  /// *data* (in 5.5% of them).
  package static let generalWordCount: UInt32 = 5_000

  /// Whether a Dutch word (folded by the caller or not) is a general word.
  package static func isGeneralWord(_ word: String) -> Bool {
    AnalysisResources.shared.frequencies.frequency(TextFolding.fold(word)) >= generalWordCount
  }

  /// Whether a term is a Dutch one-word term that is a general word
  /// (*Commissie*); acronyms are not.
  package static func isGeneralWord(_ term: Term) -> Bool {
    term.languageCode == "nl" && !term.text.contains(" ") && !term.looksLikeAcronym && isGeneralWord(term.text)
  }

  /// Whether a concept's Dutch name is also a common general word (*wet*,
  /// *gegevens*, *termijn*): its preferred Dutch term is one word that
  /// Dutch law uses at least `generalWordCount` times. Cross-language
  /// search gives such concepts a lower weight, since the word is found in
  /// texts that are not about the concept.
  package func isGeneral(_ concept: Concept) -> Bool {
    guard let term = concept.preferred(in: .dutch), !term.text.contains(" "), !term.looksLikeAcronym else {
      return false
    }
    return Self.isGeneralWord(term.text)
  }

  /// Synonyms that are not real synonyms of their concept, by three rules:
  ///
  /// - **Generic heads**: a one-word synonym in lower case that is the
  ///   last word or the compound head of another term of the concept
  ///   (*keten* of *toeleveringsketen*, *boete* of *bestuurlijke boete*)
  ///   names a wider class. Names in capitals (*Duitsland* beside
  ///   *Bondsrepubliek Duitsland*) are the same thing, so they pass.
  /// - **General words**: a one-word Dutch synonym that Dutch law uses at
  ///   least `generalWordCount` times (*Commissie*, *Unie*), unless it is an
  ///   inflected form of the preferred term or the concept is general
  ///   itself (`isGeneral`: then all its terms weigh less).
  /// - **Narrower terms**: a synonym that is the preferred term of its
  ///   language with words before it (*incident reporting obligation* in a
  ///   concept whose preferred term is *reporting obligation*) names a
  ///   narrower concept; listed as a synonym, a query for it loses its
  ///   modifier, since the term stands for the wider concept as a whole.
  ///
  /// Preferred terms, acronyms and deprecated terms are not checked; the
  /// first two rules check one-word terms only.
  ///
  /// - Complexity: O(*t*²) per concept of *t* terms.
  package func audit() -> [GlossaryIssue] {
    var issues: [GlossaryIssue] = []
    for concept in concepts {
      let general = isGeneral(concept)
      for language in [Language.dutch, .english] {
        let terms = concept.terms(in: language)
        guard let preferred = concept.preferred(in: language) else { continue }
        let preferredKey = TextFolding.fold(preferred.text)
        for term in terms where term != preferred && term.status != .deprecated {
          let text = term.text
          if TextFolding.fold(text).hasSuffix(" " + preferredKey) {
            issues.append(
              GlossaryIssue(
                .warning, .narrowerTerm,
                "'\(text)' (\(language.code)) in concept '\(concept.id)' is '\(preferred.text)' with a modifier, a narrower concept",
                file: concept.location?.file, line: term.line ?? concept.location?.line))
          }
          // Abbreviations (AMvB) name the concept itself.
          guard !text.contains(" "), !text.contains("-"), !term.looksLikeAcronym,
            term.type != "abbreviation", !text.dropFirst().contains(where: \.isUppercase)
          else { continue }
          let word = TextFolding.fold(text)
          func report(_ kind: GlossaryIssue.Kind, _ why: String) {
            issues.append(
              GlossaryIssue(
                .warning, kind, "'\(text)' (\(language.code)) in concept '\(concept.id)' \(why)",
                file: concept.location?.file, line: term.line ?? concept.location?.line))
          }
          let lowerCase = text.first.map { !$0.isUppercase } ?? false
          if lowerCase,
            let longer = terms.first(where: { other in
              let folded = TextFolding.fold(other.text)
              return other != term
                && (folded.hasSuffix(" " + word)
                  || (folded.hasSuffix(word) && !folded.contains(" ")
                    && folded.count >= word.count + 3))
            })
          {
            report(.genericHead, "is the head of '\(longer.text)', a wider class than the concept")
          }
          if language == .dutch, !general, Self.isGeneralWord(word),
            !Self.isInflection(word, of: TextFolding.fold(preferred.text))
          {
            report(.generalWord, "is a general word of Dutch law (at least \(Self.generalWordCount) times in the BWB)")
          }
        }
      }
    }
    return issues
  }

  /// Whether two words differ only in their last three letters
  /// (artikelen ~ artikel): the rule `TermMatcher` judges inflections by.
  static func isInflection(_ a: String, of b: String) -> Bool {
    let common = zip(a, b).prefix { $0 == $1 }.count
    return a.count - common <= 3 && b.count - common <= 3
  }
}
