import ArgumentParser
import BeleidAnalysis
import BeleidDocuments
import BeleidGlossary
import BeleidSummary
import Foundation

/// `beleid summarize`: the sentences that carry a document.
struct Summarize: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "summarize",
    abstract: "Summarise a document with its own sentences, verbatim; optionally focused on a query and glossed.",
    discussion: """
      FILE is any document beleid reads (text, Markdown, HTML, PDF, XML, Word);
      DOC-ID is a document of the index, by path or bulk-file id.

        $ beleid summarize --sentences 3 --gloss en kamerbrief.pdf
        $ beleid summarize --words 80 --query zorgplicht --format json wetsvoorstel.txt
      """
  )

  @OptionGroup var index: IndexOptions
  @OptionGroup var glossary: GlossaryOptions

  @Option(help: "How many sentences (default 3).")
  var sentences: Int?

  @Option(help: "At most this many words instead (always at least one sentence).")
  var words: Int?

  @Option(help: "Focus on this query.")
  var query: String?

  @Option(help: "Add glossary equivalents in this language after the first occurrence of each term: en or nl.")
  var gloss: String?

  @Option(help: "text, markdown or json.")
  var format: String = "text"

  @Option(help: "The document's language: nl or en (default: its own, else detected).")
  var lang: String?

  @Option(help: "The document's kind: news, report, general or ruling (a court ruling; default: detected).")
  var kind: String?

  @Flag(help: "Best sentence first instead of document order.")
  var byScore = false

  @Flag(
    help:
      "Instead of the summary, list the defects of its sentences (headings, capitals, identifiers, footnote markers, markup, fragments); exit status 1 if any."
  )
  var lint = false

  @Flag(help: .hidden)
  var features = false

  @Argument(help: "A file or a document id.")
  var document: String

  func validate() throws {
    if sentences != nil && words != nil { throw ValidationError("give --sentences or --words, not both") }
    if let sentences, sentences < 1 { throw ValidationError("--sentences must be 1 or more") }
    if let words, words < 1 { throw ValidationError("--words must be 1 or more") }
    if let gloss, Language(code: gloss) == nil { throw ValidationError("--gloss must be en or nl, not '\(gloss)'") }
    if let lang, Language(code: lang) == nil { throw ValidationError("--lang must be nl or en, not '\(lang)'") }
    if let kind, DocumentKind(rawValue: kind) == nil {
      throw ValidationError("--kind must be news, report, general or ruling, not '\(kind)'")
    }
    if !["text", "markdown", "json"].contains(format) {
      throw ValidationError("--format must be text, markdown or json, not '\(format)'")
    }
  }

  struct Output: Codable {
    struct DocumentInfo: Codable {
      var key: String
      var title: String
      var path: String
      var date: String?
      var language: String
      var source: String?
    }
    struct Sentence: Codable {
      var text: String
      var glossed: String?
      var position: Int
      var start: Int
      var end: Int
      var score: Double
      var centrality: Double
      var positionPrior: Double
      var keyTerms: Double
      var queryRelevance: Double?
      var page: Int?
    }
    var document: DocumentInfo
    var kind: String
    var sentenceCount: Int
    var sentences: [Sentence]
    var glosses: [Gloss]
    var notes: [String]
  }

  /// Each sentence's features, as JSON, for `Benchmarks/train_summary_model.py`.
  struct FeatureOutput: Codable {
    struct Sentence: Codable {
      var text: String
      var features: [Double]
      var printable: Bool
    }
    var names: [String]
    var sentences: [Sentence]
  }

  func run() throws {
    if features {
      let output = try runCatching { () throws -> FeatureOutput in
        var source = try DocumentInput.load(document, index: index)
        if let lang { source.language = Language(code: lang) }
        let (names, sentences) = try Summarizer(matcher: try glossary.matcherIfFound("key terms are not glossed"))
          .sentenceFeatures(source)
        return FeatureOutput(
          names: names,
          sentences: sentences.map { .init(text: $0.text, features: $0.features, printable: $0.printable) })
      }
      print(try encodeJSON(output))
      return
    }
    let (source, summary, glossed) = try runCatching { () throws -> (Document, Summary, [GlossedText]?) in
      var source = try DocumentInput.load(document, index: index)
      if let lang { source.language = Language(code: lang) }
      let matcher = try glossary.matcherIfFound("key terms are not glossed")
      let summarizer = Summarizer(matcher: matcher)
      let options = SummaryOptions(
        length: words.map { .words($0) } ?? .sentences(sentences ?? 3), query: query,
        order: byScore ? .score : .document, kind: kind.flatMap(DocumentKind.init(rawValue:)))
      let summary = try summarizer.summarize(source, options: options)
      guard !summary.sentences.isEmpty else {
        let reason = summary.notes.last.map { " (\($0))" } ?? ""
        throw CLIError("nothing to summarise: \(document) has no sentences\(reason)")
      }
      var glossed: [GlossedText]?
      if let gloss, let target = Language(code: gloss) {
        guard let matcher else { throw CLIError("--gloss needs a glossary; none was found (--glossary PATH)") }
        glossed = try Glosser(matcher: matcher).gloss(
          summary.sentences.map(\.text), language: summary.language, target: target)
      }
      return (source, summary, glossed)
    }
    for note in summary.notes { printError("note: \(note)") }
    if lint {
      let defects = summary.sentences.map { SentenceLint.defects($0.text) }
      for (sentence, found) in zip(summary.sentences, defects) where !found.isEmpty {
        print("\(found.map(\.rawValue).joined(separator: ", ")): \(sentence.text)")
      }
      let count = defects.reduce(0) { $0 + $1.count }
      print("\(count) defect\(count == 1 ? "" : "s") in \(summary.sentences.count) sentences")
      if count > 0 { throw ExitCode(1) }
      return
    }
    let texts = glossed?.map(\.text) ?? summary.sentences.map(\.text)
    switch format {
    case "json":
      let sentences = summary.sentences.enumerated().map { index, sentence in
        Output.Sentence(
          text: sentence.text, glossed: glossed?[index].text, position: sentence.position, start: sentence.start,
          end: sentence.end, score: rounded(sentence.score), centrality: rounded(sentence.centrality),
          positionPrior: rounded(sentence.positionPrior), keyTerms: rounded(sentence.keyTerms),
          queryRelevance: sentence.queryRelevance.map(rounded), page: sentence.page)
      }
      let info = Output.DocumentInfo(
        key: source.key, title: source.title, path: source.path, date: source.date, language: summary.language.code,
        source: source.source)
      print(
        try encodeJSON(
          Output(
            document: info, kind: summary.kind.rawValue, sentenceCount: summary.sentenceCount, sentences: sentences,
            glosses: glossed?.flatMap(\.glosses) ?? [], notes: summary.notes)))
    case "markdown":
      let details = [source.date, source.source].compactMap { $0 }.filter { !$0.isEmpty }
      print("**\(Markdown.escape(source.title))**" + (details.isEmpty ? "" : " (\(details.joined(separator: ", ")))"))
      print("")
      // Pages after sentences of paged documents, for citing: "… (p. 12)".
      let cited = zip(texts, summary.sentences).map { text, sentence in
        Markdown.escape(text) + (sentence.page.map { " (p. \($0))" } ?? "")
      }
      print(cited.joined(separator: " "))
    default:
      print(texts.joined(separator: " "))
    }
  }
}

/// `value` to four decimals, so JSON output does not depend on the order
/// floating-point sums were taken in.
func rounded(_ value: Double) -> Double {
  (value * 10_000).rounded() / 10_000
}

/// Escaping for text placed in Markdown: the digest renderer's, so both
/// commands escape alike.
enum Markdown {
  static func escape(_ text: String) -> String { DigestRenderer.escapeMarkdown(text) }
}
