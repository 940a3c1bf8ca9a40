/// Snowball's Dutch stemmer with the fixes Dutch policy text needs.
///
/// Debian's libstemmer 2.2 `dutch` is Martin Porter's algorithm (Snowball 3
/// calls it `dutch_porter`). On policy vocabulary it fails in a few classes;
/// this type corrects them around the Snowball call, in this order:
///
/// 1. **Overrides**: a dictionary (Resources/dutch-stem-overrides.tsv) maps a
///    word straight to its stem: overheid → overheid, not "over".
/// 2. **Protected words** (acronyms, loanwords) are returned unchanged.
/// 3. **Clitic plurals**: risico's → risico, auto's → auto.
/// 4. **-ieën / -eeën plurals**: technologieën → technologie.
/// 5. **-iële adjectives**: essentiële → essentieel, as Porter keeps it.
/// 6. **Vowel + s plurals**: ministeries → ministerie, gemeentes →
///    gemeente, when the singular (or its last five letters or more) is an
///    OpenTaal word. Porter only strips -s after a consonant.
/// 7. **Suffix overrides** for compounds: rijksoverheid keeps "overheid",
///    toeleveringsketen keeps "keten".
/// 8. Snowball itself.
/// 9. **Double consonants** at the end of the stem are undoubled (Dutch words
///    never end in one): geschillen → geschil, not geschill.
/// 10. **f/v and s/z alternation** at the end of the stem: bedrijven →
///    bedrijf (bedrijv), adviezen → advies (adviez), as Kraaij-Pohlmann does.
///
/// Not `Sendable`: it holds a Snowball handle. Use one per thread.
package final class DutchStemmer {
  private let snowball: SnowballStemmer
  private let resources: AnalysisResources
  private var scratch: [UInt8] = []
  private var word: [UInt8] = []

  /// Creates a stemmer over the shared resources.
  package init(resources: AnalysisResources = .shared) throws {
    snowball = try SnowballStemmer(algorithm: "dutch")
    self.resources = resources
  }

  /// Stems a folded (lower-case, diacritics removed) Dutch word.
  package func stem(_ word: String) -> String {
    var word = word
    var output: [UInt8] = []
    word.withUTF8 { stem(UnsafeRawBufferPointer($0), into: &output) }
    return String(decoding: output, as: UTF8.self)
  }

  /// Stems a folded Dutch word and appends the stem to `output`.
  package func stem(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) {
    if let override = resources.dutchStemOverride(input) {
      output.append(contentsOf: override)
      return
    }
    if resources.dutchProtectedWords.find(input) >= 0 {
      output.append(contentsOf: input)
      return
    }
    word.removeAll(keepingCapacity: true)
    word.append(contentsOf: input)
    let n = word.count
    if n > 2 && word[n - 2] == UInt8(ascii: "'") && word[n - 1] == UInt8(ascii: "s") {
      word.removeLast(2)
      if let override = word.withUnsafeBytes({ resources.dutchStemOverride($0) }) {
        output.append(contentsOf: override)
        return
      }
    }
    if word.last == UInt8(ascii: "'") { word.removeLast() }
    if word.count > 5 && (word.hasSuffix(Self.ieen) || word.hasSuffix(Self.eeen)) {
      word.removeLast(2)
    } else if word.count > 6 && word.hasSuffix(Self.iele) {
      word.removeLast(4)
      word.append(contentsOf: Self.ieel)
    } else if word.count >= 5 && word.hasSuffix(Self.es) && endsInWord(word.dropLast()) {
      word.removeLast()
    }
    for (suffix, stem) in Self.suffixOverrides where word.count > suffix.count && word.hasSuffix(suffix) {
      output.append(contentsOf: word.dropLast(suffix.count))
      output.append(contentsOf: stem)
      return
    }
    scratch.removeAll(keepingCapacity: true)
    word.withUnsafeBytes { snowball.stem($0, into: &scratch) }
    let m = scratch.count
    if m > 3 && scratch[m - 1] == scratch[m - 2] && !Self.isVowel(scratch[m - 1]) {
      scratch.removeLast()
    }
    if let last = scratch.last, scratch.count > 2 {
      if last == UInt8(ascii: "v") { scratch[scratch.count - 1] = UInt8(ascii: "f") }
      if last == UInt8(ascii: "z") { scratch[scratch.count - 1] = UInt8(ascii: "s") }
    }
    output.append(contentsOf: scratch)
  }

  private static let ieen = Array("ieen".utf8)
  private static let eeen = Array("eeen".utf8)
  private static let iele = Array("iele".utf8)
  private static let ieel = Array("ieel".utf8)
  private static let es = Array("es".utf8)

  /// Endings that keep a fixed stem inside compounds.
  static let suffixOverrides: [([UInt8], [UInt8])] = [
    ("overheden", "overheid"), ("overheid", "overheid"), ("ketens", "keten"), ("keten", "keten"),
  ].map { (Array($0.utf8), Array($1.utf8)) }

  /// Whether `word`, or an ending of it of five letters or more (the head
  /// of a compound: defensieministerie), is an OpenTaal word.
  private func endsInWord(_ word: ArraySlice<UInt8>) -> Bool {
    var start = word.startIndex
    while word.endIndex - start >= 5 {
      let known = word[start...].withUnsafeBytes { resources.dutchLexicon.find($0) >= 0 }
      if known { return true }
      start += 1
    }
    return false
  }

  private static func isVowel(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"),
      UInt8(ascii: "y"):
      true
    default: false
    }
  }
}

extension Array where Element == UInt8 {
  func hasSuffix(_ tail: [UInt8]) -> Bool {
    guard count >= tail.count else { return false }
    var i = count - tail.count
    for byte in tail {
      if self[i] != byte { return false }
      i += 1
    }
    return true
  }
}
