import BeleidAnalysis
import Foundation

/// Translation probabilities between English and Dutch, compiled from open
/// bilingual lexicons (`beleid lexicon import`), for cross-language search.
///
/// Each resource that lists an English word `e` gives its Dutch
/// translations the distribution `p_r(d | e) = n_r(e, d) / n_r(e)`, where
/// `n` weighs the resource's lines (for Open Multilingual Wordnet by
/// WordNet's sense order, see `compile`). The lexicon's `p(d | e)` is their
/// mean over the resources that know `e`: translations that several
/// resources agree on rise, and a thesaurus (GEMET, EuroVoc) that gives one
/// translation counts as much as a wordnet that gives twelve. These are the
/// translation probabilities of Darwish and Oard's probabilistic structured
/// queries (2003); the searcher weighs each translation's term frequency by
/// them. The same lines read backwards, each counting once, give `p(e | d)`
/// for Dutch words.
///
/// The compiled file (layout in docs/analysis-cache.md) is mapped on use:
/// sources and their attribution lines, then per direction the
/// translations, key → translations with probability and sources, and stem
/// → keys for inflected words.
///
/// Not `Sendable`: it builds analyzers on first use.
package final class TranslationLexicon {
  /// A translation of a word or phrase.
  package struct Translation: Sendable, Equatable {
    /// The translation as a resource writes it.
    package var text: String
    /// `p(translation | word)`, between 0 and 1.
    package var probability: Double
    /// The resources that list it, by name ("omw", "freedict eng-nld").
    package var sources: [String]
  }

  /// One direction's tables.
  struct Table {
    /// The translations; an id is a place in this table.
    let targets: ByteStringTable
    /// Folded key → `target id << 32 | sources << 16 | p × 65535`, most
    /// probable first.
    let entries: GroupedTable
    /// Stem of a one-word key → key ids.
    var byStem: GroupedTable
    /// The most words a key has (phrases such as "administrative body").
    let longestKey: Int
  }

  /// The resources: names in the order of their bits in an entry.
  package let sources: [String]
  /// The attribution line of each imported resource.
  package let attributions: [String]
  /// The analysis fingerprint the stems were made with.
  var fingerprint: String
  /// English → Dutch and Dutch → English, by the language translated from.
  var tables: [Language: Table]
  private var analyzers: [Language: Analyzer] = [:]

  /// Probabilities are stored in 16 bits.
  static let probabilityScale = 65_535.0
  /// Resources are bits of a 16-bit mask.
  static let maximumSources = 16

  init(sources: [String], attributions: [String], fingerprint: String, tables: [Language: Table]) {
    self.sources = sources
    self.attributions = attributions
    self.fingerprint = fingerprint
    self.tables = tables
  }

  /// Where `beleid lexicon import` puts the compiled lexicon and searches
  /// read it: `$BELEID_LEXICON`, else `$XDG_DATA_HOME/beleid/lexicon.tables`,
  /// else `~/.local/share/beleid/lexicon.tables`; nil for
  /// `BELEID_LEXICON=off` (FreeDict alone then).
  package static var defaultPath: String? {
    if let path = ProcessEnvironment.value("BELEID_LEXICON") { return path == "off" ? nil : path }
    if let xdg = ProcessEnvironment.value("XDG_DATA_HOME") { return xdg + "/beleid/lexicon.tables" }
    if let home = ProcessEnvironment.value("HOME") { return home + "/.local/share/beleid/lexicon.tables" }
    return nil
  }

  /// How many words and phrases of `language` the lexicon translates.
  package func count(from language: Language = .english) -> Int { tables[language]?.entries.count ?? 0 }

  /// The most words a key of `language` has.
  package func longestKey(from language: Language) -> Int { tables[language]?.longestKey ?? 1 }

  /// The translations of a word or phrase of `language`, most probable first.
  ///
  /// A phrase is looked up as written (folded). A word is looked up as
  /// written and as the keys of its stem it inflects (roads: the key
  /// "roads", the roadstead, and "road"; verplichtingen: verplichting),
  /// their distributions averaged: an inflected form that is a key of its
  /// own often has only a sense of its own. A word that is no key and
  /// inflects none takes every key of its stem.
  ///
  /// - Complexity: O(*t*) in the translations found; a word is stemmed once.
  package func translations(of text: String, from language: Language = .english) throws -> [Translation] {
    guard let table = tables[language] else { return [] }
    let key = Self.key(text)
    let exact = table.entries.keys.find(key)
    var chosen: [Int32] = exact >= 0 ? [exact] : []
    if !key.contains(" "), let ids = table.byStem.values(of: try stem(key, language)) {
      let keys = ids.filter { $0 < UInt64(table.entries.count) }.map { Int32($0) }.filter { $0 != exact }
      let lemmas = keys.filter { Self.isInflection(key, of: table.entries.keys.string($0), in: language) }
      chosen += lemmas.isEmpty && chosen.isEmpty ? keys : lemmas
    }
    if chosen.count == 1 { return decode(table.entries.values(ofID: chosen[0]), table) }
    var merged: [String: Translation] = [:]
    for id in chosen {
      for translation in decode(table.entries.values(ofID: id), table) {
        var known = merged[translation.text] ?? Translation(text: translation.text, probability: 0, sources: [])
        known.probability += translation.probability / Double(chosen.count)
        known.sources += translation.sources.filter { !known.sources.contains($0) }
        merged[translation.text] = known
      }
    }
    return merged.values.sorted {
      $0.probability != $1.probability ? $0.probability > $1.probability : $0.text < $1.text
    }
  }

  /// Whether `word` is `lemma` with an inflection of `language`: roads of
  /// road, agencies of agency, applied of apply, not convention of convent;
  /// verplichtingen of verplichting, regels of regel.
  package static func isInflection(_ word: String, of lemma: String, in language: Language = .english) -> Bool {
    guard word.count > lemma.count else { return false }
    let endings = language == .english ? ["s", "es", "d", "ed", "ing"] : ["en", "n", "s", "e"]
    if word.hasPrefix(lemma), endings.contains(String(word.dropFirst(lemma.count))) {
      return true
    }
    guard language == .english, lemma.hasSuffix("y") else { return false }
    let stem = lemma.dropLast()
    return [stem + "ies", stem + "ied"].contains(Substring(word))
  }

  private func decode(_ values: [UInt64], _ table: Table) -> [Translation] {
    values.compactMap { value in
      let id = Int32(truncatingIfNeeded: value >> 32)
      guard id >= 0, Int(id) < table.targets.count else { return nil }
      let mask = Int(value >> 16 & 0xFFFF)
      let names = sources.indices.filter { mask & (1 << $0) != 0 }.map { sources[$0] }
      return Translation(
        text: table.targets.string(id), probability: Double(value & 0xFFFF) / Self.probabilityScale, sources: names)
    }
  }

  /// A key as the table stores it: folded, single spaces.
  static func key(_ text: String) -> String {
    TextFolding.fold(text).split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }

  func stem(_ word: String, _ language: Language) throws -> String {
    if analyzers[language] == nil { analyzers[language] = try Analyzer(language: language) }
    return try FreeDictionary.stem(word, analyzers[language]!)
  }

  /// The stem table over the one-word keys of `entries`, in `language`.
  func buildStemTable(_ entries: GroupedTable, _ language: Language) throws -> GroupedTable {
    var table: [String: [UInt64]] = [:]
    for id in 0..<entries.count {
      let key = entries.keys.string(Int32(id))
      guard !key.contains(" ") else { continue }
      table[try stem(key, language), default: []].append(UInt64(id))
    }
    return GroupedTable(groups: table.keys.sorted().map { (Array($0.utf8), table[$0]!) })
  }
}
