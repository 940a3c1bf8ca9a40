import ArgumentParser
import BeleidAnalysis
import BeleidDocuments
import BeleidGlossary
import BeleidIndex
import BeleidSearch
import BeleidSummary
import Foundation

/// `beleid newsletter`: a digest of documents found by a query or in a folder.
struct Newsletter: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "newsletter",
    abstract: "Render a newsletter digest: a lead, contents, and per item a summary and key terms.",
    discussion: """
      Items come from a search of the index (--query), from the documents in
      a folder (--path, newest first), or are named: files, or documents of the
      index by path, JSON Lines id or the number search --json prints. Sentences are quoted verbatim; with
      --gloss en, Dutch glossary terms get their English equivalent after their
      first occurrence. Templates are Mustache; print a bundled one with
      --print-template FORMAT, edit it, and pass it with --template FILE.

        $ beleid newsletter --query "digitale autonomie" --format html > digest.html
        $ beleid newsletter --path Corpus/nl --since 2026-01 --gloss en
        $ beleid newsletter Corpus/nl/cloud-en-hyperscalers.md 12 --format text
      """
  )

  @OptionGroup var index: IndexOptions
  @OptionGroup var glossary: GlossaryOptions

  @Option(help: "Find the items by this search of the index.")
  var query: String?

  @Option(help: ArgumentHelp("Take the items from the documents in this folder.", valueName: "dir"))
  var path: String?

  @Option(help: "Only items dated on or after this day (YYYY-MM-DD, YYYY-MM or YYYY).")
  var since: String?

  @Option(help: "Only items dated on or before this day (YYYY-MM-DD, YYYY-MM or YYYY).")
  var until: String?

  @Option(help: "At most this many items.")
  var limit = 10

  @Option(help: "Sentences per item.")
  var sentences = 3

  @Option(help: "markdown, html, text or json.")
  var format: String = "markdown"

  @Option(help: ArgumentHelp("Render with this Mustache template instead of the bundled one.", valueName: "file"))
  var template: String?

  @Option(help: "Gloss glossary terms for readers of this language: en or nl.")
  var gloss: String?

  @Option(help: "The digest's title.")
  var title: String?

  @Option(help: "The day the digest is dated, YYYY-MM-DD (default: today).")
  var date: String?

  @Option(
    help: ArgumentHelp(
      "Link items without a URL to this URL plus their path (relative to the working directory); without it they get no link.",
      valueName: "url"))
  var linkBase: String?

  @Option(help: "A line above the digest's title (an issue number, a greeting).")
  var header: String?

  @Option(help: "A line below the items (who sends it, why the reader gets it).")
  var footer: String?

  @Option(help: ArgumentHelp("An unsubscribe link at the end (http or https).", valueName: "url"))
  var unsubscribe: String?

  @Flag(
    help:
      "Instead of the digest, list the defects of its lead and item sentences (as summarize --lint); exit status 1 if any."
  )
  var lint = false

  @Option(help: ArgumentHelp("Print the bundled template for markdown, html or text, and stop.", valueName: "format"))
  var printTemplate: String?

  @Argument(help: "Items by name, in this order: files, or index documents by path, id or number.")
  var documents: [String] = []

  func validate() throws {
    if printTemplate != nil {
      guard let format = DigestRenderer.Format(rawValue: printTemplate ?? ""), format != .json else {
        throw ValidationError("--print-template takes markdown, html or text")
      }
      return
    }
    if [query != nil, path != nil, !documents.isEmpty].filter({ $0 }).count != 1 {
      throw ValidationError("give --query Q, --path DIR or documents by name (one of them)")
    }
    if limit < 1 { throw ValidationError("--limit must be 1 or more") }
    if sentences < 1 { throw ValidationError("--sentences must be 1 or more") }
    if DigestRenderer.Format(rawValue: format) == nil {
      throw ValidationError("--format must be markdown, html, text or json, not '\(format)'")
    }
    if template != nil && format == "json" { throw ValidationError("--template does not apply to --format json") }
    if let gloss, Language(code: gloss) == nil { throw ValidationError("--gloss must be en or nl, not '\(gloss)'") }
    if let unsubscribe, WebLink.safe(unsubscribe) == nil {
      throw ValidationError("--unsubscribe must be an http or https URL, not '\(unsubscribe)'")
    }
    if let linkBase, WebLink.safe(linkBase) == nil {
      throw ValidationError("--link-base must be an http or https URL, not '\(linkBase)'")
    }
    for (name, value) in [("--since", since), ("--until", until)] {
      if let value, DocumentDate.period(value) == nil {
        throw ValidationError("\(name) must be a day that exists: YYYY-MM-DD, YYYY-MM or YYYY, not '\(value)'")
      }
    }
    if let date, date.utf8.count != 10 || DocumentDate.period(date)?.count != 1 {
      throw ValidationError("--date must be a day that exists, YYYY-MM-DD, not '\(date)'")
    }
    if let first = since.flatMap(DocumentDate.period), let last = until.flatMap(DocumentDate.period),
      first.lowerBound > last.upperBound
    {
      throw ValidationError("--since is after --until")
    }
  }

  /// Whether a document's date falls between --since and --until (the
  /// first day of --since, the last of --until); undated documents, and
  /// documents whose date is not a real day, fall outside any bound.
  func inRange(_ date: String?) -> Bool {
    guard since != nil || until != nil else { return true }
    guard let date, let day = DocumentDate.days(String(date.prefix(10))) else { return false }
    if let first = since.flatMap(DocumentDate.period), day < first.lowerBound { return false }
    if let last = until.flatMap(DocumentDate.period), day > last.upperBound { return false }
    return true
  }

  func run() throws {
    if let printTemplate, let format = DigestRenderer.Format(rawValue: printTemplate) {
      print(try runCatching { try DigestRenderer.bundledTemplate(format) }, terminator: "")
      return
    }
    let output = try runCatching { () throws -> String in
      let templateText: (text: String, file: String)? = try template.map { file in
        guard let data = FileManager.default.contents(atPath: file) else {
          throw CLIError("cannot read template \(file)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
          throw CLIError("\(file): the template is not UTF-8")
        }
        return (text, file)
      }
      // Parse the template first: a broken one should not cost a search.
      if let templateText { _ = try DigestRenderer.template(templateText.text, file: templateText.file) }
      let documents = try query != nil ? searched() : path != nil ? folder() : named()
      let matcher = try glossary.matcherIfFound("key terms are not glossed")
      let formatter = DateFormatter()
      formatter.dateFormat = "yyyy-MM-dd"
      formatter.locale = Locale(identifier: "en_US_POSIX")
      var options = DigestBuilder.Options(
        title: title ?? (query.map { "Digest: \($0)" } ?? "Digest"), query: query, sentencesPerItem: sentences,
        gloss: gloss.flatMap(Language.init(code:)), generated: date ?? formatter.string(from: Date()),
        linkBase: linkBase)
      options.header = header
      options.footer = footer
      options.unsubscribe = unsubscribe
      let digest = try DigestBuilder(matcher: matcher).build(documents, options: options)
      for note in digest.notes { printError("note: \(note)") }
      if lint {
        let findings = digest.findings()
        let count = findings.reduce(0) { $0 + $1.defects.count }
        let lines = findings.map { "\($0.place): \($0.defects.map(\.rawValue).joined(separator: ", ")): \($0.text)" }
        let total = "\(count) defect\(count == 1 ? "" : "s") in \(digest.sentenceCount) sentences"
        if count > 0 {
          print((lines + [total]).joined(separator: "\n"))
          throw ExitCode(1)
        }
        return total
      }
      return try DigestRenderer.render(digest, format: DigestRenderer.Format(rawValue: format)!, template: templateText)
    }
    print(output, terminator: output.hasSuffix("\n") ? "" : "\n")
  }

  /// The documents named as arguments, in their order, within the dates.
  private func named() throws -> [Document] {
    let found = try documents.map { try DocumentInput.load($0, index: index) }
    let kept = found.filter { inRange($0.date) }
    if kept.isEmpty { throw CLIError("none of the documents named is dated between the dates given") }
    return Array(kept.prefix(limit))
  }

  /// The best hits for --query, in rank order, within the dates.
  private func searched() throws -> [Document] {
    let reader = try index.openOrBuildBundled()
    let planner = try glossary.planner(for: reader, translate: true, dictionary: true, required: false)
    let plan = try planner.plan(try QueryParser().parse(query ?? ""))
    // Without fields: each document is decoded once, below.
    // With explanations: an item must hold the query itself, not only a
    // compound part of it or a lesser translation (strafrechtketen for
    // ketenveiligheid).
    let results = try Searcher(reader: reader).search(
      plan, .init(limit: max(limit * 5, 50), fields: false, explain: true))
    var documents: [Document] = []
    var weak: [String] = []
    for hit in results.hits where documents.count < limit {
      let document = try reader.document(hit.document)
      guard inRange(document.date) else { continue }
      if hit.matchesOnlyWeakly {
        weak.append(document.path)
        continue
      }
      documents.append(document)
    }
    if !weak.isEmpty {
      let named = weak.prefix(3).joined(separator: ", ") + (weak.count > 3 ? " …" : "")
      printError(
        "note: left out \(weak.count) document\(weak.count == 1 ? "" : "s") that hold only parts of the query's compounds or lesser translations: \(named)"
      )
    }
    guard !documents.isEmpty else {
      let dates = since != nil || until != nil ? " between the dates given" : ""
      printError(
        "no documents match '\(query ?? "")'\(dates) in the index at \(index.folder); try other or fewer words")
      throw ExitCode(1)
    }
    return documents
  }

  /// The documents under --path within the dates, newest first.
  private func folder() throws -> [Document] {
    let folder = path ?? "."
    let (files, missing) = FileCrawler().files(under: [folder])
    if !missing.isEmpty { throw CLIError("no such folder: \(folder)") }
    var documents: [Document] = []
    for file in files {
      let source: SourceFile
      do {
        source = try SourceFile(path: file)
      } catch {
        printError("note: \(file): skipped: \(error)")
        continue
      }
      guard let reader = DocumentReaders.reader(for: source) else {
        printError("note: \(DocumentError(path: file, .binary).description)")
        continue
      }
      do {
        _ = try reader.read(source) { if inRange($0.date) { documents.append($0) } }
      } catch let error as DocumentError {
        printError("note: \(error.description)")
      }
    }
    documents.sort { ($0.date ?? "") != ($1.date ?? "") ? ($0.date ?? "") > ($1.date ?? "") : $0.path < $1.path }
    guard !documents.isEmpty else {
      throw CLIError("no documents in \(folder)\(since != nil || until != nil ? " between the dates given" : "")")
    }
    return Array(documents.prefix(limit))
  }
}
