import BeleidAnalysis
import BeleidDocuments
import BeleidTestSupport
import Foundation
import Testing

@testable import BeleidSummary

@Suite("Summarizer")
struct SummarizerTests {
  @Test("chosen sentences come in document order and their byte ranges slice the source")
  func rangesAndOrder() throws {
    let source = document(newsArticle)
    let summary = try Summarizer().summarize(source, options: SummaryOptions(length: .sentences(3)))
    #expect(summary.sentences.count == 3)
    #expect(summary.sentences.map(\.position) == summary.sentences.map(\.position).sorted())
    let bytes = Array(source.body.utf8)
    for sentence in summary.sentences {
      let slice = String(decoding: bytes[sentence.range], as: UTF8.self)
      #expect(SentenceLint.clean(SentenceTable.collapse(Array(slice.utf8))) == sentence.text)
    }
  }

  @Test("sentences of a paged document carry their page")
  func pages() throws {
    var paged = document(newsArticle)
    let second = try #require(paged.body.utf8.firstIndex(of: UInt8(ascii: "D")))
    let offset = paged.body.utf8.distance(from: paged.body.utf8.startIndex, to: second)
    paged.pageStarts = [0, offset]
    let summary = try Summarizer().summarize(paged, options: SummaryOptions(length: .sentences(3)))
    for sentence in summary.sentences {
      #expect(sentence.page == (sentence.start < offset ? 1 : 2))
    }
    #expect(try Summarizer().summarize(document(newsArticle)).sentences.allSatisfy { $0.page == nil })
  }

  @Test("a dangling opener, a heading and a number table lose to whole sentences")
  func penalties() throws {
    let table = try SentenceTable(
      Array(
        "## Inleiding\n\nDit vraagt veel van kleine bedrijven. Het kabinet wil de ketenveiligheid versterken.\n\n2026 2027 2028"
          .utf8),
      splitter: SentenceSplitter(language: .dutch), analyzer: Analyzer(language: .dutch))
    let penalties = table.units.map { Summarizer.penalty($0) }
    #expect(table.units.count == 4)
    #expect(table.units[0].isHeading)
    #expect(table.units[1].opensWithReference)
    #expect(!table.units[2].opensWithReference && !table.units[2].isHeading)
    #expect(penalties[2] == penalties.max())
    #expect(penalties[0] < 0.5 && penalties[1] < penalties[2] && penalties[3] < 0.5)
  }

  @Test(
    "a query pulls its sentences in",
    arguments: [
      ("meldplicht", "meldplicht"), ("toezicht", "toezichthouder"), ("supply chain security", "ketenveiligheid"),
    ])
  func query(_ example: (query: String, expected: String)) throws {
    let summary = try Summarizer(matcher: bundledMatcher).summarize(
      document(newsArticle), options: SummaryOptions(length: .sentences(1), query: example.query))
    #expect(summary.notes.isEmpty)
    #expect(summary.sentences.first?.text.contains(example.expected) == true, "\(summary.sentences)")
  }

  @Test("a query that matches nothing is noted and ignored")
  func queryWithoutMatch() throws {
    let summary = try Summarizer().summarize(
      document(newsArticle), options: SummaryOptions(length: .sentences(2), query: "kernfusie"))
    #expect(summary.sentences.count == 2)
    #expect(summary.notes.contains { $0.contains("no sentence matches the query 'kernfusie'") })
  }

  @Test("a word budget is kept, and one sentence is always given")
  func wordBudget() throws {
    let summarizer = Summarizer()
    let summary = try summarizer.summarize(document(newsArticle), options: SummaryOptions(length: .words(40)))
    #expect(!summary.sentences.isEmpty && summary.wordCount <= 40)
    let tiny = try summarizer.summarize(document(newsArticle), options: SummaryOptions(length: .words(1)))
    #expect(tiny.sentences.count == 1)
  }

  @Test(
    "awkward documents give sensible summaries",
    arguments: [
      ("empty", "", 0),
      ("only white space", " \n\n \t", 0),
      ("one sentence", "De Cyberbeveiligingswet treedt in 2026 in werking.", 1),
      ("bullets without punctuation", "- Cyberbeveiliging\n- Digitale autonomie\n- Open source\n- Ketenveiligheid", 3),
      ("a table", "| Jaar | Budget |\n|---|---|\n| 2026 | 12 miljoen |\n| 2027 | 15 miljoen |", 3),
      // Only numbers and punctuation: nothing fit to quote (S1 of the
      // hardening issue; fdeb881 quoted two "sentences" of it).
      ("no letters", "1234 5678 ... 90 %%% ###", 0),
    ])
  func awkward(_ example: (name: String, body: String, count: Int)) throws {
    let summary = try Summarizer().summarize(document(example.body), options: SummaryOptions(length: .sentences(3)))
    #expect(summary.sentences.count == example.count, "\(example.name): \(summary.sentences.map(\.text))")
    for sentence in summary.sentences {
      #expect(!sentence.text.contains("\n"))
      // Bullet items stay apart: no chosen sentence holds two of them.
      #expect(sentence.text.components(separatedBy: "- ").count <= 2, "\(sentence.text)")
    }
    if example.count == 0 {
      #expect(
        summary.notes == ["the document has no text"]
          || summary.notes.contains { $0.hasPrefix("no sentence can be quoted") }, "\(summary.notes)")
    }
  }

  @Test("a document of 100,000 words is summarised")
  func hugeDocument() throws {
    var words = 0
    var paragraphs: [String] = []
    var number = 0
    let sentences = newsArticle.split(separator: "\n").filter { !$0.isEmpty }.map(String.init)
    while words < 100_000 {
      number += 1
      let paragraph = sentences[number % sentences.count] + " Zaak \(number) betreft organisatie \(number * 7)."
      words += paragraph.split(separator: " ").count
      paragraphs.append(paragraph)
    }
    let summary = try Summarizer().summarize(
      document(paragraphs.joined(separator: "\n\n")), options: SummaryOptions(length: .sentences(3)))
    #expect(summary.sentences.count == 3)
    #expect(summary.sentenceCount > 5_000)
    #expect(summary.kind == .report)
  }

  @Test("news leads count: the detected kind follows the source and length")
  func kinds() {
    #expect(Summarizer.kind(of: document("x", source: "news article"), sentences: 20) == .news)
    #expect(Summarizer.kind(of: document("x", path: "/corpus/news/a.txt"), sentences: 20) == .news)
    #expect(Summarizer.kind(of: document("x"), sentences: 400) == .report)
    #expect(Summarizer.kind(of: document("x"), sentences: 40) == .general)
  }

  @Test("across documents, a query meets each document in its own language")
  func multiDocumentQuery() throws {
    let dutch = document(
      "Het kabinet investeert in digitale autonomie. De begroting volgt in het voorjaar.", title: "NL", path: "/nl.md")
    let english = document(
      "The budget follows in spring. Digital autonomy is the freedom to choose technology.", title: "EN",
      language: .english, path: "/en.md")
    let summary = try Summarizer(matcher: bundledMatcher).summarize(
      documents: [dutch, english], options: SummaryOptions(length: .sentences(2), query: "digitale autonomie"),
      perDocument: 1)
    let texts = summary.sentences.map(\.text)
    #expect(texts.contains("Het kabinet investeert in digitale autonomie."), "\(texts)")
    #expect(texts.contains("Digital autonomy is the freedom to choose technology."), "\(texts)")
    #expect(summary.sentences.allSatisfy { ($0.queryRelevance ?? 0) > 0 })
  }

  @Test("across documents: at most one sentence each, and a repeated story once")
  func multiDocument() throws {
    let a = document(newsArticle, title: "A", path: "/a.md")
    let copy = document(newsArticle, title: "A again", path: "/b.md")
    let other = document(
      "Open source draagt bij aan digitale autonomie. De overheid publiceert haar broncode. Leveranciers moeten meewerken.",
      title: "C", path: "/c.md")
    let summary = try Summarizer().summarize(
      documents: [a, copy, other], options: SummaryOptions(length: .sentences(3)), perDocument: 1)
    #expect(summary.sentences.count == 3)
    #expect(Set(summary.sentences.compactMap(\.document)).count == 3)
    #expect(Set(summary.sentences.map(\.text)).count == 3, "\(summary.sentences.map(\.text))")
  }
}
