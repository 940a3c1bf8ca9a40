import ArgumentParser
import BeleidAnalysis
import Foundation

/// `beleid-bench analysis`: analyzer throughput beside a bare ICU pass.
struct AnalysisBenchmark: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "analysis",
    abstract: "Dutch analysis throughput in MB/s beside a bare ICU word-break pass, on one core.",
    discussion: """
      Loads the corpus, then runs the rounds interleaved: a full Dutch analysis
      of every document (a fresh Analyzer per round, so caches start cold), and a
      bare ICU word-break pass that only counts words. Reports the best and the
      median round of each. The token count must be the same every round.
      """
  )

  @Option(help: "The JSONL corpus (.xz is decompressed with xz).")
  var corpus = defaultCorpusPath

  @Option(help: "Use only the first N megabytes of text.")
  var megabytes: Int?

  @Option(help: "Rounds of each pass.")
  var rounds = 3

  @Flag(help: "Keep one analyzer for all rounds, after an untimed warm-up pass: the steady state.")
  var warm = false

  func run() throws {
    let loaded = try BenchCorpus.load(corpus, limit: megabytes.map { $0 * 1_000_000 })
    let megabytesTotal = Double(loaded.bytes) / 1_000_000
    print(String(format: "corpus: %@, %d documents, %.1f MB of text", corpus, loaded.documents.count, megabytesTotal))
    for warning in AnalysisResources.shared.warnings { print("warning: \(warning)") }

    let clock = ContinuousClock()
    var analysisTimes: [Double] = []
    var icuTimes: [Double] = []
    var tokenCounts = Set<Int>()
    var wordCounts = Set<Int>()
    var forms = 0
    let shared = try Analyzer(language: .dutch)
    if warm {
      var tokens: [Token] = []
      for document in loaded.documents {
        tokens.removeAll(keepingCapacity: true)
        try document.withUnsafeBytes { _ = try shared.analyze($0, into: &tokens) }
      }
    }
    for round in 1...rounds {
      let analyzer = warm ? shared : try Analyzer(language: .dutch)
      var tokens: [Token] = []
      var count = 0
      let analysis = try clock.measure {
        for document in loaded.documents {
          tokens.removeAll(keepingCapacity: true)
          try document.withUnsafeBytes { _ = try analyzer.analyze($0, into: &tokens) }
          count += tokens.count
        }
      }
      forms = analyzer.formCount
      tokenCounts.insert(count)
      var words = 0
      let icu = clock.measure {
        for document in loaded.documents {
          document.withUnsafeBytes { words += ICUInfo.countWords($0) }
        }
      }
      wordCounts.insert(words)
      analysisTimes.append(seconds(analysis))
      icuTimes.append(seconds(icu))
      print(
        String(
          format: "round %d: analysis %.2f s (%.1f MB/s), ICU %.2f s (%.1f MB/s)", round, seconds(analysis),
          megabytesTotal / seconds(analysis), seconds(icu), megabytesTotal / seconds(icu)))
    }
    guard tokenCounts.count == 1, wordCounts.count == 1 else {
      throw ValidationError("token counts differ between rounds: \(tokenCounts) \(wordCounts)")
    }
    let bestAnalysis = megabytesTotal / analysisTimes.min()!
    let bestICU = megabytesTotal / icuTimes.min()!
    let medianAnalysis = megabytesTotal / analysisTimes.sorted()[analysisTimes.count / 2]
    let medianICU = megabytesTotal / icuTimes.sorted()[icuTimes.count / 2]
    print("tokens per round: \(tokenCounts.first!), ICU words: \(wordCounts.first!), distinct forms: \(forms)")
    print("| pass | best MB/s | median MB/s |")
    print("|---|---|---|")
    print(String(format: "| bare ICU word break | %.1f | %.1f |", bestICU, medianICU))
    print(String(format: "| full Dutch analysis | %.1f | %.1f |", bestAnalysis, medianAnalysis))
    print(
      String(
        format: "| analysis / ICU | %.0f%% | %.0f%% |", 100 * bestAnalysis / bestICU, 100 * medianAnalysis / medianICU))
  }
}
