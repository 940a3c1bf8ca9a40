import ArgumentParser
import BeleidAnalysis

/// "Did you mean" for a misspelt subcommand (`beleid serach`).
enum CommandSuggestion {
  /// An error message when the first word that is not an option names no
  /// subcommand of a command that has subcommands; nil when all is well.
  ///
  /// Walks down the command tree (`beleid glossary lokup` is checked
  /// against the glossary's subcommands), stopping at the first option or
  /// at a command that takes arguments of its own.
  static func unknownSubcommand(in arguments: [String], root: any ParsableCommand.Type) -> String? {
    var command = root
    var path = [root._commandName]
    for argument in arguments {
      let subcommands = command.configuration.subcommands
      guard !argument.hasPrefix("-"), !subcommands.isEmpty else { return nil }
      if argument == "help" { return nil }
      var names: [String] = []
      var next: (any ParsableCommand.Type)?
      for subcommand in subcommands {
        let name = subcommand._commandName
        names.append(name)
        if name == argument || subcommand.configuration.aliases.contains(argument) { next = subcommand }
      }
      if let next {
        command = next
        path.append(argument)
        continue
      }
      let near = names.map { ($0, EditDistance.between(argument, $0)) }.filter { $0.1 <= 2 }.sorted { $0.1 < $1.1 }
      let hint = near.first.map { "; did you mean '\(path.joined(separator: " ")) \($0.0)'?" } ?? ""
      return
        "'\(argument)' is not a \(path.joined(separator: " ")) command\(hint) (commands: \(names.joined(separator: ", ")))"
    }
    return nil
  }
}
