import BeleidTestSupport
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `Scripts/install` and a relocated install: the binary finds its data
/// beside itself, not in the checkout it was built from.
@Suite("Install and relocate", .serialized)
struct InstallTests {
  /// The tree `Scripts/install` made in a temporary prefix, copied to a
  /// second prefix (so that nothing points back to the first), once per run.
  static let installed: Result<URL, any Error> = Result {
    let first = try makeTemporaryDirectory().appendingPathComponent("prefix")
    let script = SharedData.packageRoot.appendingPathComponent("Scripts/install").path
    let install = try Beleid.run([script, first.path], executable: "/bin/bash")
    guard install.status == 0 else {
      throw InstallError(message: "Scripts/install failed (\(install.status)): \(install.error)")
    }
    let moved = try makeTemporaryDirectory().appendingPathComponent("moved")
    try FileManager.default.copyItem(at: first, to: moved)
    try FileManager.default.removeItem(at: first)
    return moved
  }

  struct InstallError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
  }

  /// Whether the source tree can be hidden: root, with unshare(1).
  static var canHideSources: Bool {
    getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare")
  }

  /// Runs a shell command in a private mount namespace in which the
  /// checkout is an empty tmpfs, from a fresh working directory; without
  /// root, from that directory only (the binary's own lookup comes first).
  static func runHidden(_ command: String, environment: [String: String] = [:]) throws -> Beleid.Result {
    let folder = try makeTemporaryDirectory()
    if canHideSources {
      let root = SharedData.packageRoot.path
      return try Beleid.run(
        ["-m", "--propagation", "private", "sh", "-c", "mount -t tmpfs none '\(root)' && \(command)"], in: folder,
        environment: environment, executable: "/usr/bin/unshare")
    }
    print("note: not root; the checkout is not hidden, the install runs from another folder only")
    return try Beleid.run(["-c", command], in: folder, environment: environment, executable: "/bin/sh")
  }

  @Test("the installed tree holds the binary, the glossary, the corpus and the resource bundles")
  func layout() throws {
    let prefix = try Self.installed.get()
    for path in [
      "bin/beleid", "share/beleid/Glossary", "share/beleid/Corpus/nl", "share/beleid/Corpus/en",
      "share/beleid/beleid_BeleidAnalysis.resources/Resources/stopwords-nl.txt",
      "share/beleid/beleid_BeleidSummary.resources/Resources/Templates",
      "share/beleid/beleid_BeleidServer.resources/Resources/openapi.json",
    ] {
      #expect(FileManager.default.fileExists(atPath: prefix.appendingPathComponent(path).path), "\(path)")
    }
  }

  @Test("a moved install searches across languages, looks up and summarises with the checkout hidden")
  func relocated() throws {
    let prefix = try Self.installed.get()
    let beleid = prefix.appendingPathComponent("bin/beleid").path
    let corpusFile = prefix.appendingPathComponent("share/beleid/Corpus/nl/cloud-en-hyperscalers.md").path
    let search = try Self.runHidden("'\(beleid)' search --limit 5 'supply chain security'")
    #expect(search.status == 0, "\(search.error)")
    // Through the glossary, the English query finds the Dutch documents.
    #expect(search.output.contains("Ketenveiligheid"), "\(search.output)")
    #expect(search.output.contains("share/beleid/Corpus/nl/"))
    #expect(!search.error.contains("warning"), "\(search.error)")
    let lookup = try Self.runHidden("'\(beleid)' glossary lookup 'supply chain security'")
    #expect(lookup.status == 0 && lookup.output.contains("ketenveiligheid"), "\(lookup.error)")
    let summary = try Self.runHidden("'\(beleid)' summarize --sentences 2 '\(corpusFile)'")
    #expect(summary.status == 0 && summary.output.contains("hyperscalers"), "\(summary.error)")
    let letter = try Self.runHidden("'\(beleid)' newsletter --format html --query cloud --limit 1")
    #expect(letter.status == 0 && letter.output.contains("<html"), "\(letter.error)")
  }

  @Test("BELEID_HOME is used when nothing is installed beside the binary")
  func home() throws {
    let prefix = try Self.installed.get()
    let bare = try makeTemporaryDirectory()
    try FileManager.default.copyItem(
      at: prefix.appendingPathComponent("bin/beleid"), to: bare.appendingPathComponent("beleid"))
    let home = prefix.appendingPathComponent("share/beleid").path
    let beleid = bare.appendingPathComponent("beleid").path
    let result = try Self.runHidden(
      "'\(beleid)' glossary lookup ketenveiligheid", environment: ["BELEID_HOME": home])
    #expect(result.status == 0, "\(result.error)")
  }

  @Test("without a glossary, search fails with exit 2 unless --no-translate, and the others warn")
  func noGlossary() throws {
    guard Self.canHideSources else {
      print("skipped: needs root and unshare(1) to hide the checkout's Glossary/")
      return
    }
    let prefix = try Self.installed.get()
    let bare = try makeTemporaryDirectory()
    try FileManager.default.copyItem(at: prefix, to: bare.appendingPathComponent("p"))
    try FileManager.default.removeItem(at: bare.appendingPathComponent("p/share/beleid/Glossary"))
    let beleid = bare.appendingPathComponent("p/bin/beleid").path
    let search = try Self.runHidden("'\(beleid)' search cloud")
    #expect(search.status == 2, "\(search.output)")
    #expect(search.error.contains("no glossary found") && search.error.contains("--no-translate"), "\(search.error)")
    let plain = try Self.runHidden("'\(beleid)' search --no-translate cloud")
    #expect(plain.status == 0, "\(plain.error)")
    let corpusFile = bare.appendingPathComponent("p/share/beleid/Corpus/nl/cloud-en-hyperscalers.md").path
    let keywords = try Self.runHidden("'\(beleid)' keywords '\(corpusFile)'")
    #expect(keywords.status == 0)
    #expect(keywords.error.contains("warning: no glossary found"), "\(keywords.error)")
  }
}
