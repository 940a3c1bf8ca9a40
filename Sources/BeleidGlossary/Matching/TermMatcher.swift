import BeleidAnalysis
import Foundation

/// Finds glossary terms: looks up what a user typed, and finds the terms in
/// a text, with the analysis chain the index uses.
///
/// Terms match regardless of case, diacritics, hyphens and spaces (by their
/// `GlossaryKey.surface`), and in inflected forms (by their stems, under
/// both languages' analyzers). A Dutch word also matches the terms it
/// starts or ends with (ketenveiligheidseisen → ketenveiligheid).
///
/// Not `Sendable`: it owns analyzers. Use one per thread.
package final class TermMatcher {
  /// A term's place: concept index, term index.
  package struct TermRef: Sendable, Hashable {
    package var concept: Int
    package var term: Int
  }

  /// How a term was found.
  package enum MatchKind: String, Sendable, Codable, Comparable {
    /// The same after folding case and diacritics and dropping hyphens and spaces.
    case exact
    /// The same stems: an inflected form.
    case inflected
    /// A term inside a longer compound word.
    case compound
    /// A term inside a longer text.
    case contained

    package static func < (a: MatchKind, b: MatchKind) -> Bool {
      let order: [MatchKind] = [.exact, .inflected, .compound, .contained]
      return order.firstIndex(of: a)! < order.firstIndex(of: b)!
    }
  }

  /// Lookups longer than this many characters are refused.
  package static let maximumLookupLength = 200
  /// The fewest characters of a term found inside a compound.
  static let minimumCompoundPart = 6
  /// The fewest characters such a term leaves for the rest of the word.
  static let minimumRemainder = 3
  /// Terms are at most this many tokens long for matching in text.
  static let maximumTermTokens = 12

  /// The glossary searched.
  package let glossary: Glossary
  /// Terms by surface key: read from the cache folder or built, on first use.
  private lazy var surfaceIndex: TermIndex = loadSurfaceIndex()
  private var stemIndexes: [Language: TermIndex] = [:]
  private var prefixIndex: [String: [TermRef]] = [:]
  /// Per language, the keys of every term's first words ("s" surface, "t" stems).
  private var partialKeys: [Language: TermIndex] = [:]
  private var stemKeyCache: [String: String] = [:]
  private var termSurfaces: [String: [String]] = [:]
  private var analyzers: [Language: Analyzer] = [:]
  /// The most tokens a term can have (its separators plus three, for the
  /// words an analyzer may split off), at most `maximumTermTokens`.
  private lazy var longestTerm: Int = {
    var longest = 1
    for concept in glossary.concepts {
      for term in concept.terms {
        var separators = 0
        for byte in term.text.utf8 where byte == 0x20 || byte == 0x2D || byte == 0x2F { separators += 1 }
        longest = max(longest, separators + 3)
      }
    }
    return min(longest, Self.maximumTermTokens)
  }()
  private var tokens: [Token] = []

  /// Where the indexes are cached (see `TermMatcher+Cache.swift`), or nil.
  let cacheFolder: String?
  /// A hash of every term, which names the cache files.
  private(set) lazy var termsHash = Self.termsHash(glossary)

  /// A matcher for the terms of `glossary`.
  ///
  /// Its indexes by surface key and by stem key are read from `cacheFolder`
  /// (default: the analysis cache folder; nil to build them every time) or
  /// built on first use.
  ///
  /// - Complexity: O(1); the first use of an index reads it (O(1), mapped)
  ///   or builds it (O(*t*) in the number of terms).
  package init(glossary: Glossary, cacheFolder: String? = AnalysisResources.cacheFolder) {
    self.glossary = glossary
    self.cacheFolder = cacheFolder
  }

  /// The surface index from its cache file, or built from the terms (and
  /// cached).
  private func loadSurfaceIndex() -> TermIndex {
    let path = cachePath("surface")
    if let path, let cached = Self.readIndexes(path, count: 1, glossary: glossary) { return cached[0] }
    var builder = TermIndex.Builder()
    for (c, concept) in glossary.concepts.enumerated() {
      for (t, term) in concept.terms.enumerated() {
        let key = GlossaryKey.surface(term.text)
        if !key.isEmpty { builder.add(key, TermRef(concept: c, term: t)) }
      }
    }
    let index = builder.build()
    if let path { Self.writeIndexes([index], to: path) }
    return index
  }

  /// The term a reference points to.
  package func term(_ ref: TermRef) -> Term { glossary.concepts[ref.concept].terms[ref.term] }

  // MARK: - Analysis

  private func analyzer(_ language: Language) throws -> Analyzer {
    if let analyzer = analyzers[language] { return analyzer }
    let analyzer = try Analyzer(language: language)
    analyzers[language] = analyzer
    return analyzer
  }

  /// A text's word-level tokens: words, numbers and hyphen parts, not the
  /// joined forms or compound parts.
  private func words(_ text: String, _ language: Language) throws -> (tokens: [Token], analyzer: Analyzer) {
    let analyzer = try analyzer(language)
    tokens.removeAll(keepingCapacity: true)
    var text = text
    try text.withUTF8 { _ = try analyzer.analyze(UnsafeRawBufferPointer($0), into: &tokens) }
    return (tokens.filter { $0.kind != .joined && $0.kind != .compoundPart }, analyzer)
  }

  /// The stems of a text's words, concatenated: its stem key.
  private func stemKey(_ text: String, _ language: Language) throws -> String {
    let (words, analyzer) = try words(text, language)
    return words.map { analyzer.stem($0.stem) }.joined()
  }

  /// Terms whose surface key starts with the same three characters.
  private func candidates(sharingPrefixWith key: String) -> [TermRef] {
    let prefix = String(key.prefix(3))
    if prefixIndex.isEmpty {
      for id in 0..<Int32(surfaceIndex.count) {
        let surface = surfaceIndex.key(id)
        prefixIndex[String(surface.prefix(3)), default: []] += surfaceIndex[surface] ?? []
      }
    }
    return prefixIndex[prefix] ?? []
  }

  /// A term's stem key, cached.
  private func stemKey(_ term: Term, _ language: Language) throws -> String {
    let cacheKey = "\(language.code)\u{0}\(term.text)"
    if let known = stemKeyCache[cacheKey] { return known }
    let key = term.looksLikeAcronym ? "\u{0}" : try stemKey(term.text, language)
    stemKeyCache[cacheKey] = key
    return key
  }

  /// Builds (or reads) the stem index of every language now, writing it to
  /// the cache folder: what `beleid lexicon compile` does for the matcher.
  ///
  /// - Throws: `AnalysisError` if an analyzer cannot be made.
  package func prepare() throws {
    for language in Language.allCases { _ = try stemIndex(language) }
  }

  /// The terms by stem key under one language's analyzer.
  private func stemIndex(_ language: Language) throws -> TermIndex {
    if let index = stemIndexes[language] { return index }
    let path = cachePath("stems \(AnalysisResources.shared.fingerprint) \(language.code)")
    if let path, let cached = Self.readIndexes(path, count: 2, glossary: glossary) {
      stemIndexes[language] = cached[0]
      partialKeys[language] = cached[1]
      return cached[0]
    }
    var index = TermIndex.Builder()
    var partials = TermIndex.Builder()
    for (c, concept) in glossary.concepts.enumerated() {
      for (t, term) in concept.terms.enumerated() {
        let (tokens, analyzer) = try words(term.text, language)
        // The keys of the term's first words, so a scan knows when to stop.
        var surface = ""
        var stem = ""
        for token in tokens.dropLast() {
          surface += GlossaryKey.surface(analyzer.form(token.form))
          stem += analyzer.stem(token.stem)
          partials.add("s\u{0}" + surface)
          partials.add("t\u{0}" + stem)
        }
        guard !term.looksLikeAcronym else { continue }
        let key = tokens.map { analyzer.stem($0.stem) }.joined()
        if !key.isEmpty { index.add(key, TermRef(concept: c, term: t)) }
      }
    }
    let built = [index.build(), partials.build()]
    stemIndexes[language] = built[0]
    partialKeys[language] = built[1]
    if let path { Self.writeIndexes(built, to: path) }
    return built[0]
  }

  // MARK: - Lookup

  /// One concept a lookup found.
  package struct Match: Sendable {
    /// The concept's index in the glossary.
    package var concept: Int
    /// The term that matched.
    package var term: Term
    /// How.
    package var kind: MatchKind
  }

  /// A suggestion for a lookup that found nothing.
  package struct Suggestion: Sendable, Equatable {
    /// The term suggested, as written in the glossary.
    package var text: String
    /// Its concept's id.
    package var conceptID: String
    /// Edits between the lookup and the term (0 for a term it begins).
    package var distance: Int
  }

  /// What a lookup found.
  package struct LookupResult: Sendable {
    /// Matching concepts, the best match first.
    package var matches: [Match]
    /// "Did you mean" terms, when nothing matched.
    package var suggestions: [Suggestion]
  }

  /// Looks up a term in either language: exactly (case, diacritics, hyphens
  /// and spaces aside), inflected, inside a compound or a longer text, and
  /// else offers the nearest terms.
  ///
  /// - Throws: `GlossaryError` for an empty lookup or one longer than
  ///   `maximumLookupLength` characters.
  /// - Complexity: O(1) hash probes for exact and inflected matches (stem
  ///   keys are built once, O(*t*)); O(*k*·*m*²) over the *k* distinct keys
  ///   for suggestions, with *m* the key length.
  package func lookup(_ query: String) throws -> LookupResult {
    let trimmed = query.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !trimmed.isEmpty else { throw GlossaryError("the lookup is empty; give a term, e.g. ketenveiligheid") }
    guard trimmed.count <= Self.maximumLookupLength else {
      throw GlossaryError(
        "the lookup is \(trimmed.count) characters long; glossary terms have at most \(Self.maximumLookupLength)")
    }
    let key = GlossaryKey.surface(trimmed)
    guard !key.isEmpty else { throw GlossaryError("the lookup '\(trimmed)' has no letters or digits") }
    var matches: [Match] = []
    var seen: Set<Int> = []
    func add(_ refs: [TermRef], _ kind: MatchKind) {
      for ref in refs where seen.insert(ref.concept).inserted {
        matches.append(Match(concept: ref.concept, term: term(ref), kind: kind))
      }
    }
    add(surfaceIndex[key] ?? [], .exact)
    if matches.isEmpty {
      // Inflected forms share their first letters with the term, so only
      // those terms are stemmed: a lookup stays fast on large glossaries.
      let candidates = candidates(sharingPrefixWith: key)
      for language in [Language.dutch, .english] where !candidates.isEmpty {
        let stems = try stemKey(trimmed, language)
        let (tokens, analyzer) = try words(trimmed, language)
        let surfaces = tokens.map { GlossaryKey.surface(analyzer.form($0.form)) }
        var found: [TermRef] = []
        // A term is inflected by its own language's rules: the English
        // stemmer's indien(ing) is no inflection of the Dutch *indien*.
        for ref in candidates where term(ref).languageCode == language.code {
          guard try stemKey(term(ref), language) == stems else { continue }
          if try isInflection(surfaces, of: ref, language) { found.append(ref) }
        }
        add(found, .inflected)
      }
    }
    if matches.isEmpty {
      for language in [Language.dutch, .english] {
        for occurrence in try occurrences(in: trimmed, language: language, stems: false) {
          add(occurrence.refs, occurrence.kind == .compound ? .compound : .contained)
        }
      }
    }
    let suggestions = matches.isEmpty ? suggest(key) : []
    return LookupResult(matches: matches, suggestions: suggestions)
  }

  /// The nearest terms to a key: typos within a bound that grows with its
  /// length (optimal string alignment distance), then terms it begins.
  func suggest(_ key: String, limit: Int = 5) -> [Suggestion] {
    let query = Array(key.unicodeScalars)
    let bound = query.count <= 4 ? 1 : query.count <= 8 ? 2 : 3
    var found: [(key: String, distance: Int)] = []
    for id in 0..<Int32(surfaceIndex.count) {
      let candidate = surfaceIndex.key(id)
      let scalars = Array(candidate.unicodeScalars)
      if abs(scalars.count - query.count) <= bound, let distance = Self.distance(query, scalars, bound: bound) {
        found.append((candidate, distance))
      } else if query.count >= 4 && scalars.count > query.count && candidate.hasPrefix(key) {
        found.append((candidate, bound + 1))
      }
    }
    found.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.key.count < $1.key.count }
    var suggestions: [Suggestion] = []
    for (candidate, distance) in found {
      let ref = surfaceIndex[candidate]![0]
      let suggestion = Suggestion(
        text: term(ref).text, conceptID: glossary.concepts[ref.concept].id,
        distance: distance > bound ? 0 : distance)
      if !suggestions.contains(where: { $0.conceptID == suggestion.conceptID }) { suggestions.append(suggestion) }
      if suggestions.count == limit { break }
    }
    return suggestions
  }

  /// The optimal string alignment distance between `a` and `b`, or nil if
  /// it exceeds `bound`.
  static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], bound: Int) -> Int? {
    if a == b { return 0 }
    let n = b.count
    var previous2 = [Int](repeating: 0, count: n + 1)
    var previous = Array(0...n)
    var current = [Int](repeating: 0, count: n + 1)
    for i in 1...max(a.count, 1) where a.count > 0 {
      current[0] = i
      var rowMinimum = current[0]
      for j in stride(from: 1, through: n, by: 1) {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
          value = min(value, previous2[j - 2] + 1)
        }
        current[j] = value
        rowMinimum = min(rowMinimum, value)
      }
      if rowMinimum > bound { return nil }
      (previous2, previous, current) = (previous, current, previous2)
    }
    let result = a.isEmpty ? n : previous[n]
    return result <= bound ? result : nil
  }

  // MARK: - Finding terms in text

  /// A glossary term found in a text.
  package struct Occurrence: Sendable {
    /// Where, in UTF-8 bytes of the text.
    package var range: Range<Int>
    /// The matching terms (of one or more concepts).
    package var refs: [TermRef]
    /// How they matched.
    package var kind: MatchKind
    /// The concepts, each once, in glossary order.
    package var concepts: [Int] { Array(Set(refs.map(\.concept))).sorted() }
  }

  /// The glossary terms in `text`: longest match first, left to right.
  ///
  /// Matches do not overlap. Abbreviations (NCTV, CRA) match only when
  /// written in capitals, so that "bio" is not BIO.
  ///
  /// - Complexity: O(*n*·*L*) hash probes for *n* tokens and terms of at
  ///   most *L* tokens, plus O(*m*) per word of *m* characters for compounds.
  package func occurrences(in text: String, language: Language) throws -> [Occurrence] {
    try occurrences(in: text, language: language, stems: true)
  }

  private func occurrences(in text: String, language: Language, stems useStems: Bool) throws -> [Occurrence] {
    let stemIndex = useStems ? try stemIndex(language) : nil
    let partials = partialKeys[language]
    let (words, analyzer) = try words(text, language)
    let utf8 = Array(text.utf8)
    let surfaces = words.map { GlossaryKey.surface(analyzer.form($0.form)) }
    let stems = words.map { analyzer.stem($0.stem) }
    var result: [Occurrence] = []
    var i = 0
    while i < words.count {
      var best: (end: Int, refs: [TermRef], kind: MatchKind)?
      var surface = ""
      var stem = ""
      for j in i..<min(words.count, i + longestTerm) {
        // A gap other than spaces or a hyphen (a full stop, a comma) ends a term.
        if j > i && !Self.joinable(utf8, from: Int(words[j - 1].end), to: Int(words[j].start)) { break }
        surface += surfaces[j]
        stem += stems[j]
        if let found = surfaceIndex[surface] {
          let original = String(decoding: utf8[Int(words[i].start)..<Int(words[j].end)], as: UTF8.self)
          let exact = found.filter { accepts($0, original) }
          if !exact.isEmpty { best = (j, exact, .exact) }
        }
        if best?.end != j, let candidates = stemIndex?[stem] {
          let inflected = try candidates.filter { try isInflection(Array(surfaces[i...j]), of: $0, language) }
          if !inflected.isEmpty { best = (j, inflected, .inflected) }
        }
        // Stop when no term starts with these words.
        if let partials, !partials.contains("s\u{0}" + surface) && !partials.contains("t\u{0}" + stem) { break }
      }
      if let best {
        result.append(
          Occurrence(range: Int(words[i].start)..<Int(words[best.end].end), refs: best.refs, kind: best.kind))
        i = best.end + 1
        continue
      }
      if language == .dutch, let refs = compoundRefs(surfaces[i], stem: stems[i]) {
        result.append(Occurrence(range: Int(words[i].start)..<Int(words[i].end), refs: refs, kind: .compound))
      }
      i += 1
    }
    return result
  }

  /// Whether words with a term's stems are an inflection of it rather than
  /// another word that stems alike: each word may differ from the term's
  /// only in its last three letters (policies ~ policy, aanbestedingen ~
  /// aanbesteding), which keeps Porter's conference → confer from matching
  /// the term "confer".
  private func isInflection(_ words: [String], of ref: TermRef, _ language: Language) throws -> Bool {
    let cacheKey = "\(language.code)\u{0}\(term(ref).text)"
    let termWords: [String]
    if let known = termSurfaces[cacheKey] {
      termWords = known
    } else {
      let (tokens, analyzer) = try self.words(term(ref).text, language)
      termWords = tokens.map { GlossaryKey.surface(analyzer.form($0.form)) }
      termSurfaces[cacheKey] = termWords
    }
    // Written in another number of words (cyber security, cybersecurity):
    // the words run together must still inflect the term's; stems run
    // together are not enough (deze informatie is not desinformatie).
    func inflects(_ word: String, _ termWord: String) -> Bool {
      Glossary.isInflection(word, of: termWord) && !(language == .dutch && Self.isDerivation(word, of: termWord))
    }
    guard termWords.count == words.count else {
      return inflects(words.joined(), termWords.joined())
    }
    return zip(words, termWords).allSatisfy { inflects($0, $1) }
  }

  /// Dutch endings that derive a new word rather than inflect one: the
  /// act (indien → indien*ing*), the person or agent (Nederland*er*,
  /// gebruik*ers*, vervoer*der*, contract*ant*) and the adjective
  /// (veerkracht*ig*). Snowball stems some of them alike.
  static let derivationalEndings: Set<String> = ["ing", "er", "ers", "der", "ders", "ter", "ters", "ant", "ig", "ige"]

  /// Whether a Dutch word is the term word with a derivational ending.
  static func isDerivation(_ word: String, of termWord: String) -> Bool {
    word.count > termWord.count && word.hasPrefix(termWord)
      && derivationalEndings.contains(String(word.dropFirst(termWord.count)))
  }

  /// Whether the bytes between two words are only spaces and hyphens.
  private static func joinable(_ utf8: [UInt8], from: Int, to: Int) -> Bool {
    guard from <= to else { return true }
    return utf8[from..<to].allSatisfy { $0 == 0x20 || $0 == 0x2D || $0 == 0x0A || $0 == 0x09 }
  }

  /// An abbreviation matches only text in capitals.
  private func accepts(_ ref: TermRef, _ original: String) -> Bool {
    let term = term(ref)
    guard term.looksLikeAcronym else { return true }
    let letters = original.unicodeScalars.filter { $0.properties.isAlphabetic }
    return letters.allSatisfy { $0.properties.isUppercase }
  }

  /// The Dutch single-word terms a word begins or ends with, the longest.
  private func compoundRefs(_ surface: String, stem: String) -> [TermRef]? {
    let scalars = Array(surface.unicodeScalars)
    let count = scalars.count
    guard count >= Self.minimumCompoundPart + Self.minimumRemainder else { return nil }
    func dutchWords(_ refs: [TermRef]?) -> [TermRef]? {
      let kept = (refs ?? []).filter {
        let term = term($0)
        return term.languageCode == "nl" && !term.looksLikeAcronym && !term.text.contains(" ")
      }
      return kept.isEmpty ? nil : kept
    }
    let longest = count - Self.minimumRemainder
    for length in stride(from: longest, through: Self.minimumCompoundPart, by: -1) {
      let prefix = String(String.UnicodeScalarView(scalars[0..<length]))
      if let refs = dutchWords(surfaceIndex[prefix]),
        Self.isCompoundHead(String(String.UnicodeScalarView(scalars[length...])), after: prefix)
      {
        return refs
      }
      let suffix = String(String.UnicodeScalarView(scalars[(count - length)...]))
      if let refs = dutchWords(surfaceIndex[suffix]),
        Self.isCompoundModifier(String(String.UnicodeScalarView(scalars[0..<(count - length)])))
      {
        return refs
      }
    }
    // An inflected last part: overheidsaanbestedingen → aanbesteding.
    let stemScalars = Array(stem.unicodeScalars)
    if stemScalars.count >= Self.minimumCompoundPart + Self.minimumRemainder,
      let dutchStems = stemIndexes[.dutch]
    {
      for length in stride(
        from: stemScalars.count - Self.minimumRemainder, through: Self.minimumCompoundPart - 1, by: -1)
      {
        let suffix = String(String.UnicodeScalarView(stemScalars[(stemScalars.count - length)...]))
        if let refs = dutchWords(dutchStems[suffix]),
          Self.isCompoundModifier(String(String.UnicodeScalarView(stemScalars[0..<(stemScalars.count - length)])))
        {
          return refs
        }
      }
    }
    return nil
  }

  /// Derivational prefixes: *ver*gunning is no compound of *gunning*,
  /// *her*overweging none of *overweging*.
  static let derivationalPrefixes: Set<String> = ["ver", "ont", "her", "mis"]
  /// Derivational suffixes that are also words or long enough to pass for
  /// one: *persoon*lijk, *veerkracht*ige.
  static let derivationalSuffixes = Set<String>([
    "heid", "heden", "lijk", "lijke", "lijks", "elijk", "elijke", "lijkheid", "igheid", "baar", "bare", "baarheid",
    "schap", "schappen", "achtig", "achtige", "loos", "loze", "isch", "ische", "isering", "isatie",
  ]).union(derivationalEndings)

  /// Whether what comes before a term at the end of a word is a word of
  /// a compound (*keten*veiligheid, *cyber*beveiligingsincident), not a
  /// derivational prefix (*ver*gunning).
  static func isCompoundModifier(_ part: String) -> Bool {
    !derivationalPrefixes.contains(part)
  }

  /// Whether what follows a term at the start of a word makes a compound
  /// (beleid*smakers*, algoritme*governance*) or an inflection of the term
  /// (cyberaanval*len*), not a derivation (contract*ant*, minister*ies*,
  /// persoon*lijk*, Nederland*ers*).
  ///
  /// After a linking *s*, *e*, *en* or hyphen, the rest must be a word of
  /// the Dutch word list or five letters or more, and no derivational suffix.
  static func isCompoundHead(_ rest: String, after term: String) -> Bool {
    // A plural with a doubled consonant: protocol-len, exitplan-nen.
    if let last = term.last, rest == String(last) + "en" { return true }
    var head = rest
    let lexicon = AnalysisResources.shared.dutchLexicon
    func isWord(_ word: String) -> Bool { lexicon.count > 1_000 && lexicon.find(word) >= 0 }
    if !isWord(head) && !derivationalSuffixes.contains(head) {
      for link in ["en", "s", "e", "-"] where head.hasPrefix(link) && head.count - link.count >= 3 {
        head = String(head.dropFirst(link.count))
        break
      }
    }
    if derivationalSuffixes.contains(head) { return false }
    return isWord(head) || head.count >= 5 || lexicon.count <= 1_000
  }
}
