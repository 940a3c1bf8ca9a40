import BeleidTestSupport
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The defects found against fdeb881 that show at the command line: batch
/// input, damaged and changing indexes, imports that overwrote, inputs
/// dropped without a word.
@Suite("Hardening at the command line")
struct HardeningTests {
  /// A small index of two Markdown documents and a file whose name holds '#'.
  static func smallIndex() throws -> (corpus: TestCorpus, index: String) {
    let corpus = try TestCorpus()
    try corpus.add("keten.md", title: "Ketenveiligheid", body: "ketenveiligheid en de zorgplicht van leveranciers")
    try corpus.add("cloud.md", title: "Cloud", body: "de cloud en soevereiniteit, hyperscalers en de zorgplicht")
    try "ketenveiligheid in een bestand met een hekje".write(
      to: corpus.folder.appendingPathComponent("etc#passwd.txt"), atomically: true, encoding: .utf8)
    let index = try corpus.indexFolder()
    let result = try Beleid.run(["index", "--index", index, corpus.folder.path])
    #expect(result.status == 0, "\(result.error)")
    return (corpus, index)
  }

  static func batch(_ index: String, _ text: String, _ extra: [String] = []) throws -> Beleid.Result {
    let file = try makeTemporaryDirectory().appendingPathComponent("queries.tsv")
    try Data(text.utf8).write(to: file)
    return try Beleid.run(["search", "--index", index, "--no-translate", "--queries", file.path] + extra)
  }

  @Test(
    "a batch query holding a line or paragraph separator, VT, FF or a lone CR runs whole (Q3)",
    arguments: ["\u{2028}", "\u{2029}", "\u{85}", "\u{0B}", "\u{0C}", "\r"])
  func separators(_ separator: String) throws {
    let (_, index) = try Self.smallIndex()
    let result = try Self.batch(index, "q1\tzzzonbekend\(separator)ketenveiligheid\nq2\tcloud\r\n")
    #expect(result.status == 0, "\(result.error)")
    let qids = result.output.split(separator: "\n").map { $0.split(separator: " ")[0] }
    // The whole first query ran: its second word matches.
    #expect(qids.contains("q1"), "\(result.output)")
    #expect(qids.contains("q2"))
    #expect(!result.output.contains("\r"))
  }

  @Test("malformed batch lines are named by number; the rest run and the exit code is 2 (Q4)")
  func malformedLines() throws {
    let (_, index) = try Self.smallIndex()
    let text = "q1\tketenveiligheid\nno tab here\n\tcloud\nq4\t   \n\nq5\tcloud\nq6\t(cloud\n"
    let result = try Self.batch(index, text)
    #expect(result.status == 2)
    #expect(result.error.contains("line 2: no tab"), "\(result.error)")
    #expect(result.error.contains("line 3: the query id before the tab is empty"))
    #expect(result.error.contains("line 4: query q4 is empty"))
    #expect(result.error.contains("query q6 (line 7): query error at column 1"))
    #expect(!result.error.contains("line 5"))
    let qids = Set(result.output.split(separator: "\n").map { String($0.split(separator: " ")[0]) })
    #expect(qids == ["q1", "q5"])
  }

  @Test("--threads N prints what one thread prints: the same lines, errors and exit code", arguments: [2, 5])
  func threads(_ count: Int) throws {
    let (_, index) = try Self.smallIndex()
    // Matching, failing, malformed and empty-handed queries, mixed.
    let queries = ["ketenveiligheid", "cloud", "zorgplicht leveranciers", "(cloud", "zzzonbekend", "hekje", "cloud*"]
    var text = ""
    for number in 0..<60 { text += "q\(number)\t\(queries[number % queries.count])\n" }
    text += "no tab here\n"
    let one = try Self.batch(index, text)
    let many = try Self.batch(index, text, ["--threads", "\(count)"])
    #expect(one.status == 2)
    #expect(many.status == one.status)
    #expect(many.output == one.output)
    // Each run reads its own copy of the file: its folder differs.
    let withoutFolder = { (error: String) in error.replacing(/\/\S*\/queries\.tsv/, with: "queries.tsv") }
    #expect(withoutFolder(many.error) == withoutFolder(one.error))
    #expect(one.output.split(separator: "\n").count > 60, "most queries should match")
  }

  @Test("a batch file with a byte order mark reads its first line")
  func batchBOM() throws {
    let (_, index) = try Self.smallIndex()
    let result = try Self.batch(index, "\u{FEFF}q1\tketenveiligheid\n")
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.hasPrefix("q1 Q0 "))
  }

  @Test("TREC docids keep a '#' in a path, escaped, and are one field (Q5)")
  func docids() throws {
    let (corpus, index) = try Self.smallIndex()
    let result = try Self.batch(index, "q1\thekje\n")
    #expect(result.status == 0, "\(result.error)")
    let fields = try #require(result.output.split(separator: "\n").first).split(separator: " ")
    #expect(fields.count == 6)
    #expect(fields[2] == "\(corpus.folder.path)/etc%23passwd.txt", "\(fields)")
  }

  @Test("bulk-file ids stay the TREC docid; white space in them is escaped")
  func bulkDocids() throws {
    let corpus = try TestCorpus()
    try #"{"id": "BWB 1#2", "text": "ketenveiligheid"}"#.write(
      to: corpus.folder.appendingPathComponent("bulk.jsonl"), atomically: true, encoding: .utf8)
    let index = try corpus.indexFolder()
    _ = try Beleid.run(["index", "--index", index, corpus.folder.path])
    let result = try Self.batch(index, "q1\tketenveiligheid\n")
    #expect(result.output.split(separator: " ")[2] == "BWB%201%232", "\(result.output)")
  }

  /// An index whose form dictionary spans many pages: 30 documents of
  /// 2,000 made-up words each, so that a damaged page can first be met
  /// while a prefix or fuzzy word is expanded.
  static func wideIndex() throws -> String {
    let corpus = try TestCorpus()
    var state: UInt64 = 3
    let letters = Array("abcdefghijklmnoprstuvw")
    for document in 0..<30 {
      var words: [String] = []
      for _ in 0..<2_000 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let length = 5 + Int(state >> 60) % 8
        words.append(String((0..<length).map { letters[Int(state >> UInt64(4 * $0 + 8)) % letters.count] }))
      }
      try corpus.add(
        "d\(document).md", title: "Doc \(document)",
        body: words.joined(separator: " ") + " soevereiniteit zorgplicht ketenveiligheid")
    }
    let index = try corpus.indexFolder()
    let result = try Beleid.run(["index", "--index", index, corpus.folder.path])
    #expect(result.status == 0, "\(result.error)")
    return index
  }

  @Test("a batch over a damaged segment reports the damage and never crashes (C6)")
  func damagedBatch() throws {
    let index = try Self.wideIndex()
    let segment = try #require(
      try FileManager.default.contentsOfDirectory(atPath: index).first { $0.hasSuffix(".bls") })
    let original = try Data(contentsOf: URL(fileURLWithPath: index).appendingPathComponent(segment))
    // Expansions first: on fdeb881 a damaged page met while expanding
    // crashed the batch (SIGSEGV at 5 of these 20 places).
    let queries = "q1\tsoever*\nq2\tzorgplikt~1\nq3\tketen*\nq4\tketenveiligheid\nq5\tzorgplicht OR keten\n"
    var damaged = 0
    for step in 0..<20 {
      let copy = try makeTemporaryDirectory("beleid-damaged").path
      for name in try FileManager.default.contentsOfDirectory(atPath: index) where name != "write.lock" {
        try FileManager.default.copyItem(atPath: "\(index)/\(name)", toPath: "\(copy)/\(name)")
      }
      var bytes = [UInt8](original)
      let position = 64 + (bytes.count - 128) * step / 20
      bytes[position] ^= UInt8(1 << (step % 8))
      try Data(bytes).write(to: URL(fileURLWithPath: "\(copy)/\(segment)"))
      let result = try Self.batch(copy, queries)
      #expect([0, 2].contains(result.status), "bit \(step % 8) of byte \(position): \(result.error.suffix(300))")
      if result.status == 2 {
        damaged += 1
        #expect(result.error.contains("damaged"), "\(result.error.suffix(300))")
      }
      try? FileManager.default.removeItem(atPath: copy)
    }
    #expect(damaged >= 10)
  }

  @Test(
    "a segment truncated or zeroed under a running reader gives a clear error, not SIGBUS or SIGSEGV (C7)",
    arguments: ["truncate", "zero"])
  func changedUnderReader(_ mode: String) throws {
    let (_, index) = try Self.smallIndex()
    let segment = try #require(
      try FileManager.default.contentsOfDirectory(atPath: index).first { $0.hasSuffix(".bls") })
    let path = "\(index)/\(segment)"
    let input = Pipe()
    let running = try Beleid.start(["search", "--index", index, "--no-translate", "--queries", "-"], input: input)
    // Wait until the reader has mapped the segment.
    let maps = "/proc/\(running.process.processIdentifier)/maps"
    let deadline = Date().addingTimeInterval(30)
    while Date() < deadline, (try? String(contentsOfFile: maps, encoding: .utf8))?.contains(segment) != true {
      usleep(5_000)
    }
    let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
    if mode == "truncate" {
      #expect(truncate(path, 0) == 0)
    } else {
      let handle = try #require(FileHandle(forWritingAtPath: path))
      try handle.write(contentsOf: Data(count: size))
      try handle.close()
    }
    input.fileHandleForWriting.write(Data("q1\tketenveiligheid\nq2\tcloud\nq3\tzorgplicht leveranciers\n".utf8))
    try input.fileHandleForWriting.close()
    let error = String(decoding: running.stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    running.process.waitUntilExit()
    #expect(running.process.terminationReason == .exit, "\(error)")
    #expect(running.process.terminationStatus == 2)
    #expect(
      error.contains(segment) && (error.contains("changed by another program") || error.contains("damaged")), "\(error)"
    )
  }

  @Test("glossary import never overwrites a curated file without --force (L2)")
  func importBeside() throws {
    let glossary = try makeTemporaryDirectory("beleid-glossary")
    let curated = glossary.appendingPathComponent("supply-chain.yaml")
    try FileManager.default.copyItem(at: BundledData.glossary.appendingPathComponent("supply-chain.yaml"), to: curated)
    let before = try Data(contentsOf: curated)
    let source = try makeTemporaryDirectory().appendingPathComponent("supply-chain.csv")
    try "nl,en\nketenbeveiliging,supply chain security\n".write(to: source, atomically: true, encoding: .utf8)

    let first = try Beleid.run(["glossary", "import", "--glossary", glossary.path, source.path])
    #expect(first.status == 0, "\(first.error)")
    #expect(try Data(contentsOf: curated) == before)
    #expect(first.output.contains("supply-chain.yaml exists and was left as it is"), "\(first.output)")
    #expect(FileManager.default.fileExists(atPath: glossary.appendingPathComponent("supply-chain-imported.yaml").path))
    let second = try Beleid.run(["glossary", "import", "--glossary", glossary.path, source.path])
    #expect(second.output.contains("supply-chain-imported-2.yaml"))

    let explicit = try Beleid.run(["glossary", "import", "--output", curated.path, source.path])
    #expect(explicit.status == 2)
    #expect(explicit.error.contains("exists; nothing was written (use --force"))
    #expect(try Data(contentsOf: curated) == before)
    let forced = try Beleid.run(["glossary", "import", "--force", "--output", curated.path, source.path])
    #expect(forced.status == 0)
    #expect(try Data(contentsOf: curated) != before)
  }

  @Test(
    "an import with a concept missing Dutch or English writes nothing",
    arguments: [
      (
        "missing-en.yaml",
        "domain: test\nconcepts:\n  - id: c1\n    nl: [\"ketenveiligheid\"]\n  - id: c2\n    nl: [\"keten\"]\n    en: [\"chain\"]\n"
      ),
      ("empty-nl.csv", "nl,en\n,supply chain security\nketen,chain\n"),
    ])
  func importMissingLanguage(_ example: (name: String, text: String)) throws {
    let folder = try makeTemporaryDirectory()
    let source = folder.appendingPathComponent(example.name)
    try example.text.write(to: source, atomically: true, encoding: .utf8)
    let output = folder.appendingPathComponent("out.yaml")
    let result = try Beleid.run(["glossary", "import", "--output", output.path, source.path])
    #expect(result.status == 2, "\(result.output) \(result.error)")
    #expect(result.error.contains("nothing was written"))
    #expect(!FileManager.default.fileExists(atPath: output.path))
  }

  @Test("newsletter --path names the files it skips (S3)")
  func newsletterSkips() throws {
    let corpus = try TestCorpus()
    try corpus.add(
      "a.md", title: "Ketenveiligheid", body: "Het kabinet versterkt de ketenveiligheid van vitale aanbieders.")
    try Data([0, 1, 2, 0, 255, 0]).write(to: corpus.folder.appendingPathComponent("nul.txt"))
    try Data([0x7F, 0x45, 0x4C, 0x46, 0, 0, 0, 0]).write(to: corpus.folder.appendingPathComponent("program.bin"))
    let result = try Beleid.run(["newsletter", "--path", corpus.folder.path, "--date", "2026-02-01"])
    #expect(result.status == 0, "\(result.error)")
    #expect(result.error.contains("nul.txt: skipped: binary"), "\(result.error)")
    #expect(result.error.contains("program.bin: skipped: binary"))
  }

  @Test(
    "newsletter dates must be days that exist (Q2)",
    arguments: [
      ["--since", "2026-02-31"], ["--since", "2026-13"], ["--until", "+202"], ["--date", "2026-99-99"],
      ["--date", "2026-02-30"], ["--since", "2026-03", "--until", "2026-02"],
    ])
  func newsletterDates(_ options: [String]) throws {
    let result = try Beleid.run(["newsletter", "--path", ".", "--date", "2026-02-01"] + options)
    #expect(result.status != 0)
    #expect(
      result.error.contains("must be a day that exists") || result.error.contains("after --until"), "\(result.error)")
  }

  @Test("newsletter --since 2026-1 takes January on")
  func newsletterMonth() throws {
    let corpus = try TestCorpus()
    try corpus.add("a.md", title: "Januari", body: "Het kabinet versterkt de ketenveiligheid.", date: "2026-01-20")
    try corpus.add("b.md", title: "December", body: "De toezichthouder handhaaft de zorgplicht.", date: "2025-12-20")
    let result = try Beleid.run([
      "newsletter", "--path", corpus.folder.path, "--since", "2026-1", "--date", "2026-02-01",
    ])
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.contains("Januari") && !result.output.contains("December"))
  }

  @Test("index --rebuild of a path that does not exist exits 2 and keeps the index")
  func rebuildMissing() throws {
    let (_, index) = try Self.smallIndex()
    let result = try Beleid.run(["index", "--rebuild", "--index", index, "/nonexistent/beleid"])
    #expect(result.status == 2)
    #expect(result.error.contains("no such file or folder"))
    let search = try Beleid.run(["search", "--index", index, "--no-translate", "ketenveiligheid"])
    #expect(search.status == 0 && search.output.contains("Ketenveiligheid"), "\(search.error)")
  }

  @Test("a zip bomb among documents is skipped with its reason; the rest of the run is indexed (C4)")
  func zipBombInRun() throws {
    let corpus = try TestCorpus()
    try corpus.add("a.md", title: "Ketenveiligheid", body: "ketenveiligheid")
    // A .docx whose document.xml claims 3 GiB: refused from the sizes it declares.
    let bomb = corpus.folder.appendingPathComponent("bomb.docx")
    try Data(Self.declaredBomb()).write(to: bomb)
    let index = try corpus.indexFolder()
    let result = try Beleid.run(["index", "--index", index, corpus.folder.path])
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.contains("bomb.docx"), "\(result.output)")
    #expect(result.output.contains("over a limit") || result.output.contains("over a size limit"))
    let search = try Beleid.run(["search", "--index", index, "--no-translate", "ketenveiligheid"])
    #expect(search.output.contains("Ketenveiligheid"))
  }

  /// A zip whose one entry, word/document.xml, declares 3 GiB inflated from
  /// 1 KiB (only the declared sizes are checked before inflating).
  static func declaredBomb() -> [UInt8] {
    let name = Array("word/document.xml".utf8)
    let data = [UInt8](repeating: 0, count: 1_024)
    var out: [UInt8] = []
    func u16(_ v: Int) { out += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
    func u32(_ v: Int) { out += (0..<4).map { UInt8(v >> (8 * $0) & 0xFF) } }
    let uncompressed = 3 << 30
    // Local header.
    u32(0x0403_4B50); u16(20); u16(0); u16(8); u16(0); u16(0); u32(0); u32(data.count); u32(uncompressed)
    u16(name.count); u16(0); out += name; out += data
    let central = out.count
    u32(0x0201_4B50); u16(20); u16(20); u16(0); u16(8); u16(0); u16(0); u32(0); u32(data.count); u32(uncompressed)
    u16(name.count); u16(0); u16(0); u16(0); u16(0); u32(0); u32(0); out += name
    let centralSize = out.count - central
    u32(0x0605_4B50); u16(0); u16(0); u16(1); u16(1); u32(centralSize); u32(central); u16(0)
    return out
  }

  @Test("the fuzz targets replay their seed corpora and every crash input found without crashing")
  func fuzzReplay() throws {
    let replayer = Beleid.fuzzPath
    try #require(FileManager.default.isExecutableFile(atPath: replayer), "beleid-fuzz is not built: swift build")
    let corpus = SharedData.packageRoot.appendingPathComponent("Tests/Fuzz/Corpus").path
    let running = try Beleid.start([corpus], executable: replayer)
    let output = String(decoding: running.stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let error = String(decoding: running.stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    running.process.waitUntilExit()
    #expect(running.process.terminationReason == .exit && running.process.terminationStatus == 0, "\(error)")
    #expect(output.contains("inputs replayed without a crash"), "\(output)")
    for target in ["query", "xml", "tbx", "jsonl", "frontmatter", "csv", "tsv", "sentences", "html", "template"] {
      #expect(!output.contains("\(target): 0 inputs"), "no seeds for \(target)")
    }
  }
}
