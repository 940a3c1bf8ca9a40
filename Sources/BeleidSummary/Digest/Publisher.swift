import Foundation

/// Who published a document, as a digest's reader wants to see it:
/// "EUR-Lex", "Rijksoverheid", "Tweede Kamer", not how the file was
/// obtained.
package enum Publisher {
  /// Publishers by the host of a document's URL (the host or a parent domain).
  static let hosts: [(host: String, name: String)] = [
    ("eur-lex.europa.eu", "EUR-Lex"), ("europa.eu", "European Union"), ("rijksoverheid.nl", "Rijksoverheid"),
    ("government.nl", "Government of the Netherlands"), ("tweedekamer.nl", "Tweede Kamer"),
    ("eerstekamer.nl", "Eerste Kamer"), ("officielebekendmakingen.nl", "Officiële Bekendmakingen"),
    ("wetten.overheid.nl", "Wetten.nl"), ("rechtspraak.nl", "Rechtspraak"),
    ("kabinetsformatie2021.nl", "Kabinetsformatie 2021"), ("adviescollegeicttoetsing.nl", "Adviescollege ICT-toetsing"),
    ("ncsc.nl", "NCSC"), ("pianoo.nl", "PIANOo"), ("autoriteitpersoonsgegevens.nl", "Autoriteit Persoonsgegevens"),
    ("digitaleoverheid.nl", "Digitale Overheid"), ("overheid.nl", "Overheid.nl"),
  ]

  /// Words that say how a file was obtained rather than who published it.
  static let acquisitionWords = ["github", "csv", "scrape", "seed", "@"]

  /// The publisher of a document with this source and URL, or "" when
  /// neither says.
  ///
  /// The URL's host decides when it is a known one (a GitHub address names
  /// its owner); else the source, unless it describes how the file was
  /// obtained ("paragraph CSV from GitHub …@80fff98", "news article (seed)").
  ///
  /// - Complexity: O(*h*) for *h* known hosts.
  package static func name(source: String?, url: String?) -> String {
    if let url, let host = URL(string: url)?.host?.lowercased() {
      let bare = host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
      if let known = hosts.first(where: { bare == $0.host || bare.hasSuffix("." + $0.host) }) { return known.name }
      if bare == "github.com", let owner = URL(string: url)?.pathComponents.dropFirst().first {
        return "\(owner) (GitHub)"
      }
    }
    guard let source = source?.trimmingCharacters(in: .whitespaces), !source.isEmpty else { return "" }
    let lowered = source.lowercased()
    return acquisitionWords.contains(where: lowered.contains) ? "" : source
  }
}
