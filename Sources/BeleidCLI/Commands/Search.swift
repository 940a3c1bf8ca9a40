import ArgumentParser
import BeleidAnalysis
import BeleidDocuments
import BeleidGlossary
import BeleidIndex
import BeleidSearch
import Foundation

/// `beleid search`: ranked search with snippets.
struct Search: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "search",
    abstract: "Search the index: ranked hits with snippets (query language below).",
    discussion: """
      Words are analysed like the indexed text, so inflections, compound parts
      and hyphen variants match. Glossary terms also match their equivalents in
      the other language, and other words their FreeDict translations, unless
      --no-translate. Without an index, one is built from the bundled Corpus.

      Query language, one construct a line:
        cloud beleid                 documents with more of the words rank first
        cloud AND beleid             both must match; OR: either may
        +zorgplicht -DORA            + must match; - or NOT must not
        (cloud OR hyperscaler) AND aanbesteding    grouping
        "digitale autonomie"         a phrase; "kabinet autonomie"~3 allows slop
        soeverein*                   every word starting so (at most 512 forms)
        soevereiniteid~1             words within 1 (or ~2: 2) edits
        title:cloud                  in the title only
        lang:nl  source:PIANOo  path:kamerbrieven   filters
        date:2026  date:2025-01..2026-06  date:2026..   dates and ranges

      Examples:
        $ beleid search "supply chain security"
        $ beleid search ketenveiligheid --explain
        $ beleid search '"digitale autonomie" date:2026 lang:nl' --json
        $ beleid search --queries queries.tsv > run.trec
        $ beleid search --queries queries.tsv --threads 4 --jsonl

      Exit codes: 0 when a document matched, 1 when none did, 2 for an error
      (with --queries: 2 when a line or query failed).
      """
  )

  @OptionGroup var index: IndexOptions

  @OptionGroup var glossary: GlossaryOptions

  @Flag(help: "Search the words as written: no glossary equivalents, no dictionary translations.")
  var noTranslate = false

  @Flag(help: "Translate through the glossary only, not through FreeDict.")
  var noDictionary = false

  @Flag(help: "Read the query as plain words: no operators, phrases or fields (for pasted sentences).")
  var literal = false

  @Option(help: "How many hits to show.")
  var limit = 10

  @Option(help: "Skip this many hits first.")
  var offset = 0

  @Option(help: "The query's language: nl or en (default: detected).")
  var lang: String?

  @Flag(help: "Print one compact JSON object (schema in the README); with --queries, an array of queries.")
  var json = false

  @Flag(help: "Print JSON Lines: one hit per line; with --queries, one query per line as each finishes.")
  var jsonl = false

  @OptionGroup var color: ColorOptions

  @Flag(help: "Show how each hit's score is made up.")
  var explain = false

  @Option(
    help: "Run qid<TAB>query lines from a file ('-' for standard input); print TREC run lines, or JSON with --json.")
  var queries: String?

  @Flag(help: "With --queries: run every query once untimed first, as benchmarks do.")
  var warmUp = false

  @Option(help: "With --queries: give up on a query after this many milliseconds (it is reported; the rest run).")
  var queryTimeLimit = 10_000

  @Option(help: "With --queries: answer on this many threads sharing the open index (output keeps the file's order).")
  var threads = 1

  @Argument(help: "The query.")
  var query: [String] = []

  func validate() throws {
    if limit < 0 || offset < 0 { throw ValidationError("--limit and --offset must be 0 or more") }
    if let lang, Language(code: lang) == nil { throw ValidationError("--lang must be nl or en, not '\(lang)'") }
    if queries == nil && query.isEmpty { throw ValidationError("give a query, or --queries FILE") }
    if queries != nil && !query.isEmpty { throw ValidationError("give either a query or --queries, not both") }
    if queryTimeLimit < 1 { throw ValidationError("--query-time-limit must be 1 or more (milliseconds)") }
    if json && jsonl { throw ValidationError("give either --json or --jsonl, not both") }
    if threads < 1 || threads > 256 { throw ValidationError("--threads must be from 1 to 256") }
    if threads > 1 && queries == nil {
      throw ValidationError("--threads is for --queries; one query runs on one thread")
    }
  }

  func run() throws {
    _ = StartupTrace.phase("analysis resources") { AnalysisResources.shared }
    let reader = try StartupTrace.phase("open index") { try runCatching { try index.openOrBuildBundled() } }
    for warning in reader.warnings { printError("warning: \(warning)") }
    let language = lang.flatMap(Language.init(code:))
    if let queries {
      try runBatch(queries, reader: reader, language: language)
      return
    }
    let text = query.joined(separator: " ")
    let planner = try StartupTrace.phase("glossary and dictionary") { try makePlanner(reader) }
    let searcher = Searcher(reader: reader)
    let (plan, results) = try runCatching { () throws -> (QueryPlan, SearchResults) in
      let plan = try StartupTrace.phase("plan query") { try planner.plan(try parse(text), language: language) }
      let results = try StartupTrace.phase("search and snippets") {
        try searcher.search(plan, .init(limit: limit, offset: offset, explain: explain, snippets: true))
      }
      return (plan, results)
    }
    try printSpellingHints(plan, reader: reader)
    if json {
      print(try encodeJSON(SearchOutput(query: text, results: results)))
    } else if jsonl {
      for note in results.notes { printError("note: \(note)") }
      for hit in results.hits { print(try encodeJSON(hit)) }
    } else {
      printResults(results, plan: plan)
    }
    // grep's convention: 1 when nothing matched.
    if results.hits.isEmpty { throw ExitCode(1) }
  }

  /// "Did you mean" on stderr for query words that match no document; the
  /// query is not changed.
  private func printSpellingHints(_ plan: QueryPlan, reader: IndexReader) throws {
    let suggestions = try runCatching { try SpellingSuggester(reader: reader).suggestions(for: plan) }
    for suggestion in suggestions {
      let documents = "\(suggestion.documentFrequency) document\(suggestion.documentFrequency == 1 ? "" : "s")"
      printError(
        "hint: '\(suggestion.word)' is in no document; did you mean '\(suggestion.suggestion)' (\(documents))?")
    }
  }

  /// The query parsed, literally with --literal.
  private func parse(_ text: String) throws -> QueryNode { try Self.parse(text, literal: literal) }

  /// A query parsed, or read as plain words when `literal`.
  static func parse(_ text: String, literal: Bool) throws -> QueryNode {
    literal ? try QueryParser().parseLiteral(text) : try QueryParser().parse(text)
  }

  /// A planner that translates through the glossary and FreeDict, unless
  /// --no-translate.
  private func makePlanner(_ reader: IndexReader) throws -> QueryPlanner {
    try glossary.planner(for: reader, translate: !noTranslate, dictionary: !noDictionary)
  }

  private func printResults(_ results: SearchResults, plan: QueryPlan) {
    let terminal = color.isEnabled
    let (open, close) = terminal ? ("\u{1B}[1m", "\u{1B}[0m") : ("«", "»")
    for note in results.notes { print("note: \(note)") }
    if explain { printPlan(plan) }
    if results.hits.isEmpty {
      printError("no documents match")
      return
    }
    for hit in results.hits {
      var header = "\(hit.rank). \(shorten(hit.title ?? hit.key, 120))"
      header += String(format: "  (score %.2f", hit.score)
      if let matched = hit.matchedClauses, case .boolean(let boolean) = plan.root {
        header += ", \(matched)/\(boolean.should.count) words"
      }
      header += ")"
      print(terminal ? "\(open)\(header)\(close)" : header)
      let details = [hit.path, hit.date, hit.language, hit.type, hit.source.map { shorten($0, 60) }].compactMap { $0 }
        .filter { !$0.isEmpty }
      print("   " + details.joined(separator: " · "))
      if let snippet = hit.snippet {
        var line = snippet.marked(open: open, close: close)
        if snippet.startsInside { line = "…" + line }
        if snippet.endsInside { line += "…" }
        if let page = snippet.page { line += " (p. \(page))" }
        print("   " + line)
      }
      if let explanation = hit.explanation {
        for part in explanation {
          if part.label == Searcher.proximityLabel {
            print(
              String(
                format:
                  "     best passage: %.3f = the idf of the query's words found within %d positions of each other",
                part.score, Int(Proximity.width)))
            continue
          }
          print(
            String(
              format: "     %@: %.3f = idf %.3f (df %d) × BM25F(title tf %.1f, body tf %.1f)%@ via %@", part.label,
              part.score,
              part.idf, part.documentFrequency, part.titleFrequency, part.bodyFrequency,
              part.bonus > 0 ? String(format: ", +%.1f for matching", part.bonus) : "",
              part.matched.joined(separator: ", ")))
        }
      }
    }
  }

  /// The query as searched: each leaf and its options, grouped by where
  /// they came from (the query, a glossary entry, the dictionary).
  private func printPlan(_ plan: QueryPlan) {
    print("query (\(plan.language.code)):")
    for leaf in plan.leaves {
      var groups: [(origin: String, matches: [String], weight: Double)] = []
      for option in leaf.options {
        let origin = option.origin
        if let index = groups.firstIndex(where: { $0.origin == origin && $0.weight == option.weight }) {
          groups[index].matches.append(option.match.description)
        } else {
          groups.append((origin, [option.match.description], option.weight))
        }
      }
      print("  \(leaf.titleOnly ? "title:" : "")\(leaf.label)" + (leaf.options.count > 1 ? " (one synonym set)" : ""))
      for group in groups {
        print("     \(group.origin) ×\(String(format: "%g", group.weight)): \(group.matches.joined(separator: " | "))")
      }
    }
    print("")
  }

  /// A TREC document id: the id of a bulk-file line (the key after
  /// `FILE.jsonl#`), else the path; white space, `%` and `#` in it are
  /// percent-encoded, so an id is one field and a path holding `#` is not
  /// cut (`etc#passwd` stays whole).
  static func docid(_ key: String) -> String {
    var id = key
    for marker in [".jsonl#", ".ndjson#"] {
      if let range = key.range(of: marker) {
        id = String(key[range.upperBound...])
        break
      }
    }
    var escaped = ""
    for scalar in id.unicodeScalars {
      if scalar == "%" || scalar == "#" || scalar.properties.isWhitespace || scalar.value < 0x20 {
        for byte in String(scalar).utf8 { escaped += String(format: "%%%02X", byte) }
      } else {
        escaped.unicodeScalars.append(scalar)
      }
    }
    return escaped
  }
}

/// The JSON `beleid search --json` prints.
struct SearchOutput: Codable {
  var query: String
  var results: SearchResults
}

/// The sample corpus that ships with beleid: Corpus/ in the repository.
enum BundledCorpus {
  /// $BELEID_CORPUS, else the installed Corpus/ (see `BeleidHome`).
  static var path: String? {
    if let environment = ProcessEnvironment.value("BELEID_CORPUS") {
      return environment
    }
    return BeleidHome.locate("Corpus")?.path
  }

  /// The folders of documents in a corpus: its subfolders (nl/, en/), so
  /// that its README is not indexed; the corpus itself if it has none.
  static func documentFolders(_ corpus: String) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: corpus)) ?? []
    let folders = names.sorted().map { (corpus as NSString).appendingPathComponent($0) }.filter { path in
      var isDirectory: ObjCBool = false
      return !(path as NSString).lastPathComponent.hasPrefix(".")
        && FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
    return folders.isEmpty ? [corpus] : folders
  }
}

/// `text` cut to `limit` characters, with "…" when cut.
func shorten(_ text: String, _ limit: Int) -> String {
  text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
}
