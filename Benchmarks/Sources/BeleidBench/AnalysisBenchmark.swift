import ArgumentParser
import BeleidAnalysis
import Foundation

/// `beleid-bench analysis`: analyzer throughput beside a bare ICU pass.
struct AnalysisBenchmark: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "analysis",
    abstract: "Dutch analysis throughput in MB/s beside bare word-break passes, on one core.",
    discussion: """
      Loads the corpus and checks that the analyzer's word iterator (ASCII
      fast path) gives the same segments as ICU alone for every document.
      Then runs the rounds interleaved: a full Dutch analysis of every
      document (a fresh Analyzer per round, so caches start cold), a bare
      ICU word-break pass that only counts words, and the same count with the
      fast path. Reports the best and the median round of each. The token
      and word counts must be the same every round.
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

    // The fast path must not change a single boundary or status.
    var segments = 0
    for (index, document) in loaded.documents.enumerated() {
      try document.withUnsafeBytes { text in
        let fast = try ICUInfo.wordSegments(text, asciiFastPath: true)
        let icu = try ICUInfo.wordSegments(text, asciiFastPath: false)
        guard fast.elementsEqual(icu, by: { $0.end == $1.end && $0.status == $1.status }) else {
          throw ValidationError("document \(index): the ASCII fast path's segments differ from ICU's")
        }
        segments += icu.count
      }
    }
    print("word segments: \(segments), the same with the ASCII fast path and with ICU alone")

    let clock = ContinuousClock()
    var analysisTimes: [Double] = []
    var icuTimes: [Double] = []
    var fastTimes: [Double] = []
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
      let icu = try clock.measure {
        for document in loaded.documents {
          try document.withUnsafeBytes { words += try ICUInfo.countWords($0) }
        }
      }
      wordCounts.insert(words)
      var fastWords = 0
      let fast = try clock.measure {
        for document in loaded.documents {
          try document.withUnsafeBytes { fastWords += try ICUInfo.countWords($0, asciiFastPath: true) }
        }
      }
      wordCounts.insert(fastWords)
      analysisTimes.append(seconds(analysis))
      icuTimes.append(seconds(icu))
      fastTimes.append(seconds(fast))
      print(
        String(
          format: "round %d: analysis %.2f s (%.1f MB/s), ICU %.2f s (%.1f MB/s), fast path %.2f s (%.1f MB/s)",
          round, seconds(analysis), megabytesTotal / seconds(analysis), seconds(icu), megabytesTotal / seconds(icu),
          seconds(fast), megabytesTotal / seconds(fast)))
    }
    guard tokenCounts.count == 1, wordCounts.count == 1 else {
      throw ValidationError("token counts differ between rounds: \(tokenCounts) \(wordCounts)")
    }
    let bestAnalysis = megabytesTotal / analysisTimes.min()!
    let bestICU = megabytesTotal / icuTimes.min()!
    let medianAnalysis = megabytesTotal / analysisTimes.sorted()[analysisTimes.count / 2]
    let medianICU = megabytesTotal / icuTimes.sorted()[icuTimes.count / 2]
    let bestFast = megabytesTotal / fastTimes.min()!
    let medianFast = megabytesTotal / fastTimes.sorted()[fastTimes.count / 2]
    print("tokens per round: \(tokenCounts.first!), ICU words: \(wordCounts.first!), distinct forms: \(forms)")
    print("| pass | best MB/s | median MB/s |")
    print("|---|---|---|")
    print(String(format: "| bare ICU word break | %.1f | %.1f |", bestICU, medianICU))
    print(String(format: "| bare word break, ASCII fast path | %.1f | %.1f |", bestFast, medianFast))
    print(String(format: "| full Dutch analysis | %.1f | %.1f |", bestAnalysis, medianAnalysis))
    print(
      String(
        format: "| analysis / ICU | %.0f%% | %.0f%% |", 100 * bestAnalysis / bestICU, 100 * medianAnalysis / medianICU))
  }
}
