import ArgumentParser

/// The `beleid` command: search and summarise Dutch and English policy texts.
@main
struct Beleid: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "beleid",
    abstract: "Search and summarise Dutch and English policy texts.",
    version: "0.1.0",
    subcommands: [
      Search.self, Index.self, Stats.self, Remove.self, GlossaryCommand.self, Summarize.self, Keywords.self,
      Newsletter.self, Analyze.self, Lexicon.self,
    ]
  )
}
