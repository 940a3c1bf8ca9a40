import ArgumentParser
import BeleidAnalysis
import BeleidGlossary
import Foundation

/// `beleid glossary`: the NL↔EN term base.
struct GlossaryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "glossary",
    abstract: "Look up, list, check, import and export the NL↔EN glossary.",
    discussion: """
      The glossary is the curated term base in Glossary/ (one YAML file per
      domain), or any glossary file given with --glossary.

        $ beleid glossary lookup ketenveiligheid
        $ beleid glossary lookup "supply chain security" --json
        $ beleid glossary export --format tbx > beleid.tbx
      """,
    subcommands: [Lookup.self, List.self, Validate.self, Import.self, Export.self]
  )

  /// The JSON form of a concept.
  struct ConceptOutput: Codable {
    var id: String
    var domain: String?
    var terms: [Term]
    var definitions: [String: String]
    var note: String?
    var source: String?
    var properties: [Property]
    var location: String?

    init(_ concept: Concept) {
      id = concept.id
      domain = concept.domain
      terms = concept.terms
      definitions = concept.definitions
      note = concept.note
      source = concept.source
      properties = concept.properties
      location = concept.location?.description
    }
  }

  /// A concept with every field, for people.
  static func describe(_ concept: Concept) -> String {
    var lines = ["\(concept.id)" + (concept.domain.map { "  [\($0)]" } ?? "")]
    for language in concept.languages {
      let terms = concept.terms(in: language).map { term in
        var text = "\(term.text) (\(term.status.rawValue)"
        if let type = term.type { text += ", \(type)" } else if term.looksLikeAcronym { text += ", abbreviation" }
        if let pos = term.partOfSpeech { text += ", \(pos)" }
        return text + ")"
      }
      lines.append("  \(language): " + terms.joined(separator: " · "))
      for term in concept.terms(in: language) {
        if let context = term.context { lines.append("      “\(term.text)” in context: \(context)") }
        if let note = term.note { lines.append("      “\(term.text)” note: \(note)") }
        if let source = term.source { lines.append("      “\(term.text)” source: \(source)") }
        for property in term.properties {
          lines.append(
            "      “\(term.text)” \(property.element)\(property.type.map { " \($0)" } ?? ""): \(property.value)")
        }
      }
    }
    for (language, definition) in concept.definitions.sorted(by: { $0.key < $1.key }) {
      lines.append("  definition (\(language)): \(definition)")
    }
    if let note = concept.note { lines.append("  note: \(note)") }
    if let source = concept.source { lines.append("  source: \(source)") }
    for property in concept.properties {
      let language = property.language.map { " (\($0))" } ?? ""
      lines.append("  \(property.element)\(property.type.map { " \($0)" } ?? "")\(language): \(property.value)")
    }
    if let location = concept.location { lines.append("  file: \(location)") }
    return lines.joined(separator: "\n")
  }

  // MARK: - lookup

  struct Lookup: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "lookup",
      abstract: "Look up a term in Dutch or English: exact, inflected, inside a compound, or the nearest terms.")

    @OptionGroup var glossary: GlossaryOptions

    @Flag(help: "Print JSON.")
    var json = false

    @Argument(help: "The term, e.g. ketenveiligheid or \"supply chain security\".")
    var term: [String] = []

    struct Output: Codable {
      struct Match: Codable {
        var kind: String
        var matchedTerm: String
        var concept: ConceptOutput
      }
      var query: String
      var matches: [Match]
      var suggestions: [String]
    }

    func run() throws {
      let query = term.joined(separator: " ")
      let (matcher, result) = try runCatching { () throws -> (TermMatcher, TermMatcher.LookupResult) in
        let matcher = TermMatcher(glossary: try glossary.load())
        return (matcher, try matcher.lookup(query))
      }
      if json {
        let matches = result.matches.map {
          Output.Match(
            kind: $0.kind.rawValue, matchedTerm: $0.term.text,
            concept: ConceptOutput(matcher.glossary.concepts[$0.concept]))
        }
        print(try encodeJSON(Output(query: query, matches: matches, suggestions: result.suggestions.map(\.text))))
        if matches.isEmpty { throw ExitCode(1) }
        return
      }
      guard !result.matches.isEmpty else {
        print("No glossary term matches '\(query)'.")
        if !result.suggestions.isEmpty {
          print("Did you mean: " + result.suggestions.map { "\($0.text)" }.joined(separator: ", ") + "?")
        }
        throw ExitCode(1)
      }
      for (index, match) in result.matches.enumerated() {
        if index > 0 { print("") }
        let how: String
        switch match.kind {
        case .exact: how = "matches “\(match.term.text)”"
        case .inflected: how = "an inflected form of “\(match.term.text)”"
        case .compound: how = "contains “\(match.term.text)”"
        case .contained: how = "contains “\(match.term.text)”"
        }
        print("\(how):")
        print(GlossaryCommand.describe(matcher.glossary.concepts[match.concept]))
      }
    }
  }

  // MARK: - list

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list", abstract: "List the concepts, optionally of one domain.")

    @OptionGroup var glossary: GlossaryOptions

    @Option(help: "Only this domain (see the list of domains with --domains).")
    var domain: String?

    @Flag(help: "List the domains and how many concepts each has.")
    var domains = false

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
      let loaded = try runCatching { try glossary.load() }
      if domains {
        let counts = Dictionary(grouping: loaded.concepts, by: { $0.domain ?? "(none)" }).mapValues(\.count)
        if json {
          print(try encodeJSON(counts))
        } else {
          printTable(
            header: ["domain", "concepts"], rows: counts.sorted { $0.key < $1.key }.map { [$0.key, "\($0.value)"] })
        }
        return
      }
      var concepts = loaded.concepts
      if let domain {
        concepts = concepts.filter { ($0.domain ?? "").caseInsensitiveCompare(domain) == .orderedSame }
        if concepts.isEmpty {
          printError("error: no domain '\(domain)'; the domains are: \(loaded.domains.joined(separator: ", "))")
          throw ExitCode(2)
        }
      }
      if json {
        print(try encodeJSON(concepts.map(ConceptOutput.init)))
        return
      }
      printTable(
        header: ["id", "domain", "nl", "en"],
        rows: concepts.map {
          [$0.id, $0.domain ?? "", $0.preferred(in: .dutch)?.text ?? "", $0.preferred(in: .english)?.text ?? ""]
        })
      print("\(concepts.count) concepts")
    }
  }

  // MARK: - validate

  struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "validate",
      abstract: "Check a glossary: malformed rows, duplicates, conflicting equivalents, missing languages.")

    @OptionGroup var glossary: GlossaryOptions

    @Option(help: "The format of FILE, if its name does not tell (\(GlossaryCommand.readableFormats)).")
    var format: String?

    @Flag(help: "Print JSON.")
    var json = false

    @Argument(help: "The glossary to check (default: the --glossary one).")
    var file: String?

    func run() throws {
      guard let path = file ?? glossary.location else { throw CLIError("no glossary found; give a FILE") }
      let (loaded, issues) = try runCatching { () throws -> (Glossary, [GlossaryIssue]) in
        let (loaded, readIssues) = try Glossary.read(path, format: try GlossaryCommand.parseFormat(format))
        return (loaded, readIssues + loaded.validate())
      }
      let errors = issues.filter { $0.severity == .error }.count
      if json {
        struct Report: Codable {
          var path: String
          var concepts: Int
          var terms: Int
          var errors: Int
          var warnings: Int
          var issues: [GlossaryIssue]
        }
        print(
          try encodeJSON(
            Report(
              path: path, concepts: loaded.concepts.count, terms: loaded.termCount, errors: errors,
              warnings: issues.count - errors, issues: issues)))
      } else {
        for issue in issues { print(issue) }
        print(
          "\(path): \(loaded.concepts.count) concepts, \(loaded.termCount) terms; "
            + "\(errors) error\(errors == 1 ? "" : "s"), \(issues.count - errors) warning\(issues.count - errors == 1 ? "" : "s")"
        )
      }
      if errors > 0 { throw ExitCode(1) }
    }
  }

  // MARK: - import

  struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "import",
      abstract: "Convert a TBX, CSV, TSV or source-list glossary into a YAML glossary file.",
      discussion: """
        Nothing is written if the file has malformed entries or concepts
        without a Dutch or an English term. An existing file is never
        replaced without --force: with --output, an existing file is an
        error; in the glossary folder, the import is written beside a file
        of the same name (NAME-imported.yaml), and the command says so.
        A replaced file is replaced atomically, so a failed import never
        damages a good glossary.
        """)

    @OptionGroup var glossary: GlossaryOptions

    @Option(help: "The format of SOURCE, if its name does not tell (\(GlossaryCommand.readableFormats)).")
    var format: String?

    @Option(help: "The YAML file to write (default: SOURCE's name in the glossary folder).")
    var output: String?

    @Flag(help: "Replace the output file if it exists.")
    var force = false

    @Argument(help: "The glossary file to import.")
    var source: String

    func run() throws {
      try runCatching {
        let (imported, issues) = try Glossary.read(source, format: try GlossaryCommand.parseFormat(format))
        let problems = imported.validate()
        // A concept without one of the two languages is a malformed entry
        // in an import: it would never translate anything.
        let errors = issues.filter { $0.severity == .error } + problems.filter { $0.kind == .missingLanguage }
        for issue in issues.filter({ $0.severity == .warning }).prefix(10) { printError("warning: \(issue)") }
        guard errors.isEmpty else {
          for issue in errors.prefix(20) { printError("\(issue)") }
          if errors.count > 20 { printError("… and \(errors.count - 20) more") }
          throw CLIError(
            "\(errors.count) malformed entr\(errors.count == 1 ? "y" : "ies") in \(source); nothing was written")
        }
        guard !imported.concepts.isEmpty else { throw CLIError("\(source) has no concepts; nothing was written") }
        let (target, besideExisting) = try outputPath()
        try imported.write(to: target, as: .yaml)
        let invalid = problems.filter { $0.severity == .error }.count
        if let besideExisting {
          print(
            "\(besideExisting) exists and was left as it is; the import was written beside it (use --force to replace it)."
          )
        }
        print("Imported \(imported.concepts.count) concepts (\(imported.termCount) terms) into \(target).")
        if !problems.isEmpty {
          print(
            "validate: \(invalid) error\(invalid == 1 ? "" : "s"), \(problems.count - invalid) warning\(problems.count - invalid == 1 ? "" : "s") (duplicates and conflicts in the source); see: beleid glossary validate \(target)"
          )
        }
      }
    }

    /// Where to write, and the existing file the import was put beside.
    private func outputPath() throws -> (path: String, besideExisting: String?) {
      let manager = FileManager.default
      if let output {
        if manager.fileExists(atPath: output) && !force {
          throw CLIError("\(output) exists; nothing was written (use --force to replace it)")
        }
        return (output, nil)
      }
      var isDirectory: ObjCBool = false
      guard let folder = glossary.location, manager.fileExists(atPath: folder, isDirectory: &isDirectory),
        isDirectory.boolValue
      else { throw CLIError("give --output FILE.yaml (the glossary is not a folder)") }
      let name = ((source as NSString).lastPathComponent as NSString).deletingPathExtension
      let path = (folder as NSString).appendingPathComponent(name + ".yaml")
      if force || !manager.fileExists(atPath: path) { return (path, nil) }
      var number = 1
      while true {
        let candidate = (folder as NSString).appendingPathComponent(
          name + (number == 1 ? "-imported" : "-imported-\(number)") + ".yaml")
        if !manager.fileExists(atPath: candidate) { return (candidate, path) }
        number += 1
      }
    }
  }

  // MARK: - export

  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "export",
      abstract: "Write the glossary as TBX, CSV, TSV, YAML or search-engine synonyms.")

    @OptionGroup var glossary: GlossaryOptions

    @Option(help: "tbx (v3), tbx2 (martif), csv (MultiTerm style), omegat (TSV), yaml, solr or elasticsearch.")
    var format: String = "tbx"

    @Option(help: "Only this domain.")
    var domain: String?

    @Option(help: "The file to write (default: standard output).")
    var output: String?

    func run() throws {
      try runCatching {
        guard let chosen = GlossaryFormat(rawValue: format), chosen.canWrite else {
          throw CLIError(
            "cannot write '\(format)'; choose one of: \(GlossaryFormat.allCases.filter(\.canWrite).map(\.rawValue).joined(separator: ", "))"
          )
        }
        var loaded = try glossary.load()
        if let domain {
          loaded.concepts = loaded.concepts.filter { ($0.domain ?? "").caseInsensitiveCompare(domain) == .orderedSame }
          if loaded.concepts.isEmpty { throw CLIError("no concepts in domain '\(domain)'") }
        }
        if let output {
          try loaded.write(to: output, as: chosen)
          printError("Wrote \(loaded.concepts.count) concepts to \(output).")
        } else {
          FileHandle.standardOutput.write(Data(try loaded.text(as: chosen).utf8))
        }
      }
    }
  }

  static let readableFormats = GlossaryFormat.allCases.filter(\.canRead).map(\.rawValue).joined(separator: ", ")

  static func parseFormat(_ text: String?) throws -> GlossaryFormat? {
    guard let text else { return nil }
    guard let format = GlossaryFormat(rawValue: text), format.canRead else {
      throw CLIError("cannot read '\(text)'; choose one of: \(readableFormats)")
    }
    return format
  }
}
