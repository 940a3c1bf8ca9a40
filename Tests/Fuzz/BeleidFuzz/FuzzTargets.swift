import BeleidAnalysis
import BeleidDocuments
import BeleidGlossary
import BeleidSearch
import BeleidSummary
import Foundation

/// The fuzz targets, by name.
///
/// Each takes arbitrary bytes and must return without crashing, hanging or
/// using unbounded memory. Errors are fine; they are what bad input should
/// give.
///
/// One binary holds every target; `BELEID_FUZZ_TARGET` names the one to
/// run. Built with `Scripts/fuzz` (`-sanitize=fuzzer,address` and
/// `-DBELEID_LIBFUZZER`) it is a libFuzzer binary; built plainly, it
/// replays each target's seed corpus (`Tests/Fuzz/Corpus/<target>`), which
/// is how the tests run the crash inputs found so far.
enum FuzzTargets {
  /// Every target by name, with what it feeds the bytes to.
  static let all: [(name: String, run: @Sendable ([UInt8]) -> Void)] = [
    ("query", query),
    ("xml", xml),
    ("tbx", tbx),
    ("jsonl", { document($0, extension: "jsonl") }),
    ("frontmatter", { document($0, extension: "md") }),
    ("csv", { glossary($0, extension: "csv", format: .csv) }),
    ("tsv", { glossary($0, extension: "tsv", format: .omegat) }),
    ("sentences", sentences),
    ("html", { document($0, extension: "html") }),
    ("template", template),
  ]

  /// A private scratch folder for targets whose readers take files,
  /// removed when the process exits.
  static let scratch: String = {
    let folder = NSTemporaryDirectory() + "beleid-fuzz-\(getpid())"
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(atPath: NSTemporaryDirectory() + "beleid-fuzz-\(getpid())") }
    return folder
  }()

  static func write(_ bytes: [UInt8], extension ext: String) -> String {
    let path = scratch + "/input." + ext
    FileManager.default.createFile(atPath: path, contents: Data(bytes))
    return path
  }

  /// The query parser, then the planner with both analyzers.
  static func query(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    guard let node = try? QueryParser().parse(text) else { return }
    let planner = QueryPlanner()
    for language in [Language.dutch, .english] { _ = try? planner.plan(node, language: language) }
  }

  /// The XML scanner, and official XML through the document readers.
  static func xml(_ bytes: [UInt8]) {
    try? XMLScanner.scan(String(decoding: bytes, as: UTF8.self)) { _ in }
    document(bytes, extension: "xml")
  }

  /// TBX through the glossary reader.
  static func tbx(_ bytes: [UInt8]) { glossary(bytes, extension: "tbx", format: .tbx) }

  /// A file read by whichever document reader accepts it.
  static func document(_ bytes: [UInt8], extension ext: String) {
    let path = write(bytes, extension: ext)
    guard let file = try? SourceFile(path: path), let reader = DocumentReaders.reader(for: file) else { return }
    _ = try? reader.read(file) { _ in }
  }

  /// A glossary file in `format`.
  static func glossary(_ bytes: [UInt8], extension ext: String, format: GlossaryFormat) {
    let path = write(bytes, extension: ext)
    _ = try? Glossary.read(path, format: format)
  }

  /// The sentence splitter in both languages.
  static func sentences(_ bytes: [UInt8]) {
    for language in [Language.dutch, .english] {
      guard let splitter = try? SentenceSplitter(language: language) else { continue }
      _ = splitter.split(UTF8Repair.repair(bytes).bytes)
    }
  }

  /// A user's digest template: checked, parsed and rendered.
  static func template(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    _ = try? DigestRenderer.render(FuzzDigest.sample, format: .markdown, template: (text, "fuzz.mustache"))
  }
}

#if BELEID_LIBFUZZER
  /// libFuzzer's entry point.
  @_cdecl("LLVMFuzzerTestOneInput")
  public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzTargets.selected(ProcessInfo.processInfo.environment["BELEID_FUZZ_TARGET"] ?? "")(
      Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
  }
#else
  /// Replays seed corpora: `beleid-fuzz CORPUS_ROOT [TARGET…]`.
  @main
  struct Replay {
    static func main() {
      let arguments = CommandLine.arguments.dropFirst()
      guard let root = arguments.first else {
        FileHandle.standardError.write(Data("usage: beleid-fuzz CORPUS_ROOT [TARGET…]\n".utf8))
        exit(2)
      }
      let names = arguments.count > 1 ? Array(arguments.dropFirst()) : FuzzTargets.all.map(\.name)
      var total = 0
      for name in names {
        let run = FuzzTargets.selected(name)
        let folder = root + "/" + name
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        for file in files {
          guard let data = FileManager.default.contents(atPath: folder + "/" + file) else { continue }
          run([UInt8](data))
          total += 1
        }
        print("\(name): \(files.count) inputs replayed")
      }
      print("\(total) inputs replayed without a crash")
    }
  }
#endif

extension FuzzTargets {
  /// The target named `name`; stops the process with a message if there is none.
  static func selected(_ name: String) -> @Sendable ([UInt8]) -> Void {
    guard let target = all.first(where: { $0.name == name }) else {
      FileHandle.standardError.write(
        Data("unknown fuzz target '\(name)'; targets: \(all.map(\.name).joined(separator: ", "))\n".utf8))
      exit(2)
    }
    return target.run
  }
}

/// A small digest that the template target renders.
enum FuzzDigest {
  static let sample: Digest = {
    let document = Document(
      key: "fuzz", path: "fuzz.txt", title: "Ketenveiligheid",
      body: "Het kabinet versterkt de ketenveiligheid. Leveranciers melden incidenten binnen 24 uur.", format: "text")
    do {
      return try DigestBuilder(matcher: nil).build([document], options: .init(title: "Fuzz", generated: "2026-01-01"))
    } catch {
      fatalError("the sample digest could not be built: \(error)")
    }
  }()
}
