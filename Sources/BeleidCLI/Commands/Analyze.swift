import ArgumentParser
import BeleidAnalysis
import Foundation

/// `beleid analyze`: show how beleid cuts a text into terms and sentences.
struct Analyze: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "analyze",
    abstract: "Show the tokens (or sentences) beleid makes of a text.",
    discussion: """
      Prints each token with its position, byte offsets, normalised form, stem,
      compound parts and stop-word flag, like Elasticsearch's _analyze. The
      language is detected unless --lang is given.

        $ beleid analyze "De NIS2-richtlijn wordt de Cyberbeveiligingswet."
        $ beleid analyze --sentences --file brief.txt
      """
  )

  @Option(help: "The language: nl or en (default: detected).")
  var lang: String?

  @Flag(help: "Print JSON instead of a table.")
  var json = false

  @Flag(help: "Print the sentences instead of the tokens.")
  var sentences = false

  @Flag(help: "Print only counts and throughput.")
  var stats = false

  @Option(help: "Read the text from this file ('-' for standard input).")
  var file: String?

  @Argument(help: "The text to analyse.")
  var text: [String] = []

  func validate() throws {
    if let lang, Language(code: lang) == nil {
      throw ValidationError("--lang must be nl or en, not '\(lang)'")
    }
    if file == nil && text.isEmpty {
      throw ValidationError("give a text to analyse, or --file PATH")
    }
    if file != nil && !text.isEmpty {
      throw ValidationError("give either a text or --file, not both")
    }
  }

  func run() throws {
    let bytes: [UInt8]
    if let file {
      bytes = try readInput(file)
    } else {
      bytes = Array(text.joined(separator: " ").utf8)
    }
    let (language, detected) = chooseLanguage(lang, for: bytes)
    for warning in AnalysisResources.shared.warnings { printError("warning: \(warning)") }

    if stats {
      try printStats(bytes, language: language)
      return
    }
    let analyzer = try Analyzer(language: language)
    var analysis = try analyzer.analysis(of: bytes, detected: detected)
    if sentences {
      let splitter = try SentenceSplitter(language: language)
      analysis.sentences = splitter.split(UTF8Repair.repair(bytes).bytes)
    }
    if json {
      if sentences { analysis.tokens = [] }
      print(try encodeJSON(analysis))
      return
    }
    print("language: \(language)\(detected ? " (detected)" : "")")
    if analysis.replacedInvalidSequences > 0 {
      print("replaced \(analysis.replacedInvalidSequences) invalid UTF-8 sequence(s) with U+FFFD")
    }
    if analysis.skippedLongTokens > 0 {
      print("skipped \(analysis.skippedLongTokens) word(s) over \(Analyzer.maximumTokenLength) bytes")
    }
    if let found = analysis.sentences {
      for (index, sentence) in found.enumerated() {
        print("\(index + 1)\t[\(sentence.start)-\(sentence.end)]\t\(sentence.text)")
      }
      return
    }
    let rows = analysis.tokens.map { token in
      [
        String(token.position) + (token.positionLength > 1 ? "+\(token.positionLength - 1)" : ""),
        "\(token.start)-\(token.end)", token.kind, token.text, token.form, token.stem,
        token.stopWord ? "stop" : "", token.parts?.joined(separator: " + ") ?? "",
      ]
    }
    printTable(header: ["pos", "bytes", "kind", "text", "form", "stem", "stop", "parts"], rows: rows)
  }

  /// Analyses the text in chunks of about a megabyte (cut at line ends,
  /// like documents), then times a bare ICU word-break pass over the same
  /// bytes: the ceiling the analyzer is measured against.
  private func printStats(_ bytes: [UInt8], language: Language) throws {
    let analyzer = try Analyzer(language: language)
    let repaired = UTF8Repair.repair(bytes)
    let text = repaired.bytes
    var chunks: [Range<Int>] = []
    var start = 0
    while start < text.count {
      var end = min(text.count, start + 1_000_000)
      while end < text.count && text[end - 1] != 0x0A { end += 1 }
      chunks.append(start..<end)
      start = end
    }
    var tokens: [Token] = []
    var total = Analyzer.Statistics()
    let clock = ContinuousClock()
    let analysisTime = try clock.measure {
      try text.withUnsafeBytes { raw in
        for chunk in chunks {
          tokens.removeAll(keepingCapacity: true)
          let result = try analyzer.analyze(UnsafeRawBufferPointer(rebasing: raw[chunk]), into: &tokens)
          total.tokens += result.tokens
          total.skippedLongTokens += result.skippedLongTokens
        }
      }
    }
    var words = 0
    let icuTime = try clock.measure {
      try text.withUnsafeBytes { raw in
        for chunk in chunks { words += try ICUInfo.countWords(UnsafeRawBufferPointer(rebasing: raw[chunk])) }
      }
    }
    func seconds(_ duration: Duration) -> Double {
      Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
    let megabytes = Double(text.count) / 1_000_000
    let ours = megabytes / max(seconds(analysisTime), 1e-9)
    let ceiling = megabytes / max(seconds(icuTime), 1e-9)
    print("language: \(language)")
    print("bytes: \(bytes.count)")
    print("replaced invalid UTF-8 sequences: \(repaired.replacements)")
    print("tokens: \(total.tokens)")
    print("skipped long words: \(total.skippedLongTokens)")
    print("distinct forms: \(analyzer.formCount)")
    print("distinct stems: \(analyzer.stemCount)")
    print(String(format: "analysis: %.3f s, %.1f MB/s", seconds(analysisTime), ours))
    print(String(format: "bare ICU word break: %.3f s, %.1f MB/s (%d words)", seconds(icuTime), ceiling, words))
    print(String(format: "analysis / ICU: %.0f%%", 100 * ours / ceiling))
  }
}
