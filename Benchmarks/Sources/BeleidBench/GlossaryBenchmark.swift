import ArgumentParser
import BeleidAnalysis
import BeleidGlossary
import Foundation

/// `beleid-bench glossary`: lookup and term-finding speed on a 10,000-concept glossary.
struct GlossaryBenchmark: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "glossary",
    abstract: "Glossary lookups on 10,000 concepts: load, exact, inflected, compound, typo; and finding terms in text.",
    discussion: """
      The glossary is the bundled one plus the imported Kiesraad list and legal
      dictionary from ../shared/data/glossary-sources, topped up to the size
      asked with concepts made of OpenTaal and British English words paired at
      random (seeded). It is written as YAML, then read, indexed and queried in
      process; the whole `beleid glossary lookup` command is also timed.
      """
  )

  @Option(help: "Concepts in the glossary.")
  var concepts = 10_000

  @Option(help: "Lookups of each kind.")
  var lookups = 200

  @Option(help: "A text file to find terms in (default: the 2021 coalition agreement in ../shared/data/corpus).")
  var text = "../shared/data/corpus/coalitieakkoord-2021"

  func run() throws {
    let clock = ContinuousClock()
    func seconds(_ duration: Duration) -> Double {
      Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
    // Build the glossary.
    var glossary = try Glossary.read("Glossary").0
    for source in [
      "../shared/data/glossary-sources/kiesraad/woordenlijst-nl-en.tsv",
      "../shared/data/glossary-sources/legal-dictionary/unified-dictionary.json",
    ] where FileManager.default.fileExists(atPath: source) {
      glossary.concepts += try Glossary.read(source).0.concepts
    }
    let real = glossary.concepts.count
    let dutch = try String(contentsOfFile: AnalysisResources.dutchWordListPath, encoding: .utf8)
      .split(separator: "\n").filter { $0.count >= 6 && !$0.contains("'") }
    let english = try String(contentsOfFile: AnalysisResources.englishWordListPath, encoding: .utf8)
      .split(separator: "\n").filter { $0.count >= 5 && !$0.contains("'") }
    var random = SplitMix(seed: 20_261_129)
    var number = 0
    while glossary.concepts.count < concepts {
      number += 1
      let nl = String(dutch[Int(random.next() % UInt64(dutch.count))])
      let en = String(english[Int(random.next() % UInt64(english.count))])
      glossary.concepts.append(
        Concept(
          id: "synthetic-\(number)", domain: "synthetic",
          terms: [Term(nl, language: "nl", status: .preferred), Term(en, language: "en", status: .preferred)]))
    }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("beleid-bench-glossary")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent("glossary.yaml").path
    try glossary.write(to: path, as: .yaml)
    let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    print(
      "glossary: \(glossary.concepts.count) concepts (\(real) real, the rest synthetic), \(glossary.termCount) terms, "
        + String(format: "%.1f MB of YAML", Double(size) / 1e6))

    // Load and index.
    var loaded = Glossary()
    let load = try clock.measure { loaded = try Glossary.read(path).0 }
    var matcher: TermMatcher!
    let index = clock.measure { matcher = TermMatcher(glossary: loaded) }
    print(
      String(format: "read YAML: %.0f ms; index surface keys: %.0f ms", seconds(load) * 1000, seconds(index) * 1000))

    // Queries of each kind, from real concepts.
    let sample = (0..<lookups).map { _ in loaded.concepts[Int(random.next() % UInt64(real))] }
    func words(_ concept: Concept) -> String? {
      concept.preferred(in: .dutch).map(\.text).flatMap { $0.contains(" ") || $0.count < 6 ? nil : $0 }
    }
    let kinds: [(String, [String])] = [
      ("exact", sample.compactMap { $0.preferred(in: .english)?.text }),
      ("inflected (nl + en/s)", sample.compactMap(words).map { $0.hasSuffix("e") ? $0 + "n" : $0 + "en" }),
      ("compound (nl + eisen)", sample.compactMap(words).map { $0 + "eisen" }),
      (
        "typo (one letter swapped)",
        sample.compactMap(words).map { word in
          var letters = Array(word)
          letters.swapAt(2, 3)
          return String(letters)
        }
      ),
    ]
    print("kind                          lookups  median ms  p95 ms  found")
    for (name, queries) in kinds {
      var times: [Double] = []
      var found = 0
      for query in queries {
        var result: TermMatcher.LookupResult?
        let duration = try clock.measure { result = try matcher.lookup(query) }
        times.append(seconds(duration) * 1000)
        if !(result?.matches.isEmpty ?? true) || !(result?.suggestions.isEmpty ?? true) { found += 1 }
      }
      times.sort()
      print(
        name.padding(toLength: 30, withPad: " ", startingAt: 0)
          + String(
            format: "%7d  %9.3f  %6.3f  %d%%", queries.count, times[times.count / 2], times[times.count * 95 / 100],
            100 * found / max(queries.count, 1)))
    }

    // The whole command, as a user runs it.
    let binary = ".build/release/beleid"
    if FileManager.default.isExecutableFile(atPath: binary) {
      var times: [Double] = []
      for _ in 0..<11 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["glossary", "lookup", "--glossary", path, "ketenveiligheid"]
        process.standardOutput = FileHandle.nullDevice
        let duration = try clock.measure {
          try process.run()
          process.waitUntilExit()
        }
        times.append(seconds(duration) * 1000)
      }
      times.sort()
      print(
        String(format: "beleid glossary lookup (whole command, %d concepts): median %.0f ms of 11", concepts, times[5]))
    }

    // Finding terms in a long text, as glossing does.
    let files =
      (try? FileManager.default.contentsOfDirectory(atPath: text).filter { $0.hasSuffix(".txt") || $0.hasSuffix(".md") })
      ?? []
    guard !files.isEmpty else { return }
    let body = try files.sorted().map {
      try String(contentsOfFile: (text as NSString).appendingPathComponent($0), encoding: .utf8)
    }.joined(separator: "\n\n")
    let file = "\((text as NSString).lastPathComponent) (\(files.count) files)"
    var found = 0
    _ = try matcher.occurrences(in: "warm up", language: .dutch)
    var scans: [Double] = []
    for _ in 0..<5 {
      scans.append(seconds(try clock.measure { found = try matcher.occurrences(in: body, language: .dutch).count }))
    }
    scans.sort()
    print(
      String(
        format: "find terms in %@ (%.2f MB): median of 5 %.0f ms, %.1f MB/s, %d terms found", file,
        Double(body.utf8.count) / 1e6, scans[2] * 1000, Double(body.utf8.count) / 1e6 / scans[2], found))
  }
}

/// SplitMix64, for a reproducible synthetic glossary.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
