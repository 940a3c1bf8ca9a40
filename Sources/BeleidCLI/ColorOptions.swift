import ArgumentParser
import BeleidAnalysis
import Foundation

/// When output may carry terminal escapes: `--color auto|always|never`.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
  case auto, always, never
}

/// The `--color` option, with ripgrep's rules: `auto` colours a terminal
/// unless `NO_COLOR` is set (to anything but "") or `TERM` is `dumb`.
struct ColorOptions: ParsableArguments {
  @Option(help: "Bold highlights: auto (a terminal, unless NO_COLOR is set or TERM=dumb), always or never.")
  var color: ColorChoice = .auto

  /// Whether to write escapes to standard output.
  var isEnabled: Bool { Terminal.allowsEscapes(STDOUT_FILENO, choice: color) }
}

/// What the terminal on a file descriptor allows.
enum Terminal {
  /// Whether escapes may be written to `descriptor` under `choice`.
  static func allowsEscapes(_ descriptor: Int32, choice: ColorChoice = .auto) -> Bool {
    switch choice {
    case .always: return true
    case .never: return false
    case .auto:
      if ProcessEnvironment.value("NO_COLOR") != nil { return false }
      if ProcessEnvironment.value("TERM") == "dumb" { return false }
      return isatty(descriptor) != 0
    }
  }
}
