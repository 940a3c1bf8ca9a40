import CICU

/// Unicode case and diacritic folding through ICU.
///
/// The corresponding ICU calls are `unorm2_getNFKCCasefoldInstance`,
/// `unorm2_getNFDInstance` and `u_charType` (marks are dropped).
enum CaseFolding {
  /// What to fold.
  struct Options: OptionSet {
    let rawValue: Int32
    /// NFKC_Casefold: lower case, compatibility forms (ﬁ → fi, Ĳ → ij).
    static let caseFold = Options(rawValue: 1)
    /// Remove combining marks: é → e, ë → e.
    static let marks = Options(rawValue: 2)
  }

  /// Folds UTF-8 `input` and appends the result to `output`.
  static func fold(
    _ input: UnsafeRawBufferPointer, options: Options, into output: inout [UInt8]
  ) {
    var capacity = max(32, input.count * 2)
    while true {
      let start = output.count
      output.append(contentsOf: repeatElement(0, count: capacity))
      var status: Int32 = 0
      let needed = output.withUnsafeMutableBufferPointer { buffer in
        cicu_fold_utf8(
          input.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(input.count),
          UnsafeMutableRawPointer(buffer.baseAddress! + start).assumingMemoryBound(to: CChar.self),
          Int32(capacity), options.rawValue, &status)
      }
      if needed < 0 || status > 0 {
        // Folding only fails on allocation failure; keep the input as it is.
        output.removeSubrange(start...)
        output.append(contentsOf: input)
        return
      }
      if Int(needed) <= capacity {
        output.removeSubrange((start + Int(needed))...)
        return
      }
      output.removeSubrange(start...)
      capacity = Int(needed)
    }
  }
}

/// Folding as the analyzer applies it, for code that matches text outside
/// the token stream (glossary terms, test tables).
package enum TextFolding {
  /// NFKC case folding and diacritic removal: "Patiënt" → "patient".
  package static func fold(_ text: String) -> String {
    var input = text
    var output: [UInt8] = []
    input.withUTF8 { CaseFolding.fold(UnsafeRawBufferPointer($0), options: [.caseFold, .marks], into: &output) }
    return String(decoding: output, as: UTF8.self)
  }
}
