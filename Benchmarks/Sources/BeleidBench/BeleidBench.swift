import ArgumentParser

/// Benchmarks for beleid; see Benchmarks/README.md.
@main
struct BeleidBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "beleid-bench",
    abstract: "Measure beleid's speed on the shared benchmark corpus.",
    subcommands: [AnalysisBenchmark.self, DocumentsBenchmark.self, GlossaryBenchmark.self, SummaryBenchmark.self]
  )
}
