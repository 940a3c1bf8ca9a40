import ArgumentParser
import BeleidAnalysis
import BeleidDocuments
import BeleidGlossary
import BeleidSummary
import Foundation

/// `beleid keywords`: a document's key terms, with glossary equivalents.
struct Keywords: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "keywords",
    abstract: "List a document's key terms and phrases, with glossary equivalents in the other language.",
    discussion: """
      Key terms are glossary terms, Dutch compounds and multi-word phrases,
      ranked by how often and how prominently the document uses them.

        $ beleid keywords coalitieakkoord.md
        $ beleid keywords --limit 30 --format json kamerbrief.pdf
      """
  )

  @OptionGroup var index: IndexOptions
  @OptionGroup var glossary: GlossaryOptions

  @Option(help: "How many terms.")
  var limit = 15

  @Option(help: "text, markdown or json.")
  var format: String = "text"

  @Option(help: "The document's language: nl or en (default: its own, else detected).")
  var lang: String?

  @Argument(help: "A file or a document id.")
  var document: String

  func validate() throws {
    if limit < 1 { throw ValidationError("--limit must be 1 or more") }
    if let lang, Language(code: lang) == nil { throw ValidationError("--lang must be nl or en, not '\(lang)'") }
    if !["text", "markdown", "json"].contains(format) {
      throw ValidationError("--format must be text, markdown or json, not '\(format)'")
    }
  }

  func run() throws {
    let keywords = try runCatching { () throws -> [Keyword] in
      var source = try DocumentInput.load(document, index: index)
      if let lang { source.language = Language(code: lang) }
      let matcher = try glossary.matcherIfFound("key terms are not matched against it")
      return try KeywordExtractor(matcher: matcher).keywords(of: source, limit: limit)
    }
    if keywords.isEmpty {
      printError("note: \(document) has no key terms (no words beyond stop words and numbers)")
    }
    switch format {
    case "json":
      print(try encodeJSON(keywords))
    case "markdown":
      for keyword in keywords {
        print("- **\(Markdown.escape(keyword.text))**" + (keyword.equivalent.map { " (\(Markdown.escape($0)))" } ?? ""))
      }
    default:
      for keyword in keywords {
        print("\(keyword.text)\t\(keyword.equivalent ?? "")\t\(keyword.count)")
      }
    }
  }
}
