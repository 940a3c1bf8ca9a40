import BeleidDocuments
import BeleidTestSupport
import Foundation
import Testing

@testable import BeleidIndex

#if canImport(Glibc)
  import Glibc
#endif

/// `beleid index --rebuild` writes a complete new commit before the old one
/// goes (L1): a rebuild that is killed, runs out of disk or is given a
/// path that does not exist leaves the last commit searchable.
@Suite("Atomic rebuilds", .serialized)
struct RebuildTests {
  /// A corpus with one document, indexed into a fresh folder.
  static func indexedCorpus(index folder: String? = nil) throws -> (corpus: TestCorpus, folder: String) {
    let corpus = try TestCorpus()
    try corpus.add("first.md", title: "First", body: "ketenveiligheid en zorgplicht")
    let folder = try folder ?? corpus.indexFolder()
    _ = try IndexWriter(folder: folder).index(paths: [corpus.folder.path])
    return (corpus, folder)
  }

  /// Checks that `folder` still holds the one-document commit.
  static func expectFirstCommit(_ folder: String, generation: UInt64) throws {
    let reader = try IndexReader(folder: folder)
    #expect(reader.manifest.generation == generation)
    #expect(reader.liveDocumentCount == 1)
    try reader.verify()
    #expect(try reader.documentFrequency("ketenveil") == 1)
  }

  /// `count` JSON Lines documents in one bulk file of the corpus.
  static func addBulk(_ corpus: TestCorpus, count: Int) throws {
    var lines: [String] = []
    for index in 0..<count {
      lines.append(
        #"{"id": "\#(index)", "text": "cloud \#(index) zorgplicht meldplicht toezicht overheid digitale autonomie leveranciers"}"#
      )
    }
    try lines.joined(separator: "\n").write(
      to: corpus.folder.appendingPathComponent("bulk.jsonl"), atomically: true, encoding: .utf8)
  }

  @Test("SIGKILL during a rebuild leaves the last commit searchable")
  func killedRebuild() throws {
    let (corpus, folder) = try Self.indexedCorpus()
    let before = try IndexReader(folder: folder).manifest.generation
    try Self.addBulk(corpus, count: 100_000)
    let lock = (folder as NSString).appendingPathComponent("write.lock")
    for delay in [1_500_000, 2_500_000] as [useconds_t] {
      let running = try Beleid.start(["index", "--rebuild", "--index", folder, corpus.folder.path])
      // Wait until the rebuild holds the lock (its pid is in write.lock),
      // then past the writer's set-up (loading the analysis data), after
      // which fdeb881 had deleted the last commit; indexing the bulk takes
      // several seconds more.
      let pid = "\(running.process.processIdentifier)\n"
      let deadline = Date().addingTimeInterval(30)
      while Date() < deadline, running.process.isRunning, FileBytes.read(lock) != Array(pid.utf8) {
        usleep(2_000)
      }
      usleep(delay)
      #expect(running.process.isRunning, "the rebuild finished before it could be killed; make the bulk larger")
      kill(running.process.processIdentifier, SIGKILL)
      running.process.waitUntilExit()
      #expect(running.process.terminationReason == .uncaughtSignal)
      try Self.expectFirstCommit(folder, generation: before)
    }
    // The next rebuild cleans up and succeeds.
    _ = try IndexWriter(folder: folder, options: Self.rebuilding).index(paths: [corpus.folder.path])
    #expect(try IndexReader(folder: folder).liveDocumentCount == 100_001)
  }

  /// Whether this process may mount a tmpfs (root, with the permission).
  static let canMountTmpfs: Bool = {
    guard geteuid() == 0, let probe = try? makeTemporaryDirectory("beleid-tmpfs-probe").path,
      mountTmpfs(probe, megabytes: 1)
    else { return false }
    run("/bin/umount", [probe])
    return true
  }()

  static var rebuilding: IndexWriter.Options {
    var options = IndexWriter.Options()
    options.rebuild = true
    return options
  }

  @Test(
    "a rebuild that runs out of disk leaves the last commit searchable",
    .enabled(if: canMountTmpfs, "needs root and permission to mount a 3 MB tmpfs as a full disk"))
  func diskFullRebuild() throws {
    let mountPoint = try makeTemporaryDirectory("beleid-tmpfs").path
    #expect(Self.mountTmpfs(mountPoint, megabytes: 3))
    defer { Self.run("/bin/umount", [mountPoint]) }
    let folder = (mountPoint as NSString).appendingPathComponent("index")
    let (corpus, _) = try Self.indexedCorpus(index: folder)
    let before = try IndexReader(folder: folder).manifest.generation
    // About 30 MB of text: its segments cannot fit in 3 MB.
    try Self.addBulk(corpus, count: 150_000)
    #expect(throws: (any Error).self) {
      _ = try IndexWriter(folder: folder, options: Self.rebuilding).index(paths: [corpus.folder.path])
    }
    try Self.expectFirstCommit(folder, generation: before)
    // The failed run's files are cleaned up by the next writer.
    try FileManager.default.removeItem(at: corpus.folder.appendingPathComponent("bulk.jsonl"))
    _ = try IndexWriter(folder: folder, options: Self.rebuilding).index(paths: [corpus.folder.path])
    try Self.expectFirstCommit(folder, generation: before + 1)
  }

  @Test(
    "a path that does not exist is an error that changes nothing, with or without --rebuild",
    arguments: [false, true])
  func missingPath(_ rebuild: Bool) throws {
    let (_, folder) = try Self.indexedCorpus()
    let before = try IndexReader(folder: folder).manifest.generation
    #expect(throws: IndexError(.io("no such file or folder; nothing was changed"), path: "/nonexistent/beleid")) {
      _ = try IndexWriter(folder: folder, options: rebuild ? Self.rebuilding : .init()).index(paths: [
        "/nonexistent/beleid"
      ])
    }
    try Self.expectFirstCommit(folder, generation: before)
  }

  static func mountTmpfs(_ path: String, megabytes: Int) -> Bool {
    run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", path]) == 0
  }

  @discardableResult
  static func run(_ tool: String, _ arguments: [String]) -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return -1 }
    process.waitUntilExit()
    return process.terminationStatus
  }
}
