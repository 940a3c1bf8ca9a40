import ArgumentParser
import BeleidGlossary
import BeleidIndex
import BeleidSearch
import Foundation

/// The `--glossary` option the glossary and search commands share.
struct GlossaryOptions: ParsableArguments {
  @Option(
    name: .customLong("glossary"),
    help: ArgumentHelp(
      "The glossary: a folder of YAML files or one .yaml, .tbx, .csv or .tsv file "
        + "(default: $BELEID_GLOSSARY, else the bundled Glossary/).", valueName: "path"))
  var path: String?

  /// The glossary to use, or nil if none is given and none is bundled.
  var location: String? {
    if let path { return path }
    if let environment = ProcessInfo.processInfo.environment["BELEID_GLOSSARY"], !environment.isEmpty {
      return environment
    }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let bundled = root.appendingPathComponent("Glossary").path
    return FileManager.default.fileExists(atPath: bundled) ? bundled : nil
  }

  /// Reads the glossary; problems in single rows are printed as warnings
  /// (`beleid glossary validate` lists them all).
  func load() throws -> Glossary {
    guard let location else {
      throw CLIError("no glossary found; pass --glossary PATH or set BELEID_GLOSSARY")
    }
    let (glossary, issues) = try Glossary.read(location)
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
  /// A query planner that translates through the glossary (when one is
  /// found) and, with `dictionary`, FreeDict; a plain one without `translate`.
  func planner(for reader: IndexReader, translate: Bool, dictionary: Bool) throws -> QueryPlanner {
    let planner = QueryPlanner()
    guard translate else { return planner }
    let loaded: Glossary? = location == nil ? nil : try runCatching { try load() }
    let expander = CrossLanguageExpander(glossary: loaded, dictionary: dictionary)
    expander.collection = reader
    planner.expander = expander
    return planner
  }
}
