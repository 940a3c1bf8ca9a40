import BeleidAnalysis
import BeleidDocuments
import BeleidGlossary
import Foundation

/// Builds a `Digest` from documents: summaries, a lead, key terms, glosses.
///
/// Not `Sendable`: it owns a summarizer and a keyword extractor.
package final class DigestBuilder {
  /// What goes into a digest.
  package struct Options: Sendable {
    /// The digest's title.
    package var title: String
    /// The query the items were found with, to focus summaries on.
    package var query: String?
    /// Sentences per item (2–3 reads best).
    package var sentencesPerItem: Int
    /// Sentences in the opening lead, at most one per item.
    package var leadSentences: Int
    /// Key terms per item.
    package var keyTermsPerItem: Int
    /// Gloss terms for readers of this language.
    package var gloss: Language?
    /// The day the digest is dated, YYYY-MM-DD.
    package var generated: String
    /// Where local files are published: an item without a URL links to
    /// this URL plus its path (relative to the working directory when under
    /// it). Without it, such items get no link.
    package var linkBase: String?
    /// A line above the title, a line below the items, and an unsubscribe
    /// URL; nil leaves them out.
    package var header: String?
    package var footer: String?
    package var unsubscribe: String?

    package init(
      title: String = "Digest", query: String? = nil, sentencesPerItem: Int = 3, leadSentences: Int = 3,
      keyTermsPerItem: Int = 5, gloss: Language? = nil, generated: String, linkBase: String? = nil
    ) {
      self.linkBase = linkBase
      self.title = title
      self.query = query
      self.sentencesPerItem = sentencesPerItem
      self.leadSentences = leadSentences
      self.keyTermsPerItem = keyTermsPerItem
      self.gloss = gloss
      self.generated = generated
    }
  }

  private let summarizer: Summarizer
  private let extractor: KeywordExtractor
  private let glosser: Glosser?
  private let matcher: TermMatcher?

  /// A builder; the matcher supplies key terms' equivalents and glosses.
  package init(matcher: TermMatcher?) {
    summarizer = Summarizer(matcher: matcher)
    extractor = KeywordExtractor(matcher: matcher)
    glosser = matcher.map { Glosser(matcher: $0) }
    self.matcher = matcher
  }

  /// The digest of `documents`, in the order given; duplicates (same key,
  /// same title and date, or the same opening text) are left out and noted.
  ///
  /// - Complexity: O(total length), as summaries and keywords.
  package func build(_ documents: [Document], options: Options) throws -> Digest {
    var notes: [String] = []
    let grouped = Self.groupingVersions(documents, notes: &notes)
    let unique = grouped.map(\.document)
    if options.gloss != nil && glosser == nil { notes.append("no glossary: nothing glossed") }
    var items: [Digest.Item] = []
    for (offset, document) in unique.enumerated() {
      var item = try item(document, number: offset + 1, options: options)
      item.versions = grouped[offset].versions
      item.hasVersions = !item.versions.isEmpty
      items.append(item)
    }
    var lead: [Digest.LeadSentence] = []
    if unique.count > 1 {
      let summary = try summarizer.summarize(
        documents: unique, options: SummaryOptions(length: .sentences(options.leadSentences), query: options.query),
        perDocument: 1)
      notes += summary.notes
      // Lead sentences go in item order.
      let sentences = summary.sentences.sorted { ($0.document ?? 0) < ($1.document ?? 0) }
      for sentence in sentences {
        let number = (sentence.document ?? 0) + 1
        let glossed = try gloss([sentence.text], document: unique[number - 1], options: options)?.first
        lead.append(
          Digest.LeadSentence(
            text: glossed?.text ?? sentence.text, html: glossed?.html ?? Glosser.escape(sentence.text), item: number,
            language: items[number - 1].language))
      }
    }
    var subtitle = "\(items.count) item\(items.count == 1 ? "" : "s")"
    if let query = options.query { subtitle += " · query: \(query)" }
    if let gloss = options.gloss { subtitle += " · glossed in \(gloss == .english ? "English" : "Dutch")" }
    let opening = lead.first?.text ?? items.first?.sentences.first ?? subtitle
    return Digest(
      title: options.title, subtitle: subtitle, generated: options.generated, query: options.query,
      gloss: options.gloss?.code, lead: lead, hasLead: !lead.isEmpty, preheader: Self.preheader(opening),
      header: options.header, footer: options.footer, unsubscribe: WebLink.safe(options.unsubscribe), items: items,
      notes: notes)
  }

  private func item(_ document: Document, number: Int, options: Options) throws -> Digest.Item {
    let summary = try summarizer.summarize(
      document, options: SummaryOptions(length: .sentences(options.sentencesPerItem), query: options.query))
    let texts = summary.sentences.map(\.text)
    let glossed = try gloss(texts, document: document, options: options)
    let sentences = glossed?.map(\.text) ?? texts
    let keywords = try extractor.keywords(of: document, limit: 40)
    // Terms with equivalents, except names and drafting words (Nederland).
    let known = keywords.filter { keyword in
      guard keyword.equivalent != nil else { return false }
      let domain = keyword.conceptID.flatMap { matcher?.glossary.concept(id: $0)?.domain } ?? ""
      return !Glosser.quietDomains.contains(domain)
    }
    let chosen = known.isEmpty ? Array(keywords.prefix(3)) : Array(known.prefix(options.keyTermsPerItem))
    let terms = chosen.map {
      Digest.Term(term: $0.text, equivalent: $0.equivalent ?? "", hasEquivalent: $0.equivalent != nil)
    }
    let path = document.path
    let title = document.title.isEmpty ? path : document.title
    let source = Publisher.name(source: document.source, url: document.url)
    let link = WebLink.safe(document.url) ?? Self.link(path: path, base: options.linkBase) ?? ""
    return Digest.Item(
      number: number, anchor: "item-\(number)", title: DisplayTitle.short(title), fullTitle: title,
      date: document.date ?? "", source: source,
      byline: [document.date ?? "", source].filter { !$0.isEmpty }.joined(separator: " · "), link: link, href: link,
      hasLink: !link.isEmpty, versions: [], hasVersions: false, path: path,
      language: summary.language.code, sentences: sentences, summary: sentences.joined(separator: " "),
      summaryHTML: (glossed?.map(\.html) ?? texts.map(Glosser.escape)).joined(separator: " "), keyTerms: terms,
      hasKeyTerms: !terms.isEmpty,
      keyTermsText: terms.map { $0.hasEquivalent ? "\($0.term) (\($0.equivalent))" : $0.term }.joined(separator: "; "))
  }

  /// `text` cut at a word to at most 140 characters, with "…" when cut.
  static func preheader(_ text: String) -> String {
    guard text.count > 140 else { return text }
    let cut = text.prefix(140)
    let end = cut.lastIndex(of: " ") ?? cut.endIndex
    return String(cut[..<end]) + " …"
  }

  /// The URL of a local file published under `base`: the base, then the
  /// file's path relative to the working directory (or without its leading
  /// slash), each part percent-encoded; nil without a base.
  static func link(path: String, base: String?) -> String? {
    guard let base, !base.isEmpty else { return nil }
    let folder = FileManager.default.currentDirectoryPath + "/"
    let relative = path.hasPrefix(folder) ? String(path.dropFirst(folder.count)) : String(path.drop { $0 == "/" })
    let encoded = relative.split(separator: "/").map {
      $0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/")))
        ?? String($0)
    }
    return (base.hasSuffix("/") ? base : base + "/") + encoded.joined(separator: "/")
  }

  /// `texts` glossed for the digest's readers, or nil when not asked.
  private func gloss(_ texts: [String], document: Document, options: Options) throws -> [GlossedText]? {
    guard let target = options.gloss, let glosser else { return nil }
    return try glosser.gloss(texts, language: summarizer.language(of: document), target: target)
  }

  /// The documents without repeats, each with the labels of its other
  /// versions.
  ///
  /// A repeat (the same key, the same title and date, or the same first 500
  /// characters) is left out with a note. A version (the same URL, or an
  /// opening of mostly the same words: the same text as PDF and as
  /// Markdown, a page and its later edit) is grouped with the first: it is
  /// not an item of its own, and that item names it ("PDF", "2025-12-08")
  /// and takes its URL and source when it has none.
  ///
  /// - Complexity: O(*d*²·*w*) for *d* documents and *w* words of opening.
  static func groupingVersions(_ documents: [Document], notes: inout [String]) -> [(
    document: Document, versions: [String]
  )] {
    var keys: Set<String> = []
    var kept: [(document: Document, versions: [String], shingles: Set<String>)] = []
    for document in documents {
      let opening = document.body.split(whereSeparator: \.isWhitespace).joined(separator: " ").prefix(500).lowercased()
      var signatures = ["key:" + document.key]
      if !document.title.isEmpty { signatures.append("title:\(document.title.lowercased())|\(document.date ?? "")") }
      if !opening.isEmpty { signatures.append("text:" + opening) }
      if signatures.contains(where: keys.contains) {
        notes.append("left out \(document.path): it repeats an earlier item")
        continue
      }
      keys.formUnion(signatures)
      let shingles = Self.shingles(document.body)
      let url = WebLink.safe(document.url)
      if let index = kept.firstIndex(where: {
        (url != nil && WebLink.safe($0.document.url) == url) || Self.overlap($0.shingles, shingles) >= 0.6
      }) {
        kept[index].versions.append(Self.versionLabel(document, beside: kept[index].document))
        // The item takes what only the version knows: its URL, its source.
        if WebLink.safe(kept[index].document.url) == nil, url != nil { kept[index].document.url = url }
        if (kept[index].document.source ?? "").isEmpty { kept[index].document.source = document.source }
        notes.append("grouped \(document.path) with item \(index + 1): another version of the same document")
        continue
      }
      kept.append((document, [], shingles))
    }
    return kept.map { ($0.document, $0.versions) }
  }

  /// Word trigrams of a text's first 400 words (letters and digits only,
  /// lower case), for telling versions of one text apart from others.
  static func shingles(_ text: String) -> Set<String> {
    let words = text.prefix(6_000).lowercased().split { !$0.isLetter && !$0.isNumber }.prefix(400)
    guard words.count >= 3 else { return [] }
    return Set((0..<(words.count - 2)).map { words[$0...($0 + 2)].joined(separator: " ") })
  }

  /// The Jaccard overlap of two sets of shingles; 0 when either is empty
  /// or smaller than 20 (too short to tell).
  static func overlap(_ a: Set<String>, _ b: Set<String>) -> Double {
    guard a.count >= 20, b.count >= 20 else { return 0 }
    return Double(a.intersection(b).count) / Double(a.union(b).count)
  }

  /// How a reader tells a version from the item: its format when that
  /// differs ("PDF"), else its date, else its file name.
  static func versionLabel(_ version: Document, beside item: Document) -> String {
    let format = (version.path as NSString).pathExtension.uppercased()
    if format != (item.path as NSString).pathExtension.uppercased() && !format.isEmpty { return format }
    if let date = version.date, date != item.date { return date }
    return (version.path as NSString).lastPathComponent
  }
}
