import BeleidTestSupport
import Foundation
import Testing

/// `index --memory-budget`: a run stays under its budget, measured as the
/// child's own peak resident size, and still indexes every document.
@Suite(
  "Indexing under a memory budget", .serialized)
struct MemoryBudgetTests {
  /// A deterministic generator (SplitMix64), so every run indexes the same text.
  struct Generator {
    var state: UInt64

    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
  }

  /// ASCII capitals lowered; other bytes (UTF-8 sequences) kept.
  static func lowered(_ word: [UInt8]) -> [UInt8] {
    word.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
  }

  /// Writes about `target` bytes of JSONL: Dutch-like documents of about
  /// 10 KB made of the bundled Corpus's words, with new compounds and names
  /// in every document so that the vocabulary grows as in a real corpus.
  /// Returns the number of documents.
  static func writeCorpus(to path: String, bytes target: Int) throws -> Int {
    var words: [[UInt8]] = []
    let files = FileManager.default.enumerator(atPath: BundledData.corpus.path)?.compactMap { $0 as? String } ?? []
    for name in files.sorted() where name.hasSuffix(".md") || name.hasSuffix(".txt") {
      let text =
        (try? String(contentsOfFile: BundledData.corpus.appendingPathComponent(name).path, encoding: .utf8)) ?? ""
      for word in text.split(whereSeparator: { !$0.isLetter }) where word.count >= 2 {
        words.append(Array(word.utf8))
      }
    }
    guard words.count > 2_000 else { throw CocoaError(.fileReadCorruptFile) }
    var random = Generator(state: 2026)
    // A base text of sentences drawn from the corpus's words (so as often
    // as they occur there) and compounds of two of them.
    var base: [UInt8] = []
    base.reserveCapacity(9 << 20)
    while base.count < 8 << 20 {
      let length = 8 + random.below(14)
      for position in 0..<length {
        var word = words[random.below(words.count)]
        if random.below(8) == 0 { word = lowered(word) + lowered(words[random.below(words.count)]) }
        if position == 0, let first = word.first, first >= 0x61, first <= 0x7A { word[0] = first - 0x20 }
        base += word
        base.append(position == length - 1 ? UInt8(ascii: ".") : UInt8(ascii: " "))
        if position == length - 1 { base.append(UInt8(ascii: " ")) }
      }
    }
    guard FileManager.default.createFile(atPath: path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    defer { try? handle.close() }
    var written = 0
    var documents = 0
    var line: [UInt8] = []
    while written < target {
      line.removeAll(keepingCapacity: true)
      line += Array("{\"id\":\"regeling-\(documents)\",\"lang\":\"nl\",\"title\":\"Regeling ".utf8)
      line += words[random.below(words.count)]
      line += Array(" \(documents)\",\"text\":\"".utf8)
      // A slice of the base text, from a word's start to a word's end.
      var start = random.below(base.count - 12_000)
      while base[start] != UInt8(ascii: " ") { start += 1 }
      var end = start + 9_000 + random.below(2_000)
      while base[end] != UInt8(ascii: " ") { end += 1 }
      line += base[(start + 1)..<end]
      // New words, about 15 a document as in the BWB (569,000 forms in
      // 437 MB): compounds of three corpus words and invented names.
      for _ in 0..<8 {
        line.append(UInt8(ascii: " "))
        for _ in 0..<3 { line += lowered(words[random.below(words.count)]) }
        line.append(UInt8(ascii: " "))
        for _ in 0..<(5 + random.below(6)) { line.append(UInt8(ascii: "a") + UInt8(random.below(26))) }
      }
      line += Array(".\"}\n".utf8)
      handle.write(Data(line))
      written += line.count
      documents += 1
    }
    return documents
  }

  @Test("200 MB indexed with a 256 MiB budget stays under it (the child's ru_maxrss)", .timeLimit(.minutes(15)))
  func twoHundredMegabytes() throws {
    let folder = try makeTemporaryDirectory("beleid-budget")
    let corpus = folder.appendingPathComponent("laws.jsonl").path
    let documents = try Self.writeCorpus(to: corpus, bytes: 200_000_000)
    defer { try? FileManager.default.removeItem(at: folder) }
    let index = folder.appendingPathComponent("index").path
    let run = try Beleid.runMeasured(["index", "--memory-budget", "256", "--json", "--index", index, corpus])
    #expect(run.status == 0, "\(run.error)")
    #expect(run.peakKiB < 256 * 1024, "peak \(run.peakKiB / 1024) MiB over a 256 MiB budget")
    let summary = try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any]
    #expect(summary?["liveDocuments"] as? Int == documents, "\(run.output)")
    // The index answers: a word of the first document's title is found.
    let search = try Beleid.run(["search", "--index", index, "--no-translate", "--limit", "1", "regeling"])
    #expect(search.status == 0, "\(search.error)")
    print("indexed \(documents) documents, 200 MB, peak \(run.peakKiB / 1024) MiB under a 256 MiB budget")
  }

  @Test(
    "a budget below 64 MiB or not a number is a usage error",
    arguments: [["--memory-budget", "10"], ["--memory-budget", "lots"], ["--memory-budget", "-5"]])
  func badBudget(_ option: [String]) throws {
    let corpus = try TestCorpus()
    try corpus.add("a.md", title: "A", body: "ketenveiligheid")
    let result = try Beleid.run(["index", "--index", try corpus.indexFolder()] + option + [corpus.folder.path])
    #expect(result.status == 2)
    #expect(result.error.contains("memory-budget"), "\(result.error)")
  }
}
