/// The inflected forms a Dutch infinitive may take, by the spelling rules
/// of regular verbs: *bepalen* → *bepaal*, *bepaalt*, *bepaalde*,
/// *bepaalden*, *bepaald*.
///
/// Snowball's Dutch stemmer gives the infinitive and its present forms
/// different stems (*bepalen* → *bepal*, *bepaalt* → *bepaalt*), so a
/// search for the infinitive misses them. The forms here are candidates,
/// not facts: where a stem's vowel may or may not double (*verlenen* →
/// *verleen*, *openen* → *open*) both spellings come back, and so do weak
/// past forms of strong verbs (*vindde*). Callers keep the forms a
/// collection actually uses.
package enum DutchVerbForms {
  /// Candidate inflected forms of `infinitive` (folded, lower case), without
  /// the infinitive itself; empty when it does not look like one (no *-en*
  /// ending, too short, letters outside a–z).
  ///
  /// - Complexity: O(*n*) for a word of *n* letters.
  package static func forms(ofInfinitive infinitive: String) -> [String] {
    let letters = Array(infinitive.utf8)
    guard letters.count >= 5, letters.allSatisfy({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }),
      letters[letters.count - 2] == UInt8(ascii: "e"), letters[letters.count - 1] == UInt8(ascii: "n")
    else { return [] }
    let base = Array(letters.dropLast(2))
    guard let last = base.last, !isVowel(last), base.contains(where: isVowel) else { return [] }
    // 't kofschip: a voiceless final consonant takes -te and -t, any other -de and -d.
    let voiceless =
      "tkfspx".utf8.contains(last) || (last == UInt8(ascii: "h") && base[base.count - 2] == UInt8(ascii: "c"))
    var stems: [[UInt8]] = []
    if base.count >= 2 && base[base.count - 2] == last {
      stems.append(Array(base.dropLast()))  // zetten → zet, bellen → bel
    } else {
      // An open syllable before -en keeps its long vowel by doubling it
      // once closed: bepal → bepaal. Only an e may be an unstressed schwa
      // that stays single (openen → open, but verlenen → verleen), so for
      // an e both come back.
      let vowel = base.count - 2
      if vowel >= 1, "aeou".utf8.contains(base[vowel]), !isVowel(base[vowel - 1]) {
        if base[vowel] == UInt8(ascii: "e") { stems.append(base) }
        var doubled = base
        doubled.insert(base[vowel], at: vowel)
        stems.append(doubled)
      } else {
        stems.append(base)
      }
    }
    var result: [String] = []
    for var stem in stems {
      // A word does not end in v or z: leev → leef, reiz → reis.
      if stem.last == UInt8(ascii: "v") { stem[stem.count - 1] = UInt8(ascii: "f") }
      if stem.last == UInt8(ascii: "z") { stem[stem.count - 1] = UInt8(ascii: "s") }
      let word = String(decoding: stem, as: UTF8.self)
      let endsInT = stem.last == UInt8(ascii: "t")
      let endsInD = stem.last == UInt8(ascii: "d")
      let dental = voiceless ? "t" : "d"
      let hasPrefix = ["be", "ge", "ver", "ont", "her", "er"].contains {
        word.hasPrefix($0) && word.count > $0.count + 2
      }
      let participle = (hasPrefix ? "" : "ge") + word + (endsInT || endsInD ? "" : dental)
      for form in [word, endsInT ? word : word + "t", word + dental + "e", word + dental + "en", participle]
      where form != infinitive && !result.contains(form) {
        result.append(form)
      }
    }
    return result
  }

  private static func isVowel(_ byte: UInt8) -> Bool { "aeiouy".utf8.contains(byte) }
}
