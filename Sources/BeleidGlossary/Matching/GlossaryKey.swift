import BeleidAnalysis

/// The keys terms are matched by.
package enum GlossaryKey {
  /// A term folded (case, diacritics) with everything but letters and
  /// digits removed: "NIS 2-richtlijn" and "nis2 richtlijn" both give
  /// "nis2richtlijn".
  ///
  /// - Complexity: O(*n*); ASCII text skips ICU.
  package static func surface(_ text: String) -> String {
    var ascii = true
    for byte in text.utf8 where byte >= 0x80 {
      ascii = false
      break
    }
    if ascii {
      var bytes: [UInt8] = []
      bytes.reserveCapacity(text.utf8.count)
      for byte in text.utf8 {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): bytes.append(byte)
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(byte + 32)
        default: break
        }
      }
      return String(decoding: bytes, as: UTF8.self)
    }
    var out = ""
    for scalar in TextFolding.fold(text).unicodeScalars
    where scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
      out.unicodeScalars.append(scalar)
    }
    return out
  }
}
