import BeleidAnalysis
import Foundation

/// English→Dutch translation probabilities compiled from open bilingual
/// lexicons (`beleid lexicon import`), for cross-language search.
///
/// Each resource `r` that lists an English word `e` gives its Dutch
/// translations the distribution `p_r(d | e) = n_r(e, d) / n_r(e)`, where
/// `n` counts the resource's lines (for Open Multilingual Wordnet one line
/// per synset, so a translation shared by more senses weighs more). The
/// lexicon's `p(d | e)` is their mean over the resources that know `e`:
/// translations that several resources agree on rise, and a thesaurus
/// (GEMET, EuroVoc) that gives one translation counts as much as a
/// wordnet that gives twelve. These are the translation probabilities of
/// Darwish and Oard's probabilistic structured queries (2003); the
/// searcher weighs each translation's term frequency by them.
///
/// The compiled file (layout in docs/analysis-cache.md) is mapped on use:
/// sources and their attribution lines, the Dutch translations, English
/// key → translations with probability and sources, and English stem →
/// keys for inflected words.
///
/// Not `Sendable`: it builds an analyzer on first use.
package final class TranslationLexicon {
  /// A translation of an English word or phrase.
  package struct Translation: Sendable, Equatable {
    /// The Dutch translation as a resource writes it.
    package var text: String
    /// `p(d | e)`, between 0 and 1.
    package var probability: Double
    /// The resources that list it, by name ("omw", "freedict eng-nld").
    package var sources: [String]
  }

  /// The resources: names in the order of their bits in an entry.
  package let sources: [String]
  /// The attribution line of each imported resource.
  package let attributions: [String]
  /// The analysis fingerprint the stems were made with.
  let fingerprint: String
  /// The Dutch translations; an id is a place in this table.
  let dutch: ByteStringTable
  /// Folded English key → `dutch id << 32 | sources << 16 | p × 65535`,
  /// most probable first.
  let entries: GroupedTable
  /// English stem of a one-word key → key ids.
  var byStem: GroupedTable
  /// The most words an English key has (phrases such as "administrative body").
  package let longestKey: Int
  private var analyzer: Analyzer?

  /// Probabilities are stored in 16 bits.
  static let probabilityScale = 65_535.0
  /// Resources are bits of a 16-bit mask.
  static let maximumSources = 16

  init(
    sources: [String], attributions: [String], fingerprint: String, dutch: ByteStringTable,
    entries: GroupedTable, byStem: GroupedTable, longestKey: Int
  ) {
    self.sources = sources
    self.attributions = attributions
    self.fingerprint = fingerprint
    self.dutch = dutch
    self.entries = entries
    self.byStem = byStem
    self.longestKey = longestKey
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

  /// How many English keys the lexicon has.
  package var count: Int { entries.count }

  /// The translations of an English word or phrase, most probable first.
  ///
  /// A phrase is looked up as written (folded). A word is looked up as
  /// written and as the keys of its stem it inflects (roads: the key
  /// "roads", the roadstead, and "road"), their distributions averaged:
  /// an inflected form that is a key of its own often has only a sense of
  /// its own. A word that is no key and inflects none takes every key of
  /// its stem.
  ///
  /// - Complexity: O(*t*) in the translations found; a word is stemmed once.
  package func translations(of text: String) throws -> [Translation] {
    let key = Self.key(text)
    let exact = entries.keys.find(key)
    var chosen: [Int32] = exact >= 0 ? [exact] : []
    if !key.contains(" "), let ids = byStem.values(of: try stem(key)) {
      let keys = ids.filter { $0 < UInt64(entries.count) }.map { Int32($0) }.filter { $0 != exact }
      let lemmas = keys.filter { Self.isInflection(key, of: entries.keys.string($0)) }
      chosen += lemmas.isEmpty && chosen.isEmpty ? keys : lemmas
    }
    if chosen.count == 1 { return decode(entries.values(ofID: chosen[0])) }
    var merged: [String: Translation] = [:]
    for id in chosen {
      for translation in decode(entries.values(ofID: id)) {
        var known = merged[translation.text] ?? Translation(text: translation.text, probability: 0, sources: [])
        known.probability += translation.probability / Double(chosen.count)
        known.sources += translation.sources.filter { !known.sources.contains($0) }
        merged[translation.text] = known
      }
    }
    return merged.values.sorted { $0.probability != $1.probability ? $0.probability > $1.probability : $0.text < $1.text }
  }

  /// Whether `word` is `lemma` with an English inflection: roads of road,
  /// agencies of agency, applied of apply; not convention of convent.
  package static func isInflection(_ word: String, of lemma: String) -> Bool {
    guard word.count > lemma.count else { return false }
    if word.hasPrefix(lemma), ["s", "es", "d", "ed", "ing"].contains(String(word.dropFirst(lemma.count))) {
      return true
    }
    guard lemma.hasSuffix("y") else { return false }
    let stem = lemma.dropLast()
    return [stem + "ies", stem + "ied"].contains(Substring(word))
  }

  private func decode(_ values: [UInt64]) -> [Translation] {
    values.compactMap { value in
      let id = Int32(truncatingIfNeeded: value >> 32)
      guard id >= 0, Int(id) < dutch.count else { return nil }
      let mask = Int(value >> 16 & 0xFFFF)
      let names = sources.indices.filter { mask & (1 << $0) != 0 }.map { sources[$0] }
      return Translation(
        text: dutch.string(id), probability: Double(value & 0xFFFF) / Self.probabilityScale, sources: names)
    }
  }

  /// An English key as the table stores it: folded, single spaces.
  static func key(_ text: String) -> String {
    TextFolding.fold(text).split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }

  func stem(_ word: String) throws -> String {
    if analyzer == nil { analyzer = try Analyzer(language: .english) }
    return try FreeDictionary.stem(word, analyzer!)
  }

  /// The stem table over the one-word keys of `entries`.
  func buildStemTable() throws -> GroupedTable {
    var table: [String: [UInt64]] = [:]
    for id in 0..<entries.count {
      let key = entries.keys.string(Int32(id))
      guard !key.contains(" ") else { continue }
      table[try stem(key), default: []].append(UInt64(id))
    }
    return GroupedTable(groups: table.keys.sorted().map { (Array($0.utf8), table[$0]!) })
  }
}
