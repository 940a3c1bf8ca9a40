import BeleidDocuments
import BeleidTestSupport
import Foundation
import Testing

@testable import BeleidIndex

#if canImport(Glibc)
  import Glibc
#endif

@Suite("Index faults")
struct FaultTests {
  /// A small committed index and its folder.
  static func smallIndex() throws -> String {
    let corpus = try TestCorpus()
    for index in 0..<40 {
      try corpus.add(
        "d\(index).md", title: "Doc \(index)", body: String(repeating: "ketenveiligheid zorgplicht cloud ", count: 200))
    }
    let folder = try corpus.indexFolder()
    _ = try IndexWriter(folder: folder).index(paths: [corpus.folder.path])
    return folder
  }

  static func segmentPath(_ folder: String) throws -> String {
    let name = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first { $0.hasSuffix(".bls") })
    return (folder as NSString).appendingPathComponent(name)
  }

  @Test("a missing index is a clear error")
  func missing() throws {
    let folder = try makeTemporaryDirectory().path
    #expect(throws: IndexError(.missing, path: folder)) { try IndexReader(folder: folder) }
    #expect(IndexError(.missing, path: folder).description.contains("beleid index"))
  }

  @Test("a truncated segment names the file and advises a rebuild")
  func truncated() throws {
    let folder = try Self.smallIndex()
    let segment = try Self.segmentPath(folder)
    let size = try #require(try FileManager.default.attributesOfItem(atPath: segment)[.size] as? Int)
    #expect(truncate(segment, off_t(size / 2)) == 0)
    do {
      _ = try IndexReader(folder: folder)
      Issue.record("a truncated segment opened")
    } catch let error as IndexError {
      #expect(error.path == segment)
      #expect(error.description.contains("--rebuild"))
    }
  }

  @Test("a flipped bit is found before an answer is given")
  func bitFlip() throws {
    let folder = try Self.smallIndex()
    let segment = try Self.segmentPath(folder)
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: segment)))
    bytes[bytes.count / 3] ^= 0x04
    try Data(bytes).write(to: URL(fileURLWithPath: segment))
    do {
      let reader = try IndexReader(folder: folder)
      // Opening may succeed (pages are checked lazily); reading must not.
      try reader.verify()
      Issue.record("a damaged segment verified")
    } catch let error as IndexError {
      #expect(error.path == segment)
      guard case .corrupted = error.kind else {
        Issue.record("expected corruption, got \(error)")
        return
      }
    }
  }

  @Test("a manifest naming a missing file is an error naming that file")
  func missingSegment() throws {
    let folder = try Self.smallIndex()
    let segment = try Self.segmentPath(folder)
    try FileManager.default.removeItem(atPath: segment)
    do {
      _ = try IndexReader(folder: folder)
      Issue.record("opened without its segment")
    } catch let error as IndexError {
      #expect(error.path == segment)
      #expect(error.description.contains("missing"))
    }
  }

  @Test("a second writer fails with the holder's pid")
  func locked() throws {
    let folder = try Self.smallIndex()
    do {
      let first = try IndexWriter(folder: folder)
      #expect(
        throws: IndexError(.locked(pid: getpid()), path: (folder as NSString).appendingPathComponent("write.lock"))
      ) {
        try IndexWriter(folder: folder)
      }
      withExtendedLifetime(first) {}
    }
    #expect(IndexError(.locked(pid: 42), path: "x").description.contains("locked by process 42"))
    // Released with the first writer.
    _ = try IndexWriter(folder: folder)
  }

  @Test("SIGKILL during indexing leaves the last commit searchable")
  func killedWriter() throws {
    let corpus = try TestCorpus()
    try corpus.add("first.md", title: "First", body: "ketenveiligheid")
    let folder = try corpus.indexFolder()
    let done = try Beleid.run(["index", "--index", folder, corpus.folder.path])
    #expect(done.status == 0, "\(done.error)")
    let before = try IndexReader(folder: folder).manifest.generation

    // A large second batch, killed while it is being indexed.
    let bulk = corpus.folder.appendingPathComponent("bulk.jsonl")
    var lines: [String] = []
    for index in 0..<20_000 {
      lines.append(
        #"{"id": "\#(index)", "text": "cloud \#(index) zorgplicht meldplicht toezicht overheid digitale autonomie"}"#)
    }
    try lines.joined(separator: "\n").write(to: bulk, atomically: true, encoding: .utf8)
    let running = try Beleid.start(["index", "--index", folder, corpus.folder.path])
    // Wait until it holds the lock and has written something, then kill it.
    let deadline = Date().addingTimeInterval(20)
    while Date() < deadline {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
      if names.contains(where: { $0.contains(".tmp-") || $0.hasPrefix("seg-") && !$0.hasSuffix(".del") })
        && names.filter({ $0.hasPrefix("seg-") }).count > 1
      {
        break
      }
      if !running.process.isRunning { break }
      usleep(2_000)
    }
    kill(running.process.processIdentifier, SIGKILL)
    running.process.waitUntilExit()
    // It was killed mid-run, not after finishing.
    #expect(running.process.terminationReason == .uncaughtSignal)

    let reader = try IndexReader(folder: folder)
    #expect(reader.manifest.generation == before)
    #expect(reader.liveDocumentCount == 1)
    try reader.verify()
    #expect(try reader.documentFrequency("ketenveil") == 1)
    // And the next writer cleans up and succeeds.
    _ = try IndexWriter(folder: folder).index(paths: [corpus.folder.path])
    #expect(try IndexReader(folder: folder).liveDocumentCount == 20_001)
  }
}
