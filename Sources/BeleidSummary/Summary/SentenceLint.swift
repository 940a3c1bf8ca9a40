import Foundation

/// What makes a sentence unfit to print in a summary, and the cleaning
/// that readies one for display.
///
/// The summariser never picks a sentence with a defect when another is
/// there, and `beleid summarize --lint` counts the defects of what it
/// picked.
package enum SentenceLint {
  /// A reason a sentence cannot be printed as it stands.
  package enum Defect: String, Sendable, CaseIterable, Codable {
    /// A heading, or a numbered heading fragment ("5.1.", "5. Beveiliging").
    case heading
    /// A title in capitals ("RICHTLIJN (EU) 2022/2555 VAN HET EUROPEES …").
    case allCaps = "all caps"
    /// Identifiers and numbers without prose (CELEX, ECLI, "PB L 333").
    case identifierOnly = "identifiers only"
    /// Under four words, a lead-in to a list ("De rechtbank:"), or a piece
    /// of a longer sentence (opening in lower case, or with the rest of a
    /// citation: "996/2010, (EU) nr. 376/2014 …").
    case fragment
    /// A footnote marker ("[1]", "[^2]", "¹", EUR-Lex's "( 3 )"), or a
    /// footnote itself.
    case footnoteMarker = "footnote marker"
    /// Markdown or kramdown syntax ("**", "](", "{:", a "#" heading).
    case markup
  }

  /// The defects of a sentence as it would be printed (after `clean(_:)`).
  ///
  /// - Complexity: O(*n*) in the length of the sentence.
  package static func defects(_ sentence: String) -> [Defect] {
    let text = clean(sentence)
    var found: [Defect] = []
    // [1], [^1], ¹, and EUR-Lex's spaced "( 3 )".
    let footnotes = #"\[\^?\d{1,3}\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]|\( \d{1,3} \)"#
    let bare = text.replacingOccurrences(of: footnotes, with: "", options: .regularExpression)
    let words = bare.split(separator: " ")
    let lettered = words.filter { $0.filter(\.isLetter).count >= 2 }
    let final = bare.last.map { ".!?:;\"”’)".contains($0) } ?? false
    // A heading whose number the splitter put at the end ("Beveiliging van
    // de toeleveringsketen … 5.1.").
    let trailingNumber = text.range(of: #"\s\d{1,2}(\.\d{1,2})+\.?$"#, options: .regularExpression) != nil
    if bare.isEmpty || (!final && words.count <= 12) || isNumbering(sentence) || trailingNumber {
      found.append(.heading)
    }
    // Four words in capitals in a row make a title; acronyms come alone.
    var run = 0
    var longest = 0
    for word in lettered {
      run = word.filter(\.isLetter).allSatisfy(\.isUppercase) ? run + 1 : 0
      longest = max(longest, run)
    }
    if longest >= 4 { found.append(.allCaps) }
    // Prose is words of lowercase letters ("van", "Wet"); codes and
    // acronyms (CELEX, PB, L) are not.
    let prose = lettered.filter { $0.contains(where: \.isLowercase) && $0.allSatisfy { !$0.isNumber } }
    if prose.count < 3 && bare.contains(where: \.isNumber) && longest < 4 { found.append(.identifierOnly) }
    // A piece of a longer sentence: a list's lead-in, a list item, or the
    // rest of a citation the splitter cut ("996/2010, (EU) nr. …").
    let continues =
      bare.first.map(\.isLowercase) ?? false
      || bare.range(of: #"^\d+[/,]"#, options: .regularExpression) != nil
    if words.count < 4 || bare.hasSuffix(":") || continues { found.append(.fragment) }
    if text.range(of: footnotes, options: .regularExpression) != nil { found.append(.footnoteMarker) }
    let markup = ["**", "__", "](", "{:", "`", "<br", "</", "|---"]
    if markup.contains(where: text.contains) || text.hasPrefix("#") || text.hasPrefix("> ") {
      found.append(.markup)
    }
    return found
  }

  /// Whether the whole text is numbering ("5.", "5.1.", "II.", "a)").
  static func isNumbering(_ text: String) -> Bool {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    return !trimmed.isEmpty
      && trimmed.range(of: #"^(\d+(\.\d+)*\.?|[IVXLC]+\.|[a-z]\))$"#, options: .regularExpression) != nil
  }

  /// A sentence readied for display.
  ///
  /// List markers and numbering at its start go ("3. ", "1.2 ", "- ", "•",
  /// "a) "), runs of white space are joined, and Markdown or kramdown links
  /// and emphasis are reduced to their text.
  ///
  /// - Complexity: O(*n*) in the length of the sentence.
  package static func clean(_ sentence: String) -> String {
    var text = sentence.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    // [text](url){:target="_blank"} → text
    text = text.replacingOccurrences(
      of: #"\[([^\]]*)\]\([^)]*\)(\{:[^}]*\})?"#, with: "$1", options: .regularExpression)
    text = text.replacingOccurrences(of: #"\{:[^}]*\}"#, with: "", options: .regularExpression)
    text = text.replacingOccurrences(of: #"(\*\*|__)(.+?)\1"#, with: "$2", options: .regularExpression)
    // Leading markers, repeatedly: "- 3. Tekst" → "Tekst". Numbering needs a
    // capital or a bracket after it, so a sentence opening with a year or
    // an amount ("2024 was …", "3 van de 5 …") keeps it.
    let markers = [
      #"^[-*•–·]\s+"#, #"^\(?[0-9]{1,3}(\.[0-9]{1,3})*[.)]?\s+(?=[\p{Lu}"“‘(])"#,
      #"^\(?[a-z]\)\s+"#, #"^\(?[ivx]{1,4}\)\s+"#, #"^#{1,6}\s+"#, #"^>\s+"#,
    ]
    var changed = true
    while changed {
      changed = false
      for marker in markers {
        if let range = text.range(of: marker, options: .regularExpression), range.upperBound < text.endIndex {
          text.removeSubrange(range)
          changed = true
        }
      }
    }
    return text
  }
}
