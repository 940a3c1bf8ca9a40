import Foundation

/// WordNet 3.0's sense order: for an English lemma and part of speech, its
/// synsets, the most frequent sense first (read from the `index.noun`,
/// `index.verb`, `index.adj` and `index.adv` files of Debian's
/// `wordnet-base`, at import time only).
///
/// The Open Multilingual Wordnet joins Dutch words to English lemmas by
/// synset, so one English word brings the Dutch words of all its senses;
/// the sense order says which sense the word most likely means.
package struct SenseOrder: Sendable {
  /// Where Debian's wordnet-base puts its files.
  package static let folder = "/usr/share/wordnet"

  /// "lemma pos offset" → the sense's place, 1 for the most frequent.
  private var ranks: [String: Int] = [:]

  /// The sense order in `folder`; nil when its index files are missing.
  package init?(folder: String) {
    var found = false
    for (file, pos) in [("index.noun", "n"), ("index.verb", "v"), ("index.adj", "a"), ("index.adv", "r")] {
      guard let data = FileManager.default.contents(atPath: (folder as NSString).appendingPathComponent(file)) else {
        continue
      }
      found = true
      for line in data.split(separator: UInt8(ascii: "\n")) where line.first != UInt8(ascii: " ") {
        // lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt offset...
        let fields = line.split(separator: UInt8(ascii: " ")).map { String(decoding: $0, as: UTF8.self) }
        guard fields.count > 4, let synsetCount = Int(fields[2]), synsetCount > 0, fields.count >= synsetCount + 4
        else { continue }
        let lemma = fields[0]
        for (index, offset) in fields.suffix(synsetCount).enumerated() {
          ranks["\(lemma) \(pos) \(offset)"] = index + 1
        }
      }
    }
    guard found else { return nil }
  }

  init(ranks: [String: Int]) {
    self.ranks = ranks
  }

  /// The place of `synset` ("01129920-n"; adjective satellites "-s" too)
  /// among the senses of `english` (folded, words joined by spaces), or
  /// nil when WordNet does not list it.
  package func rank(of english: String, in synset: String) -> Int? {
    let parts = synset.split(separator: "-")
    guard parts.count == 2 else { return nil }
    let pos = parts[1] == "s" ? "a" : String(parts[1])
    return ranks["\(english.replacingOccurrences(of: " ", with: "_")) \(pos) \(parts[0])"]
  }
}
