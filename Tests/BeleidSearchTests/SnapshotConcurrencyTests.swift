import BeleidAnalysis
import BeleidIndex
import BeleidTestSupport
import Foundation
import Testing

@testable import BeleidSearch

/// One open index (a snapshot) searched by many threads at once.
///
/// Run under ThreadSanitizer in CI (`Scripts/test --sanitize=thread`).
@Suite("A snapshot shared by threads")
struct SnapshotConcurrencyTests {
  /// The bundled Corpus, indexed once.
  static let folder: String? = {
    guard let corpus = try? TestCorpus(), let folder = try? corpus.indexFolder() else { return nil }
    let documents = ["nl", "en"].map { BundledData.corpus.appendingPathComponent($0).path }
    guard (try? IndexWriter(folder: folder).index(paths: documents)) != nil else { return nil }
    return folder
  }()

  /// The words of the bundled Corpus, for random queries.
  static func corpusWords() throws -> [String] {
    var words = Set<String>()
    for language in ["nl", "en"] {
      let folder = BundledData.corpus.appendingPathComponent(language)
      for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
        let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        for word in text.split(whereSeparator: { !$0.isLetter }) where word.count >= 4 {
          words.insert(word.lowercased())
        }
      }
    }
    return words.sorted()
  }

  /// Random queries of every kind the language has: words, + and -,
  /// phrases, prefixes, fuzzy words, title: and lang: filters.
  static func randomQueries(_ count: Int, words: [String], seed: UInt64) -> [String] {
    var random = SeededRandom(seed: seed)
    return (0..<count).map { _ in
      let size = Int.random(in: 1...6, using: &random)
      var parts: [String] = []
      for _ in 0..<size {
        let word = words.randomElement(using: &random)!
        switch Int.random(in: 0..<12, using: &random) {
        case 0: parts.append("+" + word)
        case 1: parts.append("-" + word)
        case 2: parts.append("\"\(word) \(words.randomElement(using: &random)!)\"")
        case 3: parts.append(String(word.prefix(4)) + "*")
        case 4: parts.append(word + "~1")
        case 5: parts.append("title:" + word)
        default: parts.append(word)
        }
      }
      if Int.random(in: 0..<8, using: &random) == 0 {
        parts.append(["lang:nl", "lang:en"].randomElement(using: &random)!)
      }
      if parts.allSatisfy({ $0.hasPrefix("-") || $0.hasPrefix("lang:") }) { parts.append(words[0]) }
      return parts.joined(separator: " ")
    }
  }

  /// What a search returned, in a form that compares exactly.
  static func answer(_ searcher: Searcher, _ plan: QueryPlan) -> [String] {
    do {
      let hits = try searcher.search(plan, .init(limit: 10, fields: true, explain: true)).hits
      return hits.map { hit in
        let parts = (hit.explanation ?? []).map { "\($0.label)=\($0.score)" }.joined(separator: ",")
        return "\(hit.key) \(hit.rankingScore) \(hit.score) \(hit.title ?? "") [\(parts)]"
      }
    } catch {
      return ["error: \(error)"]
    }
  }

  @Test("8 threads × 1,000 random queries on one snapshot answer as one thread does")
  func eightThreads() throws {
    let folder = try #require(Self.folder, "the bundled Corpus did not index")
    let words = try Self.corpusWords()
    let planner = QueryPlanner()
    let queries = Self.randomQueries(1_000, words: words, seed: 8)
    let plans: [QueryPlan?] = queries.map { query in
      try? planner.plan(try QueryParser().parse(query), language: nil)
    }
    #expect(plans.count(where: { $0 != nil }) > 900, "most random queries should parse")
    // One thread, on a snapshot of its own.
    let alone = Searcher(reader: try IndexReader(folder: folder))
    let expected = plans.map { $0.map { Self.answer(alone, $0) } ?? [] }
    #expect(expected.count(where: { !$0.isEmpty && !$0[0].hasPrefix("error") }) > 500, "most queries should match")
    // Eight threads on one fresh snapshot: its pages are checked, and its
    // stored blocks decompressed, while the threads race.
    let shared = Searcher(reader: try IndexReader(folder: folder))
    let mismatches = Locked<[String]>([])
    let group = DispatchGroup()
    for thread in 0..<8 {
      group.enter()
      let worker = Thread {
        // Each thread walks the queries from its own starting point, so
        // they meet the same documents at different times.
        for step in plans.indices {
          let index = (step + thread * plans.count / 8) % plans.count
          guard let plan = plans[index] else { continue }
          let found = Self.answer(shared, plan)
          if found != expected[index] {
            mismatches.withLock { $0.append("thread \(thread), query '\(queries[index])'") }
          }
        }
        group.leave()
      }
      worker.stackSize = 8 << 20
      worker.start()
    }
    group.wait()
    let found = mismatches.withLock { $0 }
    #expect(found.isEmpty, "\(found.count) answers differ, first: \(found.first ?? "")")
  }

  @Test("a snapshot keeps answering as before after a later commit merges its segments away")
  func oldSnapshotSurvivesCommits() throws {
    let corpus = try TestCorpus()
    for number in 0..<6 {
      try corpus.add(
        "first-\(number).md", title: "Ketenveiligheid \(number)", body: "De keten en de leverancier.", lang: "nl")
    }
    let folder = try corpus.indexFolder()
    _ = try IndexWriter(folder: folder).index(paths: [corpus.folder.path])
    let old = try IndexReader(folder: folder)
    let planner = QueryPlanner()
    let plan = try planner.plan("ketenveiligheid leverancier", language: .dutch)
    let before = Self.answer(Searcher(reader: old), plan)
    #expect(before.count == 6)
    // More documents, then a merge down to one segment: the old segment
    // files leave the index folder.
    for number in 0..<6 {
      try corpus.add(
        "second-\(number).md", title: "Leverancier \(number)", body: "Ketenveiligheid bij inkoop.", lang: "nl")
    }
    var options = IndexWriter.Options()
    options.maximumSegments = 1
    options.memoryBudget = 1 << 40  // merge whatever else the process holds
    _ = try IndexWriter(folder: folder, options: options).index(paths: [corpus.folder.path])
    let remaining = Set(try FileManager.default.contentsOfDirectory(atPath: folder))
    #expect(old.manifest.segments.contains { !remaining.contains($0.info.file) }, "the merge should drop old files")
    #expect(Self.answer(Searcher(reader: old), plan) == before)
    #expect(try IndexReader(folder: folder).documentCount == 12)
  }
}
