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
public final class DutchStemmer {
  private let snowball: SnowballStemmer
  private let resources: AnalysisResources
  private var scratch: [UInt8] = []

  /// Creates a stemmer over the shared resources.
  public init(resources: AnalysisResources = .shared) throws {
    snowball = try SnowballStemmer(algorithm: "dutch")
    self.resources = resources
  }

  /// Stems a folded (lower-case, diacritics removed) Dutch word.
  public func stem(_ word: String) -> String {
    if let override = resources.dutchStemOverrides[word] { return override }
    if resources.dutchProtectedWords.contains(word) { return word }
    var bytes = Array(word.utf8)
    if bytes.count > 2 && bytes[bytes.count - 2] == UInt8(ascii: "'") && bytes.last == UInt8(ascii: "s") {
      bytes.removeLast(2)
      if let override = resources.dutchStemOverrides[String(decoding: bytes, as: UTF8.self)] {
        return override
      }
    }
    if bytes.last == UInt8(ascii: "'") { bytes.removeLast() }
    if bytes.count > 5 && (bytes.hasSuffix("ieen") || bytes.hasSuffix("eeen")) {
      bytes.removeLast(2)
    } else if bytes.count > 6 && bytes.hasSuffix("iele") {
      bytes.removeLast(4)
      bytes.append(contentsOf: "ieel".utf8)
    } else if bytes.count >= 5 && bytes.hasSuffix("es") && endsInWord(bytes.dropLast()) {
      bytes.removeLast()
    }
    for (suffix, stem) in Self.suffixOverrides where bytes.count > suffix.count && bytes.hasSuffix(suffix) {
      return String(decoding: bytes.dropLast(suffix.utf8.count), as: UTF8.self) + stem
    }
    scratch.removeAll(keepingCapacity: true)
    bytes.withUnsafeBytes { snowball.stem($0, into: &scratch) }
    let n = scratch.count
    if n > 3 && scratch[n - 1] == scratch[n - 2] && !Self.isVowel(scratch[n - 1]) {
      scratch.removeLast()
    }
    if let last = scratch.last, scratch.count > 2 {
      if last == UInt8(ascii: "v") { scratch[scratch.count - 1] = UInt8(ascii: "f") }
      if last == UInt8(ascii: "z") { scratch[scratch.count - 1] = UInt8(ascii: "s") }
    }
    return String(decoding: scratch, as: UTF8.self)
  }

  /// Endings that keep a fixed stem inside compounds.
  private static let suffixOverrides: [(String, String)] = [
    ("overheden", "overheid"), ("overheid", "overheid"), ("ketens", "keten"), ("keten", "keten"),
  ]

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

extension Collection where Element == UInt8, Index == Int {
  func hasSuffix(_ suffix: String) -> Bool {
    let tail = Array(suffix.utf8)
    return count >= tail.count && self[(endIndex - tail.count)...].elementsEqual(tail)
  }
}
