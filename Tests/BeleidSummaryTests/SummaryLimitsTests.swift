import BeleidAnalysis
import BeleidDocuments
import BeleidTestSupport
import Foundation
import Testing

@testable import BeleidSummary

/// Text and templates that broke summaries and digests on fdeb881.
@Suite("Summary and template limits")
struct SummaryLimitsTests {
  static var sampleDigest: Digest {
    get throws {
      try DigestBuilder(matcher: nil).build(
        [document(newsArticle, title: "Ketenveiligheid", date: "2026-01-30")],
        options: .init(title: "Week 5", generated: "2026-02-01"))
    }
  }

  static func render(_ template: String) throws -> String {
    try DigestRenderer.render(try sampleDigest, format: .markdown, template: (template, "user.mustache"))
  }

  /// `depth` sections nested inside each other around one tag.
  static func nested(_ depth: Int) -> String {
    String(repeating: "{{#title}}", count: depth) + "{{title}}" + String(repeating: "{{/title}}", count: depth)
  }

  @Test(
    "sections nest at most 32 deep (C5: 3,000 crashed swift-mustache)",
    arguments: [
      (TemplateCheck.maximumDepth - 1, true), (TemplateCheck.maximumDepth, true),
      (TemplateCheck.maximumDepth + 1, false), (10 * TemplateCheck.maximumDepth, false), (3_000, false),
    ])
  func depth(_ example: (depth: Int, accepted: Bool)) throws {
    do {
      let output = try Self.render(Self.nested(example.depth))
      #expect(example.accepted)
      #expect(output.contains("Week 5"))
    } catch let error as SummaryError {
      #expect(!example.accepted, "\(error)")
      #expect(error.reason.contains("nest more than 32 deep"))
      #expect(error.file == "user.mustache" && error.line == 1)
    }
  }

  @Test(
    "a template holds at most 2,000 tags (H1: 50,000 ran past 100 s)",
    arguments: [
      (TemplateCheck.maximumTags - 1, true), (TemplateCheck.maximumTags, true), (TemplateCheck.maximumTags + 1, false),
      (50_000, false),
    ])
  func tagCount(_ example: (tags: Int, accepted: Bool)) throws {
    // Five bytes a tag, so that 50,000 stay under the size limit.
    let template = String(repeating: "{{x}}", count: example.tags)
    let clock = ContinuousClock()
    var accepted = false
    let elapsed = try clock.measure {
      do {
        _ = try Self.render(template)
        accepted = true
      } catch let error as SummaryError {
        #expect(error.reason.contains("more than 2000 tags"))
        #expect(error.line == 1)
      }
    }
    #expect(accepted == example.accepted)
    // Not a timing test: a refused template must be refused before parsing.
    if !example.accepted { #expect(elapsed < .seconds(5)) }
  }

  @Test("a template over 256 KiB is refused; set delimiters are followed")
  func sizeAndDelimiters() throws {
    #expect(throws: SummaryError.self) { try Self.render(String(repeating: "x", count: 300 << 10)) }
    let output = try Self.render("{{=<% %>=}}<%title%> {{title}}")
    #expect(output.contains("Week 5 {{title}}"))
    #expect(throws: SummaryError.self) {
      try Self.render(
        "{{=<% %>=}}" + String(repeating: "<%#title%>", count: 40) + String(repeating: "<%/title%>", count: 40))
    }
  }

  @Test(
    "text without sentences of words gives no summary, with the reason (S1)",
    arguments: [
      ("only numbers", String(repeating: "12 345 6789 2026 ", count: 2_000)),
      ("1 MB of dots", String(repeating: ".", count: 1 << 20)),
      ("one run of 300 KB", String(repeating: "ketenveiligheid ", count: 20_000)),
    ])
  func nothingToQuote(_ example: (name: String, body: String)) throws {
    let summary = try Summarizer(matcher: nil).summarize(document(example.body))
    #expect(summary.sentences.isEmpty, "\(example.name): \(summary.sentences.map(\.text.count))")
    #expect(summary.notes.contains { $0.contains("no sentence can be quoted") })
  }

  @Test("a repeated sentence is quoted once (S2)")
  func repeats() throws {
    let body =
      "Dit is Nederlands. Dit is Nederlands. Dit is  nederlands. Het kabinet versterkt de ketenveiligheid van vitale aanbieders."
    let summary = try Summarizer(matcher: nil).summarize(document(body), options: .init(length: .sentences(3)))
    let texts = summary.sentences.map { $0.text.lowercased() }
    #expect(texts.filter { $0.hasPrefix("dit is nederlands") }.count <= 1, "\(texts)")
    #expect(Set(texts).count == texts.count)
  }
}
