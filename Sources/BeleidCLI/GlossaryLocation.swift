import ArgumentParser
import BeleidAnalysis
import BeleidGlossary
import BeleidIndex
import BeleidSearch
import BeleidTranslation
import Foundation

/// The `--glossary` option the glossary and search commands share.
struct GlossaryOptions: ParsableArguments {
  @Option(
    name: .customLong("glossary"),
    help: ArgumentHelp(
      "The glossary: a folder of YAML files or one .yaml, .tbx, .csv or .tsv file "
        + "(default: $BELEID_GLOSSARY, else the installed Glossary/).", valueName: "path"))
  var path: String?

  /// The glossary to use, or nil if none is given and none is bundled.
  var location: String? {
    if let path { return path }
    if let environment = ProcessEnvironment.value("BELEID_GLOSSARY") {
      return environment
    }
    return BeleidHome.locate("Glossary")?.path
  }

  /// Reads the glossary; problems in single rows are printed as warnings
  /// (`beleid glossary validate` lists them all).
  func load() throws -> Glossary {
    guard let location else { throw CLIError(Self.notFound) }
    let (glossary, issues) = try Glossary.compiled(location)
    let errors = issues.filter { $0.severity == .error }
    if !errors.isEmpty {
      printError(
        "warning: \(errors.count) problem\(errors.count == 1 ? "" : "s") in the glossary; those entries are left out:")
      for issue in errors.prefix(5) { printError("  \(issue)") }
      if errors.count > 5 { printError("  … run: beleid glossary validate \(location)") }
    }
    return glossary
  }
}

extension GlossaryOptions {
  /// Why no glossary was found, and what to do about it.
  static let notFound =
    "no glossary found (looked in $BELEID_GLOSSARY, \(BeleidHome.installedRelativePath)/Glossary beside the binary, "
    + "$BELEID_HOME/Glossary and the build tree); pass --glossary PATH, or reinstall with Scripts/install"

  /// A term matcher over the glossary, or nil with a warning on stderr
  /// when none is found (`purpose` says what is lost).
  func matcherIfFound(_ purpose: String) throws -> TermMatcher? {
    guard location != nil else {
      printError("warning: \(Self.notFound); \(purpose)")
      return nil
    }
    return TermMatcher(glossary: try load())
  }

  /// A query planner that translates through the glossary and, with
  /// `dictionary`, FreeDict; a plain one without `translate`.
  ///
  /// Without a glossary, translation is an error when `required` (search
  /// must not silently lose its cross-language matches), else a warning.
  func planner(for reader: IndexReader, translate: Bool, dictionary: Bool, required: Bool = true) throws
    -> QueryPlanner
  {
    try planners(for: reader, translate: translate, dictionary: dictionary, required: required).make()
  }

  /// What makes query planners, with the glossary read once.
  ///
  /// The glossary is checked as `planner(for:translate:dictionary:required:)`
  /// checks it. Each thread of a batch makes its own planner from it.
  func planners(for reader: IndexReader, translate: Bool, dictionary: Bool, required: Bool = true) throws
    -> PlannerFactory
  {
    guard translate else { return PlannerFactory(reader: reader, translation: nil) }
    if location == nil {
      if required {
        printError("error: \(Self.notFound); or search without translation: --no-translate")
        throw ExitCode(2)
      }
      printError("warning: \(Self.notFound); the query is not translated")
    }
    let loaded: Glossary? =
      location == nil ? nil : try StartupTrace.phase("read glossary") { try runCatching { try load() } }
    return PlannerFactory(reader: reader, translation: (loaded, dictionary))
  }
}

/// Makes query planners for one snapshot, all alike: planners own
/// analyzers and caches, so each thread makes its own.
struct PlannerFactory: Sendable {
  let reader: IndexReader
  /// The glossary and whether FreeDict is used; nil: no translation.
  let translation: (glossary: Glossary?, dictionary: Bool)?

  /// A new planner.
  func make() -> QueryPlanner {
    let planner = QueryPlanner()
    guard let translation else { return planner }
    let expander = StartupTrace.phase("matcher and FreeDict") {
      CrossLanguageExpander(glossary: translation.glossary, dictionary: translation.dictionary)
    }
    expander.collection = reader
    planner.expander = expander
    return planner
  }
}
