import BeleidAnalysis

/// A document ready for indexing: its text and what users filter and cite by.
///
/// A file gives one document, except bulk files (JSONL), which give one per
/// line. The body is UTF-8 text; for paged formats (PDF) `pageStarts` holds
/// the byte offset in `body` where each page starts, so a hit can cite "p. 12".
package struct Document: Sendable, Equatable, Codable {
  /// Unique within an index: the path, or path#id for a line of a bulk file.
  package var key: String
  /// The file the document came from.
  package var path: String
  /// The title: from metadata, a heading, or the file name.
  package var title: String
  /// The text.
  package var body: String
  /// Byte offsets in `body` where pages 1, 2, … start; empty if unpaged.
  package var pageStarts: [Int]
  /// The date as YYYY-MM-DD, if known.
  package var date: String?
  /// The language from metadata, or nil to detect it.
  package var language: Language?
  /// Where the document comes from ("Rijksoverheid", "EUR-Lex", …).
  package var source: String?
  /// A URL to the original, if known.
  package var url: String?
  /// The format it was read from: text, markdown, jsonl, html, pdf, xml, docx, odt.
  package var format: String
  /// Other metadata fields (front matter keys, XML metadata).
  package var metadata: [String: String]

  /// Creates a document.
  package init(
    key: String, path: String, title: String, body: String, pageStarts: [Int] = [], date: String? = nil,
    language: Language? = nil, source: String? = nil, url: String? = nil, format: String,
    metadata: [String: String] = [:]
  ) {
    self.key = key
    self.path = path
    self.title = title
    self.body = body
    self.pageStarts = pageStarts
    self.date = date
    self.language = language
    self.source = source
    self.url = url
    self.format = format
    self.metadata = metadata
  }

  /// Gives an EU act without a URL its EUR-Lex address, from the CELEX
  /// number in its `celex` metadata field (`32024R2847`): a link for
  /// readers, and how the act's other-language versions find it.
  package mutating func linkCELEX() {
    guard url == nil, let celex = metadata["celex"]?.filter({ $0 != " " }).uppercased(),
      !celex.isEmpty, celex.count <= 32,
      celex.allSatisfy({ ("0"..."9").contains($0) || ("A"..."Z").contains($0) || $0 == "(" || $0 == ")" })
    else { return }
    let language = language.map { $0.code.uppercased() } ?? "AUTO"
    url = "https://eur-lex.europa.eu/legal-content/\(language)/TXT/?uri=CELEX:\(celex)"
  }

  /// The kind of document, for the "type" facet and `type:` filter: the
  /// `type` metadata field (front matter, JSON Lines, an XML or HTML
  /// `dcterms:type`, a BWB law's `soort`), else, for an EU act, what its
  /// CELEX number says ("EU regulation", "EU directive", "EU decision");
  /// nil when unknown.
  ///
  /// The field is kept as written, with runs of white space made one space
  /// and cut at 80 characters, so facet values stay readable.
  package var documentType: String? {
    if let value = metadata["type"] {
      let words = value.split(whereSeparator: { $0.isWhitespace || $0.isNewline })
      let text = String(words.joined(separator: " ").prefix(80))
      if !text.isEmpty { return text }
    }
    return metadata["celex"].flatMap(Self.celexType)
  }

  /// The type of EU act a CELEX number names: sector 3 (legislation), then
  /// the year, then R, L or D ("32022L2555" is a directive).
  static func celexType(_ celex: String) -> String? {
    let characters = Array(celex.filter { $0 != " " }.uppercased())
    guard characters.count >= 6, characters[0] == "3", characters[1...4].allSatisfy(\.isNumber) else { return nil }
    switch characters[5] {
    case "R": return "EU regulation"
    case "L": return "EU directive"
    case "D": return "EU decision"
    default: return nil
    }
  }

  /// The page (1-based) that holds byte `offset` of the body, or nil if unpaged.
  package func page(atOffset offset: Int) -> Int? {
    guard !pageStarts.isEmpty else { return nil }
    var page = 0
    for (index, start) in pageStarts.enumerated() where start <= offset { page = index }
    return page + 1
  }
}

/// Dates as days since 1970-01-01, for range filters.
package enum DocumentDate {
  /// Days since 1970-01-01 for "YYYY-MM-DD" (also "YYYY-MM" and "YYYY", as
  /// the first day), or nil.
  package static func days(_ text: String) -> Int32? {
    period(text)?.lowerBound
  }

  /// The first and last day of "YYYY", "YYYY-MM" or "YYYY-MM-DD", as days
  /// since 1970-01-01; nil for anything else, impossible days included
  /// (2026-02-30, 2026-13, +202).
  ///
  /// The year has four ASCII digits; the month and day one or two. A
  /// longer text is read up to its first 10 characters by the callers
  /// that take timestamps, not here.
  package static func period(_ text: String) -> ClosedRange<Int32>? {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard (1...3).contains(parts.count) else { return nil }
    func number(_ part: Substring, digits: ClosedRange<Int>) -> Int? {
      guard digits.contains(part.utf8.count), part.utf8.allSatisfy({ (48...57).contains($0) }) else { return nil }
      return Int(part)
    }
    guard let year = number(parts[0], digits: 4...4) else { return nil }
    var month: Int?
    if parts.count > 1 {
      guard let value = number(parts[1], digits: 1...2), (1...12).contains(value) else { return nil }
      month = value
    }
    var day: Int?
    if parts.count > 2, let month {
      guard let value = number(parts[2], digits: 1...2), (1...daysIn(month, of: year)).contains(value) else {
        return nil
      }
      day = value
    }
    switch (month, day) {
    case (let month?, let day?):
      let days = civil(year, month, day)
      return days...days
    case (let month?, nil):
      return civil(year, month, 1)...civil(year, month, daysIn(month, of: year))
    default:
      return civil(year, 1, 1)...civil(year, 12, 31)
    }
  }

  /// The number of days in `month` (1–12) of `year`.
  static func daysIn(_ month: Int, of year: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// Days since 1970-01-01 of a valid civil date (Howard Hinnant's algorithm).
  private static func civil(_ year: Int, _ month: Int, _ day: Int) -> Int32 {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return Int32(era * 146_097 + doe - 719_468)
  }

  /// "YYYY-MM-DD" for days since 1970-01-01.
  package static func string(_ days: Int32) -> String {
    let z = Int(days) + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    func pad(_ value: Int, _ width: Int) -> String {
      let text = String(value)
      return String(repeating: "0", count: max(0, width - text.count)) + text
    }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
  }
}
