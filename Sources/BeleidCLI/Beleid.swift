import ArgumentParser
import BeleidTranslation
import Foundation

/// The `beleid` command: search and summarise Dutch and English policy texts.
@main
struct Beleid: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "beleid",
    abstract: "Search and summarise Dutch and English policy texts.",
    discussion: """
      Exit codes: 0 when something matched (or the command did its work), 1 when
      a search or lookup matched nothing (or validate found problems), 2 for every
      usage or input error.
      """,
    version: Beleid.versionNotice,
    subcommands: [
      Search.self, Index.self, Stats.self, Remove.self, GlossaryCommand.self, Summarize.self, Keywords.self,
      Newsletter.self, Analyze.self, Lexicon.self, Serve.self,
    ]
  )

  /// `--version`: the version, then the licences of the translation
  /// resources searches may read (FreeDict if installed; the lexicons once
  /// imported with `beleid lexicon import`).
  static var versionNotice: String {
    var lines = ["beleid 0.1.0", "", "Translation resources, when installed or imported:"]
    for resource in TranslationLexicon.resources {
      lines.append("- \(resource.name)\(resource.isDefault ? "" : " (opt-in)"): \(resource.attribution)")
    }
    lines.append("`beleid lexicon show` lists what this machine has imported.")
    return lines.joined(separator: "\n")
  }

  /// Parses and runs the command, with grep's exit codes: a usage error
  /// exits 2 (ArgumentParser's default is 64), as does any error a command
  /// did not turn into an exit code itself; 1 stays "nothing matched".
  static func main() {
    StartupTrace.mainStarted = ContinuousClock.now
    let arguments = Array(CommandLine.arguments.dropFirst())
    do {
      var command = try StartupTrace.phase("parse arguments") { try parseAsRoot(arguments) }
      try command.run()
    } catch let code as ExitCode {
      Foundation.exit(code.rawValue)
    } catch {
      if exitCode(for: error) == .success { exit(withError: error) }  // --help, --version
      // Only now, on the error path: naming the commands costs a few
      // milliseconds of type reflection that a good command line never pays.
      if let message = CommandSuggestion.unknownSubcommand(in: arguments, root: Beleid.self) {
        printError("error: \(message)")
        Foundation.exit(2)
      }
      printError(fullMessage(for: error))
      Foundation.exit(2)
    }
  }
}
