import Beleid
import BeleidAnalysis
import Foundation

/// A link with a label, selected or not (a facet value, a page number).
struct LinkItem {
  var label: String
  var url: String
  var selected: Bool
  var count: Int?
}

/// A run of text, marked or not: a snippet or a document split at its
/// highlights, so the template escapes every part and adds `<mark>` itself.
struct TextPart {
  var text: String
  var mark: Bool
}

/// One hit on the search page.
struct HitView {
  var rank: Int
  var key: String
  var title: String
  var url: String
  var details: String
  var parts: [TextPart]
  var startsInside: Bool
  var endsInside: Bool
  var page: Int?
  var language: String
}

/// One facet: its name and values with counts.
struct FacetGroup {
  var name: String
  var values: [LinkItem]
}

/// The search page: the form, the facets and the hits of one page.
struct SearchPage {
  let labels: UIText
  var query: String
  var language: String?
  var source: String?
  var type: String?
  var year: String?
  var crossLanguage: Bool
  var byDate: Bool
  var sortLinks: [LinkItem] = []
  var error: String?
  var searched = false
  var total = 0
  var hits: [HitView] = []
  var facets: [FacetGroup] = []
  var concepts: [LinkItem] = []
  var notes: [String] = []
  var previous: String?
  var next: String?
  var pageText = ""
  var firstRank = 1
  // Stored, not computed: templates see stored properties only.
  let otherCode: String
  var otherUI = ""
  var hasConcepts = false
  let title: String

  init(labels: UIText, parameters: QueryParameters) {
    self.labels = labels
    query = parameters.text("q") ?? ""
    language = parameters.text("lang").flatMap { ["nl", "en"].contains($0) ? $0 : nil }
    source = parameters.text("source").flatMap { $0.isEmpty ? nil : $0 }
    type = parameters.text("type").flatMap { $0.isEmpty ? nil : $0 }
    year = parameters.text("year").flatMap { $0.count == 4 && $0.allSatisfy(\.isNumber) ? $0 : nil }
    crossLanguage = parameters.text("cross") != "off"
    byDate = parameters.text("sort") == "date"
    otherCode = labels.code == "nl" ? "en" : "nl"
    title = query.isEmpty ? "beleid" : "\(query) – beleid"
    otherUI = url(ui: otherCode)
    sortLinks = [
      LinkItem(label: labels.byRelevance, url: url(page: 1, byDate: false), selected: !byDate),
      LinkItem(label: labels.byDate, url: url(page: 1, byDate: true), selected: byDate),
    ]
  }

  /// The query with the page's filters added, in the query language.
  var filteredQuery: String {
    var text = query
    if let language { text += " lang:\(language)" }
    if let source { text += " source:\"\(source.replacingOccurrences(of: "\"", with: ""))\"" }
    if let type { text += " type:\"\(type.replacingOccurrences(of: "\"", with: ""))\"" }
    if let year { text += " date:\(year)" }
    return text
  }

  /// This page's URL with some parameters changed (nil removes one).
  func url(
    language: String?? = .none, source: String?? = .none, type: String?? = .none, year: String?? = .none,
    page: Int? = nil,
    ui: String? = nil, byDate: Bool? = nil
  ) -> String {
    var items: [(String, String)] = [("q", query)]
    if let value = language ?? self.language { items.append(("lang", value)) }
    if let value = source ?? self.source { items.append(("source", value)) }
    if let value = type ?? self.type { items.append(("type", value)) }
    if let value = year ?? self.year { items.append(("year", value)) }
    if !crossLanguage { items.append(("cross", "off")) }
    if byDate ?? self.byDate { items.append(("sort", "date")) }
    if let page, page > 1 { items.append(("page", String(page))) }
    items.append(("ui", ui ?? labels.code))
    return "/?" + items.map { "\($0.0)=\(formEncode($0.1))" }.joined(separator: "&")
  }

  /// Takes in one page of results.
  mutating func fill(_ results: SearchResult, pageNumber: Int, pageSize: Int) {
    searched = true
    notes = results.notes
    total = results.facets?.total ?? results.hits.count
    hits = results.hits.map { hit in
      let snippet = hit.snippet
      var parts: [TextPart] = []
      if let snippet {
        var position = snippet.text.startIndex
        for range in snippet.highlights {
          parts.append(TextPart(text: String(snippet.text[position..<range.lowerBound]), mark: false))
          parts.append(TextPart(text: String(snippet.text[range]), mark: true))
          position = range.upperBound
        }
        parts.append(TextPart(text: String(snippet.text[position...]), mark: false))
      }
      let details = [hit.date, hit.language.map { labels.languageName($0.code) }, hit.type, hit.source]
        .compactMap { $0 }
        .filter { !$0.isEmpty }.joined(separator: " · ")
      return HitView(
        rank: hit.rank, key: hit.key, title: hit.title ?? hit.key,
        url:
          "/documents/\(pathEncode(hit.key))?q=\(formEncode(query))\(crossLanguage ? "" : "&cross=off")&ui=\(labels.code)",
        details: details,
        parts: parts, startsInside: snippet?.startsInside ?? false, endsInside: snippet?.endsInside ?? false,
        page: snippet?.page, language: hit.language?.code ?? "")
    }
    if let counts = results.facets {
      func values(_ counts: [String: Int], selected: String?, label: (String) -> String, link: (String?) -> String)
        -> [LinkItem]
      {
        var items = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { key, count in
          LinkItem(label: label(key), url: link(key), selected: key == selected, count: count)
        }
        if let selected, counts[selected] == nil {
          items.insert(LinkItem(label: label(selected), url: link(selected), selected: true, count: 0), at: 0)
        }
        return items
      }
      facets = [
        FacetGroup(
          name: labels.language,
          values: values(counts.languages, selected: language, label: { labels.languageName($0) }) { key in
            url(language: key == language ? .some(nil) : key, page: 1)
          }),
        FacetGroup(
          name: labels.source,
          values: values(counts.sources, selected: source, label: { $0 }) { key in
            url(source: key == source ? .some(nil) : key, page: 1)
          }),
        FacetGroup(
          name: labels.type,
          values: values(counts.types, selected: type, label: { $0 }) { key in
            url(type: key == type ? .some(nil) : key, page: 1)
          }),
        FacetGroup(
          name: labels.year,
          values: values(counts.years, selected: year, label: { $0 }) { key in
            url(year: key == year ? .some(nil) : key, page: 1)
          }.sorted { $0.label > $1.label }),
      ].filter { !$0.values.isEmpty }
    }
    concepts = results.glossaryConcepts.map {
      LinkItem(label: $0, url: "/glossary?term=\(formEncode($0))&ui=\(labels.code)", selected: false)
    }
    hasConcepts = !concepts.isEmpty
    firstRank = (pageNumber - 1) * pageSize + 1
    let pages = max(1, (total + pageSize - 1) / pageSize)
    pageText = "\(pageNumber) / \(pages)"
    previous = pageNumber > 1 ? url(page: pageNumber - 1) : nil
    next = pageNumber < pages && !hits.isEmpty ? url(page: pageNumber + 1) : nil
  }
}

/// The document page: metadata, text with the query's words marked, the
/// summary and key terms.
struct DocumentPage {
  let labels: UIText
  var title: String
  var details: String
  var language: String
  var url: String?
  var paragraphs: [[TextPart]]
  var summary: [String]
  var terms: [LinkItem]
  /// Links to the same text in another language ("Also in Dutch: …").
  var versions: [LinkItem]
  var back: String
  var otherUI: String
  let otherCode: String
  let hasSummary: Bool
  let hasTerms: Bool

  init(
    labels: UIText, document: Document, query: String, summary: Summarizer.Summary?, terms: [Summarizer.KeyTerm],
    highlights: [Range<Int>], versions: [Snapshot.LanguageVersion]
  ) {
    self.labels = labels
    title = document.title.isEmpty ? document.key : document.title
    details = [
      document.date, document.language.map { labels.languageName($0.code) }, document.type, document.source,
    ]
    .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · ")
    language = document.language?.code ?? summary?.language.code ?? ""
    url = WebLink.safe(document.url)
    paragraphs = Self.paragraphs(document.text, highlights: highlights)
    self.summary = summary?.sentences ?? []
    self.terms = terms.map { term in
      LinkItem(
        label: term.equivalent.map { "\(term.text) (\($0))" } ?? term.text,
        url: "/?q=\(formEncode(term.text))&ui=\(labels.code)", selected: false, count: term.count)
    }
    let ask = query.isEmpty ? "" : "q=\(formEncode(query))&"
    self.versions = versions.map { version in
      LinkItem(
        label: "\(labels.alsoIn) \(labels.languageName(version.language?.code)): \(version.title)",
        url: "/documents/\(pathEncode(version.key))?\(ask)ui=\(labels.code)", selected: false, count: nil)
    }
    back = query.isEmpty ? "/?ui=\(labels.code)" : "/?q=\(formEncode(query))&ui=\(labels.code)"
    otherCode = labels.code == "nl" ? "en" : "nl"
    hasSummary = !self.summary.isEmpty
    hasTerms = !self.terms.isEmpty
    otherUI =
      "/documents/\(pathEncode(document.key))?q=\(formEncode(query))&ui=\(labels.code == "nl" ? "en" : "nl")"
  }

  /// The text's paragraphs (split at blank lines, trimmed, at most
  /// `limit`), each cut into runs at the highlighted byte ranges.
  static func paragraphs(_ text: String, highlights: [Range<Int>], limit: Int = 400) -> [[TextPart]] {
    let bytes = Array(text.utf8)
    func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
    func string(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
    var result: [[TextPart]] = []
    var next = highlights.startIndex
    var start = 0
    while start < bytes.count && result.count < limit {
      var end = start
      while end < bytes.count && !(bytes[end] == 0x0A && end + 1 < bytes.count && bytes[end + 1] == 0x0A) { end += 1 }
      var (low, high) = (start, end)
      while low < high && isSpace(bytes[low]) { low += 1 }
      while high > low && isSpace(bytes[high - 1]) { high -= 1 }
      start = end + 2
      guard low < high else { continue }
      var parts: [TextPart] = []
      var position = low
      while next < highlights.endIndex && highlights[next].lowerBound < high {
        let mark = max(highlights[next].lowerBound, position)..<min(highlights[next].upperBound, high)
        if highlights[next].upperBound <= high { next += 1 }
        guard !mark.isEmpty else { continue }
        if position < mark.lowerBound { parts.append(TextPart(text: string(position..<mark.lowerBound), mark: false)) }
        parts.append(TextPart(text: string(mark), mark: true))
        position = mark.upperBound
        if mark.upperBound == high { break }
      }
      if position < high { parts.append(TextPart(text: string(position..<high), mark: false)) }
      result.append(parts)
    }
    return result
  }
}

/// One concept on the glossary page.
struct ConceptView {
  var id: String
  var domain: String
  var dutch: String
  var english: String
  var definition: String
  var source: String

  init(_ concept: Glossary.Concept, labels: UIText) {
    id = concept.id
    domain = concept.domain ?? ""
    dutch = concept.dutch.joined(separator: " · ")
    english = concept.english.joined(separator: " · ")
    definition = concept.definitions[labels.code] ?? concept.definitions.values.first ?? ""
    source = concept.source ?? ""
  }
}

/// The glossary page: a lookup, or one domain's concepts.
struct GlossaryPage {
  let labels: UIText
  var term: String
  var domain: String?
  var domains: [LinkItem] = []
  var matches: [ConceptView] = []
  var suggestions: [LinkItem] = []
  var nothing = false
  var error: String?
  var hasSuggestions = false
  let title: String
  let otherCode: String
  let otherUI: String

  init(labels: UIText, term: String, domain: String?) {
    self.labels = labels
    self.term = term
    self.domain = domain
    title = term.isEmpty ? "\(labels.glossary) – beleid" : "\(term) – beleid"
    otherCode = labels.code == "nl" ? "en" : "nl"
    otherUI =
      "/glossary?term=\(formEncode(term))" + (domain.map { "&domain=\(formEncode($0))" } ?? "") + "&ui=\(otherCode)"
  }
}

/// The newsletter composer: the chosen documents in order, each movable,
/// a preview, and downloads.
struct ComposerPage {
  struct Item {
    var title: String
    var up: String?
    var down: String?
    var remove: String
  }

  let labels: UIText
  let title: String
  let otherCode: String
  let otherUI: String
  var items: [Item] = []
  let hasItems: Bool
  let preview: String
  let downloads: [LinkItem]

  init(labels: UIText, keys: [String], titles: [String], gloss: String) {
    self.labels = labels
    title = "\(labels.newsletter) – beleid"
    otherCode = labels.code == "nl" ? "en" : "nl"
    func query(_ keys: [String], _ extra: String = "") -> String {
      keys.map { "doc=\(formEncode($0))" }.joined(separator: "&") + "&gloss=\(gloss)" + extra
    }
    otherUI = "/newsletter?" + query(keys, "&ui=\(otherCode)")
    for (index, title) in titles.enumerated() {
      func moved(_ from: Int, _ to: Int) -> String {
        var order = keys
        order.swapAt(from, to)
        return "/newsletter?" + query(order, "&ui=\(labels.code)")
      }
      var rest = keys
      rest.remove(at: index)
      items.append(
        Item(
          title: title, up: index > 0 ? moved(index, index - 1) : nil,
          down: index < keys.count - 1 ? moved(index, index + 1) : nil,
          remove: "/newsletter?" + query(rest, "&ui=\(labels.code)")))
    }
    hasItems = !keys.isEmpty
    preview = "/newsletter/render?" + query(keys, "&format=html")
    downloads = [("HTML", "html"), ("Markdown", "markdown"), ("Text", "text")].map { label, format in
      LinkItem(label: label, url: "/newsletter/render?" + query(keys, "&format=\(format)&download=1"), selected: false)
    }
  }
}

/// `text` encoded as one path segment.
func pathEncode(_ text: String) -> String {
  var allowed = CharacterSet.alphanumerics
  allowed.insert(charactersIn: "-._~")
  return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
}
