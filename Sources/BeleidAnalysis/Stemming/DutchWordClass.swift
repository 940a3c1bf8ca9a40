/// A coarse word class for a Dutch word, from the OpenTaal word list and
/// suffix rules: enough to tell a verb or a pronoun from a noun when
/// picking key terms or glosses, not a tagger.
///
/// - **Verb forms**: an infinitive is a verb when the word list holds its
///   weak past (*versterkte*) or its present with -t (*geeft*); an inflected
///   form is a verb form when it is one of the forms `DutchVerbForms` makes
///   of such an infinitive (*versterkt*, *bepaalde*, *gezet*), or one of a
///   short list of irregular verbs (*gaat*, *werd*, *kreeg*). Words that
///   are both (*plannen*, *eisen*) count as verbs here; a caller that sees
///   an article before them knows better.
/// - **Adjectives**: the derivational suffixes that make adjectives
///   (*-isch*, *-ig*, *-lijk*, *-baar*, *-ief*, with or without the
///   inflection *-e*) and the inflected forms of *-aal*, *-eel*, *-ees*
///   (*digitale*, *structurele*, *Europese*).
/// - **Pronouns**: a closed list (*we*, *onze*, *jullie*).
///
/// Without the word list (wdutch missing), only the irregular verbs,
/// pronouns and suffixes are known.
package struct DutchWordClass: Sendable {
  private let resources: AnalysisResources

  /// A classifier over the analyzer's resources.
  package init(resources: AnalysisResources = .shared) {
    self.resources = resources
  }

  /// Closed-class words that Snowball's stop list lacks: pronouns,
  /// determiners, prepositions, frequent adverbs and numerals, which never
  /// begin or end a key term.
  package static let pronouns: Set<String> = [
    "ik", "je", "jij", "jou", "jouw", "u", "uw", "hij", "zij", "ze", "wij", "we", "jullie", "men", "mijn", "haar",
    "onze", "ons", "hun", "hen", "zich", "zichzelf", "iets", "niets", "iemand", "niemand", "alle", "elke", "ieder",
    "iedere", "iedereen", "elkaar", "allemaal", "sommige", "enkele", "welke", "wiens", "waarvan", "waarbij", "waarin",
    "hierbij", "daarbij", "daarom",
    "hierin", "daarin", "daarmee", "hiermee", "dergelijke", "zulke", "zo'n",
    "tijdens", "gedurende", "volgens", "via", "binnen", "buiten", "tussen", "sinds", "namens", "vanuit", "zoals",
    "waar", "hoe", "vaak", "flink", "precies", "snel", "steeds", "zeer", "erg", "heel", "echt", "zelfs", "vooral",
    "alleen", "samen", "eerst", "later", "daarna", "direct", "inmiddels", "echter", "bovendien", "ongeveer",
    "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "twintig", "honderd", "duizend",
    "miljoen", "miljard", "eerste", "tweede", "derde", "vierde", "vijfde",
  ]

  /// Finite and past forms of frequent irregular verbs, which the rules of
  /// regular verbs do not make.
  static let irregularVerbForms: Set<String> = [
    "gaat", "ging", "gingen", "gegaan", "wordt", "werd", "werden", "geworden", "is", "was", "waren", "geweest",
    "heeft", "had", "hadden", "gehad", "zal", "zullen", "zou", "zouden", "kan", "kon", "konden", "moet", "moest",
    "moesten", "mag", "mocht", "mochten", "wil", "wilde", "wilden", "komt", "kwam", "kwamen", "gekomen", "staat",
    "stond", "stonden", "doet", "deed", "deden", "gedaan", "krijgt", "kreeg", "kregen", "gekregen", "ziet", "zag",
    "zagen", "gezien", "geeft", "gaf", "gaven", "gegeven", "neemt", "nam", "namen", "genomen", "brengt", "bracht",
    "brachten", "gebracht", "houdt", "hield", "hielden", "laat", "liet", "lieten", "gelaten", "vindt", "vond",
    "vonden", "gevonden", "weet", "wist", "wisten", "zegt", "zei", "zeiden", "kiest", "koos", "kozen", "gekozen",
    "biedt", "bood", "boden", "geboden", "lijkt", "leek", "leken", "blijft", "bleef", "bleven", "gebleven", "ligt",
    "lag", "lagen", "zit", "zat", "zaten", "spreekt", "sprak", "schrijft", "schreef", "treedt", "trad", "traden",
    "denkt", "dacht", "dachten", "zoekt", "zocht", "koopt", "kocht", "draagt", "droeg", "helpt", "hielp", "begint",
    "begon", "begonnen", "ving", "vingen", "vergeet", "vergat", "doe", "zijn", "hebben", "worden", "kunnen", "moeten",
    "willen", "zullen", "gaan", "komen", "staan",
  ]

  /// Suffixes that make adjectives, uninflected and inflected.
  static let adjectiveSuffixes = [
    "isch", "ische", "ig", "ige", "lijk", "lijke", "baar", "bare", "ief", "ieve", "ale", "ele", "ese", "ieke",
  ]

  /// Whether a folded (lower-case) word is a form of a verb.
  ///
  /// Infinitives, the present with -t, the past and participles count; the
  /// first person alone (*plan*, *werk*) does not, as it is spelled as the
  /// noun.
  ///
  /// - Complexity: O(*n*) for a word of *n* letters: a few word-list
  ///   lookups.
  package func isVerbForm(_ word: String) -> Bool {
    if Self.irregularVerbForms.contains(word) { return true }
    // A prefixed irregular verb: bestaat, voldoet, voorkomt.
    for prefix in Self.verbPrefixes where word.hasPrefix(prefix) {
      let rest = word.dropFirst(prefix.count)
      if rest.count >= 3 && Self.irregularVerbForms.contains(String(rest)) { return true }
    }
    guard word.utf8.count >= 4, hasWordList else { return false }
    if word.hasSuffix("en") && isVerbInfinitive(word) { return true }
    for infinitive in candidateInfinitives(of: word) where isVerbInfinitive(infinitive) {
      if inflectedForms(of: infinitive).dropFirst().contains(word) { return true }
    }
    // A separable verb: overstappen, opgeknipt (op + geknipt).
    for particle in Self.separableParticles where word.hasPrefix(particle) {
      let rest = String(word.dropFirst(particle.count))
      if rest.utf8.count >= 4 && rest != word && isVerbForm(rest) { return true }
    }
    return false
  }

  /// Prefixes of irregular verbs' derivations (*be*staat, *vol*doet) and
  /// particles of separable verbs.
  static let verbPrefixes = ["be", "ver", "ont", "her", "vol", "onder"] + separableParticles

  /// Particles of separable verbs (*over*stappen, *op*knippen).
  static let separableParticles = [
    "aan", "af", "bij", "door", "in", "mee", "na", "om", "op", "over", "samen", "terug", "toe", "uit", "vast", "voor",
    "weg",
  ]

  /// Whether a word ending in -en after `previous` is used as a noun here:
  /// after an article or determiner (*de plannen*), or after an inflected
  /// adjective (*digitale aanvallen*).
  package func isNounAfter(_ previous: String) -> Bool {
    ["de", "het", "een", "deze", "die", "dit", "onze", "hun", "alle", "veel"].contains(previous)
      || (isAdjective(previous) && previous.hasSuffix("e"))
  }

  /// The forms of a regular verb, the stem first: `DutchVerbForms`, and for
  /// a stem that ends in a vowel (*groeien*) its -t, -de and -te forms.
  private func inflectedForms(of infinitive: String) -> [String] {
    let forms = DutchVerbForms.forms(ofInfinitive: infinitive)
    guard forms.isEmpty, infinitive.hasSuffix("en"), infinitive.utf8.count >= 5 else { return forms }
    let stem = String(infinitive.dropLast(2))
    guard let last = stem.last, "aeiouy".contains(last) else { return forms }
    return [stem, stem + "t", stem + "de", stem + "den", stem + "te", stem + "ten"]
  }

  /// Whether a folded word has the shape of an adjective (*digitale*,
  /// *strategisch*, *mogelijk*).
  package func isAdjective(_ word: String) -> Bool {
    guard word.utf8.count >= 5 else { return false }
    return Self.adjectiveSuffixes.contains { word.hasSuffix($0) }
  }

  /// Whether a folded word is the comparative of an adjective of that
  /// shape (*veiliger*, *makkelijker*, *steviger*).
  package func isComparative(_ word: String) -> Bool {
    word.hasSuffix("er") && isAdjective(String(word.dropLast(2)))
  }

  /// Whether a folded word is a pronoun or determiner of the closed list.
  package func isPronoun(_ word: String) -> Bool { Self.pronouns.contains(word) }

  private var hasWordList: Bool { resources.dutchLexicon.count > 1_000 }

  private func inWordList(_ word: String) -> Bool { resources.dutchLexicon.find(word) >= 0 }

  /// Whether a word ending in -en that the word list holds is a verb: the
  /// list also holds its weak past or its present with -t (*geeft*, not
  /// *sectort*).
  private func isVerbInfinitive(_ word: String) -> Bool {
    guard inWordList(word) else { return false }
    let forms = inflectedForms(of: word)
    return forms.contains { form in
      if form.hasSuffix("de") || form.hasSuffix("te") { return inWordList(form) }
      return form.hasSuffix("t") && forms.contains(String(form.dropLast())) && inWordList(form)
    }
  }

  /// Infinitives an inflected form may come from: the form without its
  /// ending (-t, -de, -te, -den, -ten, -d; ge- of a participle), with -en,
  /// a doubled consonant, a single vowel, v for f and z for s.
  private func candidateInfinitives(of word: String) -> [String] {
    var bases: [String] = []
    for suffix in ["ten", "den", "te", "de", "t", "d"] where word.hasSuffix(suffix) {
      let base = String(word.dropLast(suffix.count))
      bases.append(base)
      if base.hasPrefix("ge") { bases.append(String(base.dropFirst(2))) }
    }
    if word.hasPrefix("ge") { bases.append(String(word.dropFirst(2))) }
    var result: [String] = []
    for base in bases where base.utf8.count >= 2 {
      let letters = Array(base)
      var stems = [base]
      if let last = letters.last, !"aeiouy".contains(last) {
        stems.append(base + String(last))
        if letters.count >= 3, letters[letters.count - 2] == letters[letters.count - 3],
          "aeou".contains(letters[letters.count - 2])
        {
          var single = letters
          single.remove(at: letters.count - 2)
          stems.append(String(single))
        }
      }
      for stem in stems {
        result.append(stem + "en")
        if stem.hasSuffix("f") { result.append(stem.dropLast() + "ven") }
        if stem.hasSuffix("s") { result.append(stem.dropLast() + "zen") }
      }
    }
    return result
  }
}
