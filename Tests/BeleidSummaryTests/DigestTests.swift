import BeleidAnalysis
import BeleidDocuments
import BeleidTestSupport
import Foundation
import Testing

@testable import BeleidSummary

@Suite("Newsletter digests")
struct DigestTests {
  /// Three items: Dutch news, an English note, and the Dutch news again
  /// under another path (a duplicate to drop).
  static let documents = [
    document(
      newsArticle, title: "Kabinet zet in op *ketenveiligheid*", date: "2026-01-30", source: "Nieuwsbrief",
      url: "https://example.org/ketenveiligheid"),
    document(
      """
      Digital autonomy is the freedom to choose which technology to use, and to switch when needed. \
      The government wants open standards and open source in its procurement. \
      Supply chain security matters as much for software as for hardware.
      """, title: "Digital autonomy in procurement", date: "2026-01-12", language: .english,
      source: "beleid tests", path: "/fixtures/en/autonomy.md"),
    document(newsArticle, title: "Kabinet zet in op ketenveiligheid (kopie)", path: "/fixtures/nl/kopie.md"),
  ]

  static func digest(gloss: Language? = .english) throws -> Digest {
    try DigestBuilder(matcher: bundledMatcher).build(
      documents,
      options: .init(title: "Digitaal beleid", query: nil, sentencesPerItem: 2, gloss: gloss, generated: "2026-02-01"))
  }

  @Test("duplicates are dropped and noted; items keep their order and metadata")
  func items() throws {
    let digest = try Self.digest()
    #expect(digest.items.map(\.title) == ["Kabinet zet in op *ketenveiligheid*", "Digital autonomy in procurement"])
    #expect(digest.notes.contains { $0.contains("/fixtures/nl/kopie.md") && $0.contains("repeats") })
    #expect(digest.items[0].href == "https://example.org/ketenveiligheid")
    // A local file gets no link unless a link base publishes it.
    #expect(digest.items[1].href == "" && !digest.items[1].hasLink)
    #expect(
      DigestBuilder.link(path: "/fixtures/en/my autonomy.md", base: "https://example.org/docs")
        == "https://example.org/docs/fixtures/en/my%20autonomy.md")
    #expect(DigestBuilder.link(path: "/fixtures/en/autonomy.md", base: nil) == nil)
    #expect(digest.items.allSatisfy { $0.sentences.count == 2 && $0.hasKeyTerms })
    #expect(digest.lead.count == 2 && Set(digest.lead.map(\.item)) == [1, 2])
    #expect(
      digest.items[0].summary.contains("(supply chain security)")
        || digest.lead[0].text.contains("(supply chain security)"))
  }

  @Test("an EU act's item is titled by its short form, the full title kept; the digest lints clean")
  func titlesAndLint() throws {
    let title =
      "VERORDENING (EU) 2024/2847 VAN HET EUROPEES PARLEMENT EN DE RAAD van 23 oktober 2024 betreffende "
      + "horizontale cyberbeveiligingsvereisten voor producten met digitale elementen (verordening cyberweerbaarheid)"
    let act = document(
      "5.1.\n\nFabrikanten zorgen ervoor dat producten met digitale elementen voldoen aan de essentiële eisen. "
        + "Importeurs brengen uitsluitend producten in de handel die aan die eisen voldoen.",
      title: title, path: "/fixtures/nl/cra.md")
    let digest = try DigestBuilder(matcher: bundledMatcher).build(
      [act], options: .init(title: "CRA", query: nil, sentencesPerItem: 2, gloss: nil, generated: "2026-02-01"))
    #expect(digest.items[0].title == "Verordening (EU) 2024/2847 (Verordening cyberweerbaarheid)")
    #expect(digest.items[0].fullTitle == title)
    #expect(digest.findings().isEmpty, "\(digest.findings())")
    #expect(digest.sentenceCount == digest.lead.count + 2)
  }

  @Test("the HTML marks each item's language, has a preheader, and header, footer and unsubscribe slots")
  func mailParts() throws {
    var options = DigestBuilder.Options(title: "Digitaal beleid", sentencesPerItem: 2, generated: "2026-02-01")
    let bare = try DigestRenderer.render(
      try DigestBuilder(matcher: bundledMatcher).build(Self.documents, options: options), format: .html)
    #expect(!bare.contains("Unsubscribe") && !bare.contains("Nummer 12"))
    options.header = "Nummer 12"
    options.footer = "Verstuurd door de redactie."
    options.unsubscribe = "https://example.org/afmelden?id=1"
    let digest = try DigestBuilder(matcher: bundledMatcher).build(Self.documents, options: options)
    #expect(digest.preheader == digest.lead.first?.text && digest.preheader.count <= 142)
    let html = try DigestRenderer.render(digest, format: .html)
    #expect(html.contains(#"<html lang="en">"#))
    #expect(
      html.contains(#"<td lang="nl" style="padding:16px"#) && html.contains(#"<td lang="en" style="padding:16px"#))
    #expect(html.contains(#"<span lang="nl">"#))
    #expect(html.contains("display:none") && html.contains(Glosser.escape(String(digest.preheader.prefix(20)))))
    #expect(html.contains("Nummer 12") && html.contains("Verstuurd door de redactie."))
    #expect(html.contains(#"<a href="https://example.org/afmelden?id=1""#))
    let text = try DigestRenderer.render(digest, format: .text)
    #expect(text.hasPrefix("Nummer 12\n") && text.contains("Unsubscribe: https://example.org/afmelden?id=1"))
    #expect(DigestBuilder.preheader(String(repeating: "woord ", count: 60)).count <= 142)
  }

  @Test("versions of one document are one item that names the others; other documents stay apart")
  func versions() throws {
    let body = newsArticle + "\n\nDe minister stuurt de Kamer voor de zomer een brief over de uitvoering."
    let pdf = document(body, title: "Kamerbrief ketenveiligheid", date: "2026-02-03", path: "/fixtures/brief.pdf")
    // The same letter as extracted text: other line breaks and hyphenation, a URL, another title.
    var text = document(
      body.replacingOccurrences(of: "ketenveiligheid van", with: "keten-\nveiligheid van"),
      title: "Brief over ketenveiligheid", date: "2026-02-03", source: "Rijksoverheid",
      url: "https://www.rijksoverheid.nl/documenten/kamerstukken/2026/02/03/ketenveiligheid",
      path: "/fixtures/brief.txt")
    text.key = text.path
    let other = Self.documents[1]
    var notes: [String] = []
    let grouped = DigestBuilder.groupingVersions([pdf, text, other], notes: &notes)
    #expect(grouped.map(\.document.path) == ["/fixtures/brief.pdf", "/fixtures/en/autonomy.md"])
    #expect(grouped[0].versions == ["TXT"] && grouped[1].versions.isEmpty)
    #expect(grouped[0].document.url == text.url)
    #expect(notes.contains { $0.contains("/fixtures/brief.txt") && $0.contains("another version") })
    let digest = try DigestBuilder(matcher: bundledMatcher).build(
      [pdf, text, other], options: .init(title: "Brieven", sentencesPerItem: 2, generated: "2026-02-05"))
    #expect(digest.items.count == 2 && digest.items[0].hasVersions && digest.items[0].source == "Rijksoverheid")
    #expect(try DigestRenderer.render(digest, format: .markdown).contains("also as TXT"))
  }

  @Test("each format renders as its snapshot", arguments: DigestRenderer.Format.allCases)
  func snapshots(_ format: DigestRenderer.Format) throws {
    let output = try DigestRenderer.render(try Self.digest(), format: format)
    let name = "digest.\(format.rawValue == "markdown" ? "md" : format.rawValue == "text" ? "txt" : format.rawValue)"
    let mismatch = Snapshot.mismatch(output, named: name)
    #expect(mismatch == nil, "\(mismatch ?? "")")
  }

  @Test("the HTML is mail-safe: inline styles, tables, balanced tags, under 100 KB for 10 items")
  func mailSafeHTML() throws {
    var many: [Document] = []
    for k in 0..<10 {
      var copy = Self.documents[k % 2]
      copy.key = "/fixtures/\(k).md"
      copy.path = copy.key
      copy.title += " \(k)"
      // Ten different texts, not versions of two: a word in every three carries k.
      let words = copy.body.split(separator: " ").enumerated().map {
        $0.offset % 3 == k % 3 ? "\($0.element)\(k)" : "\($0.element)"
      }
      copy.body = "Bericht \(k). " + words.joined(separator: " ")
      copy.url = copy.url.map { "\($0)/\(k)" }
      many.append(copy)
    }
    let digest = try DigestBuilder(matcher: bundledMatcher).build(
      many, options: .init(title: "Tien", gloss: .english, generated: "2026-02-01"))
    #expect(digest.items.count == 10)
    let html = try DigestRenderer.render(digest, format: .html)
    #expect(html.utf8.count < 100_000)
    for forbidden in ["<style", "<script", "<link", "class=", "<div"] {
      #expect(!html.contains(forbidden), "\(forbidden)")
    }
    for tag in ["table", "tr", "td", "p", "a", "h1", "h2", "span", "html", "body"] {
      let opened =
        html.components(separatedBy: "<\(tag) ").count - 1 + html.components(separatedBy: "<\(tag)>").count - 1
      #expect(opened == html.components(separatedBy: "</\(tag)>").count - 1, "<\(tag)> unbalanced")
    }
  }

  @Test("Markdown escapes what it would read as formatting")
  func markdownEscapes() throws {
    let markdown = try DigestRenderer.render(try Self.digest(), format: .markdown)
    #expect(markdown.contains("Kabinet zet in op \\*ketenveiligheid\\*"))
    #expect(!markdown.contains("<span") && !markdown.contains("&amp;"))
  }

  @Test(
    "a value that starts a line cannot open a list or a rule in Markdown",
    arguments: [
      ("2024. Het jaar van de NIS2-richtlijn.", #"2024\. Het jaar van de NIS2-richtlijn."#),
      ("5) Beveiliging", #"5\) Beveiliging"#),
      ("- een opsomming", #"\- een opsomming"#),
      ("+ plus", #"\+ plus"#),
      ("2024 was een jaar.", "2024 was een jaar."),
      ("-10 graden", "-10 graden"),
      ("Artikel 5. De zorgplicht", "Artikel 5. De zorgplicht"),
    ])
  func markdownLineStarts(text: String, escaped: String) {
    #expect(DigestRenderer.escapeMarkdown(text) == escaped)
  }

  @Test(
    "a broken template is reported with its line",
    arguments: [
      ("{{title}}\n{{#items}}\n{{title}\n{{/items}}\n", 3, "not finished"),
      ("{{#items}}\n{{title}}\n{{/item}}\n", 3, "closed with a different name"),
      ("{{title}}\n\n\n{{#items}}{{title}}\n", 5, "never closed"),
    ])
  func brokenTemplate(_ example: (text: String, line: Int, reason: String)) throws {
    let error = #expect(throws: SummaryError.self) {
      try DigestRenderer.render(try Self.digest(gloss: nil), format: .markdown, template: (example.text, "my.mustache"))
    }
    #expect(error?.line == example.line, "\(String(describing: error))")
    #expect(error?.file == "my.mustache")
    #expect(error?.reason.contains(example.reason) == true, "\(String(describing: error))")
  }

  @Test("a user's template sees the digest's fields")
  func ownTemplate() throws {
    let output = try DigestRenderer.render(
      try Self.digest(gloss: nil), format: .text,
      template: ("{{% CONTENT_TYPE: TEXT}}{{#items}}{{number}}|{{date}}|{{title}}\n{{/items}}", "own.mustache"))
    #expect(
      output == "1|2026-01-30|Kabinet zet in op *ketenveiligheid*\n2|2026-01-12|Digital autonomy in procurement\n")
  }
}
