import Foundation

/// A title short enough for a contents list and an item heading.
///
/// EU acts get their official short form, built from the act's kind and
/// number and, when the title names one at its end, its short title:
/// "VERORDENING (EU) 2019/881 VAN HET EUROPEES PARLEMENT … (de
/// cyberbeveiligingsverordening)" becomes "Verordening (EU) 2019/881
/// (Cyberbeveiligingsverordening)". Other titles of more than
/// `maximumWords` words are cut at a natural break (a colon, a dash, a
/// semicolon, a comma, an opening bracket), else after `maximumWords` words
/// with an ellipsis. The full title stays in the digest's `fullTitle`.
package enum DisplayTitle {
  /// The most words a display title keeps, short titles of EU acts aside.
  package static let maximumWords = 12

  /// The kinds of EU acts, as a title spells them (any case).
  static let actKinds = [
    "gedelegeerde verordening", "uitvoeringsverordening", "verordening", "gedelegeerde richtlijn",
    "uitvoeringsrichtlijn", "richtlijn", "gedelegeerd besluit", "uitvoeringsbesluit", "besluit",
    "commission implementing regulation", "commission delegated regulation", "implementing regulation",
    "delegated regulation", "regulation", "implementing directive", "delegated directive", "directive",
    "implementing decision", "delegated decision", "decision",
  ]

  /// The display form of `title`.
  ///
  /// - Complexity: O(*n*) in the length of the title.
  package static func short(_ title: String) -> String {
    let text = title.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    if let act = euAct(text) { return act }
    let words = text.split(separator: " ")
    guard words.count > maximumWords else { return text }
    // The longest prefix of 3 to 12 words that ends at a natural break.
    let characters = Array(text)
    var best: String?
    var spaces = 0
    for (offset, character) in characters.enumerated() {
      if character == " " { spaces += 1 }
      if spaces >= maximumWords { break }
      let spacedDash =
        character == "-" && characters[offset - 1] == " " && offset + 1 < characters.count
        && characters[offset + 1] == " "
      guard spaces >= 2, ":;,–(".contains(character) || spacedDash else { continue }
      best = String(characters[..<offset]).trimmingCharacters(in: .whitespaces)
    }
    if let best, !best.isEmpty { return best }
    return words.prefix(maximumWords).joined(separator: " ") + " …"
  }

  /// "Kind (EU) YYYY/N (Short title)" for an EU act's title, else nil.
  static func euAct(_ title: String) -> String? {
    let pattern = #"^(\p{L}+(?: \p{L}+){0,2}) \((EU|EG|EEG|GBVB|EU, Euratom|CFSP)\) (?:(?:nr\.|No) )?(\d{2,4}/\d{1,4})"#
    guard let match = title.range(of: pattern, options: [.regularExpression]) else { return nil }
    let head = String(title[match])
    guard let bracket = head.range(of: " (") else { return nil }
    let kind = head[..<bracket.lowerBound].lowercased()
    guard actKinds.contains(kind) else { return nil }
    let rest = head[bracket.lowerBound...]
    let name = kind.split(separator: " ").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    var short = name + rest
    if let nickname = shortTitle(title) { short += " (\(nickname))" }
    return short
  }

  /// The short title in brackets at the end of an act's title, without
  /// its article and capitalised ("(de cyberbeveiligingsverordening)" →
  /// "Cyberbeveiligingsverordening"); nil for numbers and EEA notes.
  static func shortTitle(_ title: String) -> String? {
    guard title.hasSuffix(")"), let open = title.range(of: "(", options: .backwards) else { return nil }
    var inner = String(title[open.upperBound..<title.index(before: title.endIndex)])
    let lowered = inner.lowercased()
    if inner.contains(where: \.isNumber) || lowered.contains("eer relevante") || lowered.contains("eea relevance")
      || inner.split(separator: " ").count > 6 || inner.count < 4
    {
      return nil
    }
    for article in ["de ", "het ", "the "] where lowered.hasPrefix(article) { inner.removeFirst(article.count) }
    return inner.prefix(1).uppercased() + inner.dropFirst()
  }
}
