import BeleidAnalysis
import BeleidDocuments
import BeleidTestSupport
import Foundation
import Testing

@testable import BeleidIndex

@Suite("Index writing and reading")
struct IndexWriterTests {
  static let words = [
    "overheid", "ketenveiligheid", "cloud", "zorgplicht", "meldplicht", "de", "het", "minister", "NIS2-richtlijn",
    "aanbesteding", "digitale", "autonomie", "toezicht", "leverancier", "incidenten", "Kamer", "brief", "wet",
  ]

  /// Random Dutch-ish documents.
  static func corpus(seed: UInt64, count: Int) throws -> (TestCorpus, [String: String]) {
    var random = SeededRandom(seed: seed)
    let corpus = try TestCorpus()
    var bodies: [String: String] = [:]
    for index in 0..<count {
      let length = Int.random(in: 1..<80, using: &random)
      let body = (0..<length).map { _ in words.randomElement(using: &random)! }.joined(separator: " ")
      let path = try corpus.add("doc\(index).md", title: "Document \(index)", body: body, lang: "nl")
      bodies[FileCrawler.absolute(path)] = body
    }
    return (corpus, bodies)
  }

  @Test(
    "a document without a language is judged on windows across its body",
    arguments: [
      // A bilingual treaty: 25 KB of English, then 80 KB of Dutch (its
      // first 20,000 characters are all English).
      (
        String(repeating: "The Contracting Parties shall inform each other of any changes. ", count: 400)
          + String(
            repeating: "De Verdragsluitende Partijen stellen elkaar op de hoogte van wijzigingen. ", count: 1_080),
        Language.dutch
      ),
      (String(repeating: "The Contracting Parties shall inform each other of any changes. ", count: 300), .english),
      ("Een korte brief over de zorgplicht van het kabinet.", .dutch),
      // Multi-byte characters at every window edge stay whole.
      (String(repeating: "één café à la carte, het overleg met de minister ", count: 500), .dutch),
    ])
  func languageWindows(body: String, expected: Language) {
    let document = Document(key: "k", path: "p", title: "", body: body, format: "text")
    #expect(SegmentBuilder.identifyLanguage(of: document, with: LanguageIdentifier()) == expected)
  }

  @Test(
    "a segment that cannot be written fails the run with an error, and nothing waits for ever",
    .timeLimit(.minutes(1)))
  func failedWriteDoesNotHang() throws {
    // 6,000 documents in one JSON Lines file: far more batches than the
    // threads' queues hold.
    let folder = try makeTemporaryDirectory()
    let path = folder.appendingPathComponent("bulk.jsonl").path
    let lines = (0..<6_000).map { #"{"id": "d\#($0)", "text": "de minister stuurt brief \#($0) aan de kamer"}"# }
    try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
    let index = try makeTemporaryDirectory().path
    var options = IndexWriter.Options()
    options.threads = 2
    options.segmentTokenBudget = 2_000
    let writer = try IndexWriter(folder: index, options: options)
    // Every segment's temporary file is a link to /dev/full: writing fails.
    for id in 1...64 {
      let name = SegmentFiles.name(UInt64(id)) + ".tmp-\(getpid())"
      try FileManager.default.createSymbolicLink(
        atPath: (index as NSString).appendingPathComponent(name), withDestinationPath: "/dev/full")
    }
    #expect(throws: IndexError.self) { try writer.index(paths: [path]) }
  }

  @Test("two indexing threads number documents the same way on every rebuild")
  func rebuildsAreReproducible() throws {
    let (corpus, _) = try Self.corpus(seed: 5, count: 1_200)
    let folder = try corpus.indexFolder()
    var options = IndexWriter.Options()
    options.threads = 2
    options.segmentTokenBudget = 2_000  // several segments per thread
    options.maximumSegments = 100  // no merges
    var orders: [[String]] = []
    for _ in 0..<3 {
      options.rebuild = true
      _ = try IndexWriter(folder: folder, options: options).index(paths: [corpus.folder.path])
      let reader = try IndexReader(folder: folder)
      #expect(reader.segments.count >= 4)
      orders.append(reader.segments.flatMap { segment in (0..<segment.documentCount).map { segment.key($0) } })
    }
    #expect(orders[0].count == 1_200)
    #expect(orders[1] == orders[0])
    #expect(orders[2] == orders[0])
  }

  @Test("the source and type columns hold each document's stored source and type, before and after merges")
  func categoryColumns() throws {
    let corpus = try TestCorpus()
    let types = ["wet", "AMvB", "regeling", "", "wet"]
    for number in 0..<300 {
      let type = types[number % types.count]
      try corpus.add(
        "doc-\(number).md", title: "Document \(number)",
        body: String(repeating: "Toezicht op leveranciers, deel \(number). ", count: 10),
        source: number % 7 == 0 ? nil : "bron \(number % 3)", metadata: type.isEmpty ? [:] : ["type": type])
    }
    for merging in [false, true] {
      let folder = try corpus.indexFolder()
      var options = IndexWriter.Options()
      options.segmentTokenBudget = 2_000  // several segments
      options.maximumSegments = merging ? 1 : 100
      options.memoryBudget = 1 << 40
      let summary = try IndexWriter(folder: folder, options: options).index(paths: [corpus.folder.path])
      #expect((summary.merges > 0) == merging)
      let reader = try IndexReader(folder: folder)
      #expect(reader.segments.count > 1 || merging)
      var seen = Set<String>()
      for segment in reader.segments {
        for doc in 0..<segment.documentCount {
          let document = try segment.document(doc)
          #expect(segment.documentType(doc) == (document.documentType ?? ""))
          #expect(segment.source(doc) == (document.source ?? ""))
          seen.insert(segment.documentType(doc))
        }
      }
      #expect(seen == ["wet", "AMvB", "regeling", ""])
    }
  }

  @Test("postings match a brute-force count over the analyzer's tokens", arguments: [1, 2, 3] as [UInt64])
  func postingsMatchModel(seed: UInt64) throws {
    let (corpus, bodies) = try Self.corpus(seed: seed, count: 300)
    let folder = try corpus.indexFolder()
    var options = IndexWriter.Options()
    options.segmentTokenBudget = 2_000  // several segments
    options.maximumSegments = 1  // and merges
    // Merges must happen whatever else the test process holds (under
    // AddressSanitizer, beside the suite that searches from 8 threads, it
    // is resident past the default budget, which would defer them).
    options.memoryBudget = 1 << 40
    let summary = try IndexWriter(folder: folder, options: options).index(paths: [corpus.folder.path])
    #expect(summary.documentsAdded == 300)
    #expect(summary.merges > 0)

    let reader = try IndexReader(folder: folder)
    #expect(reader.liveDocumentCount == 300)
    let analyzer = try Analyzer(language: .dutch)
    // Expected body frequency per stem per document key.
    var expected: [String: [String: Int]] = [:]
    for (key, body) in bodies {
      var tokens: [Token] = []
      var text = body
      try text.withUTF8 { _ = try analyzer.analyze(UnsafeRawBufferPointer($0), into: &tokens) }
      for token in tokens { expected[analyzer.stem(token.stem), default: [:]][key, default: 0] += 1 }
    }
    for (stem, perDocument) in expected {
      var found: [String: Int] = [:]
      for segment in reader.segments {
        guard let postings = try segment.postings(for: stem) else { continue }
        var previous: Int32 = -1
        while postings.next() != PostingsIterator.exhausted {
          #expect(postings.doc > previous)
          previous = postings.doc
          let positions = try postings.positions()
          #expect(positions.count == Int(postings.bodyFrequency + postings.titleFrequency))
          #expect(positions == positions.sorted())
          if postings.bodyFrequency > 0 { found[segment.key(Int(postings.doc))] = Int(postings.bodyFrequency) }
        }
        #expect(postings.failure == nil)
      }
      #expect(found == perDocument, "stem \(stem)")
    }
    try reader.verify()
  }

  @Test("advance(to:) agrees with stepping through next()")
  func advanceAgreesWithNext() throws {
    let (corpus, _) = try Self.corpus(seed: 9, count: 600)
    let folder = try corpus.indexFolder()
    _ = try IndexWriter(folder: folder).index(paths: [corpus.folder.path])
    let reader = try IndexReader(folder: folder)
    var random = SeededRandom(seed: 4)
    var largest = 0
    for segment in reader.segments {
      guard let all = try segment.postings(for: "de") else { continue }
      var docs: [Int32] = []
      while all.next() != PostingsIterator.exhausted { docs.append(all.doc) }
      largest = max(largest, docs.count)
      for _ in 0..<50 {
        let target = Int32.random(in: 0...Int32(segment.documentCount), using: &random)
        let iterator = try #require(try segment.postings(for: "de"))
        let found = iterator.advance(to: target)
        #expect(found == (docs.first { $0 >= target } ?? PostingsIterator.exhausted))
      }
    }
    // Full blocks and skip entries are exercised. The two indexing threads
    // share the documents as they come, so one segment may be small.
    #expect(largest > 128)
  }

  @Test("incremental runs skip unchanged files, reindex changed ones and drop removed ones")
  func incremental() throws {
    let corpus = try TestCorpus()
    try corpus.add("a.md", title: "A", body: "ketenveiligheid en toezicht")
    try corpus.add("b.md", title: "B", body: "de zorgplicht van de overheid")
    try corpus.add("sub/c.md", title: "C", body: "cloud en autonomie")
    let folder = try corpus.indexFolder()
    let first = try IndexWriter(folder: folder).index(paths: [corpus.folder.path])
    #expect(first.filesIndexed == 3)

    let second = try IndexWriter(folder: folder).index(paths: [corpus.folder.path])
    #expect(second.filesIndexed == 0)
    #expect(second.filesUnchanged == 3)

    try corpus.add("b.md", title: "B", body: "de meldplicht van de overheid")
    try corpus.remove("sub/c.md")
    try corpus.add("d.md", title: "D", body: "aanbesteding")
    let third = try IndexWriter(folder: folder).index(paths: [corpus.folder.path])
    #expect(third.filesIndexed == 2)
    #expect(third.filesUnchanged == 1)
    #expect(third.filesRemoved == 1)
    #expect(third.documentsDeleted == 2)
    let reader = try IndexReader(folder: folder)
    #expect(reader.liveDocumentCount == 3)
    #expect(try reader.catalog().files.count == 3)
    func live(_ stem: String) throws -> Int {
      var count = 0
      for segment in reader.segments {
        guard let postings = try segment.postings(for: stem) else { continue }
        while postings.next() != PostingsIterator.exhausted {
          if !segment.isDeleted(Int(postings.doc)) { count += 1 }
        }
      }
      return count
    }
    #expect(try live("zorgplicht") == 0)
    #expect(try live("meldplicht") == 1)
    #expect(try live("cloud") == 0)

    let rebuilt = try IndexWriter(
      folder: folder,
      options: {
        var o = IndexWriter.Options(); o.rebuild = true; return o
      }()
    )
    .index(paths: [corpus.folder.path])
    #expect(rebuilt.filesIndexed == 3)
    #expect(try IndexReader(folder: folder).documentCount == 3)
  }

  @Test("remove drops a file's documents")
  func remove() throws {
    let corpus = try TestCorpus()
    let a = try corpus.add("a.md", title: "A", body: "ketenveiligheid")
    try corpus.add("b.md", title: "B", body: "zorgplicht")
    let folder = try corpus.indexFolder()
    _ = try IndexWriter(folder: folder).index(paths: [corpus.folder.path])
    #expect(try IndexWriter(folder: folder).remove(paths: [a]).documents == 1)
    #expect(try IndexReader(folder: folder).liveDocumentCount == 1)
  }

  @Test("JSONL bulk files give one document per line; bad lines are reported")
  func jsonl() throws {
    let folder = try makeTemporaryDirectory()
    let path = folder.appendingPathComponent("bulk.jsonl").path
    let lines = [
      #"{"id": "x1", "title": "Eerste", "text": "ketenveiligheid", "date": "2026-01-30", "lang": "nl"}"#,
      #"not json"#,
      #"{"id": "x2", "text": "supply chain security", "lang": "en", "source": "test"}"#,
    ]
    try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
    let index = try makeTemporaryDirectory().path
    let summary = try IndexWriter(folder: index).index(paths: [path])
    #expect(summary.documentsAdded == 2)
    #expect(summary.notes.contains { $0.contains("malformed line(s): 2") })
    let reader = try IndexReader(folder: index)
    let keys = reader.segments.flatMap { segment in (0..<segment.documentCount).map { segment.key($0) } }
    #expect(Set(keys) == [FileCrawler.absolute(path) + "#x1", FileCrawler.absolute(path) + "#x2"])
  }
}
