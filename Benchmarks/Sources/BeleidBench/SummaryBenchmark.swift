import ArgumentParser
import BeleidAnalysis
import BeleidDocuments
import BeleidGlossary
import BeleidSummary
import Foundation

/// `beleid-bench summary`: summarising the whole 2021 coalition agreement.
struct SummaryBenchmark: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "summary",
    abstract: "Summarise the 2021 coalition agreement (all sections concatenated), in process and as a command.",
    discussion: """
      The sections (Markdown files) are read in name order, their bodies joined
      with blank lines. Times are the median of --rounds after one warm-up run;
      sumy's LexRank (pip sumy) runs once on the same text for comparison.
      """
  )

  @Option(help: "The folder of the agreement's sections.")
  var folder = "../shared/data/corpus/coalitieakkoord-2021"

  @Option(help: "Timed rounds per measurement.")
  var rounds = 5

  @Option(help: "The beleid binary for the whole-command timing.")
  var binary = ".build/release/beleid"

  func run() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".md") }.sorted()
    guard !files.isEmpty else { throw ValidationError("no Markdown files in \(folder)") }
    var bodies: [String] = []
    for name in files {
      let file = try SourceFile(path: (folder as NSString).appendingPathComponent(name))
      guard let reader = DocumentReaders.reader(for: file) else { continue }
      _ = try reader.read(file) { bodies.append($0.body) }
    }
    let body = bodies.joined(separator: "\n\n")
    let document = Document(
      key: "coalitieakkoord-2021", path: folder, title: "Coalitieakkoord 2021–2025", body: body, language: .dutch,
      format: "markdown")
    let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("coalitieakkoord-2021.txt")
    try body.write(to: temporary, atomically: true, encoding: .utf8)
    let words = body.split(whereSeparator: \.isWhitespace).count
    print(
      "text: \(files.count) sections, \(words) words, "
        + String(format: "%.2f MB", Double(body.utf8.count) / 1e6))

    let glossary = try Glossary.read("Glossary").0
    let summarizer = Summarizer(matcher: TermMatcher(glossary: glossary))
    var summary: Summary?
    let plain = try median {
      summary = try summarizer.summarize(document, options: SummaryOptions(length: .sentences(3)))
    }
    print(
      String(format: "summarize, 3 sentences, in process: %.0f ms (median of %d)", plain * 1000, rounds)
        + " over \(summary?.sentenceCount ?? 0) sentences")
    let query = try median {
      _ = try summarizer.summarize(
        document, options: SummaryOptions(length: .sentences(3), query: "digitale weerbaarheid"))
    }
    print(String(format: "summarize --query \"digitale weerbaarheid\", in process: %.0f ms", query * 1000))
    let extractor = KeywordExtractor(matcher: TermMatcher(glossary: glossary))
    let keywords = try median { _ = try extractor.keywords(of: document) }
    print(String(format: "keywords, in process: %.0f ms", keywords * 1000))
    for sentence in summary?.sentences ?? [] { print("  [\(sentence.position)] \(sentence.text.prefix(120))") }

    if FileManager.default.isExecutableFile(atPath: binary) {
      let command = try median { try Self.launch(binary, ["summarize", "--sentences", "3", temporary.path]) }
      print(String(format: "beleid summarize --sentences 3 (whole command): %.0f ms", command * 1000))
    } else {
      print("(no \(binary): build with swift build -c release for the whole-command timing)")
    }
    let script = """
      import sys, time, re
      from sumy.parsers.plaintext import PlaintextParser
      from sumy.nlp.stemmers import Stemmer
      from sumy.summarizers.lex_rank import LexRankSummarizer
      class T:
          language = "dutch"
          def to_sentences(self, p): return [s for s in re.split(r"(?<=[.!?])\\s+(?=[A-Z0-9])", p) if s.strip()]
          def to_words(self, s): return re.findall(r"\\w+", s)
      text = open(sys.argv[1], encoding="utf-8").read()
      start = time.perf_counter()
      LexRankSummarizer(Stemmer("dutch"))(PlaintextParser.from_string(text, T()).document, 3)
      print(f"{time.perf_counter() - start:.3f}")
      """
    if let output = try? Self.capture("/usr/bin/env", ["python3", "-c", script, temporary.path]),
      let seconds = Double(output.trimmingCharacters(in: .whitespacesAndNewlines))
    {
      print(
        String(
          format: "sumy LexRank, 3 sentences, in process (one run): %.0f ms; beleid is %.0f× faster", seconds * 1000,
          seconds / plain))
    } else {
      print("(sumy not available: pip install sumy)")
    }
  }

  /// The median of `rounds` timed runs of `body`, after one untimed run.
  private func median(_ body: () throws -> Void) throws -> Double {
    try body()
    let clock = ContinuousClock()
    var times: [Double] = []
    for _ in 0..<rounds { times.append(seconds(try clock.measure(body))) }
    return times.sorted()[times.count / 2]
  }

  private static func launch(_ path: String, _ arguments: [String]) throws {
    _ = try capture(path, arguments)
  }

  private static func capture(_ path: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw ValidationError("\(path) failed") }
    return String(decoding: data, as: UTF8.self)
  }
}
