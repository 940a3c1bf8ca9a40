import ArgumentParser
import BeleidAnalysis
import BeleidIndex
import Foundation

/// `beleid index`: add folders and files to the index, incrementally.
struct Index: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "index",
    abstract: "Index folders and files (text, Markdown, HTML, PDF, XML, Word, JSONL).",
    discussion: """
      A rerun reads only new and changed files (by content hash) and removes the
      documents of files that are gone. The index is committed atomically at the
      end: an interrupted run leaves the last commit searchable.

        $ beleid index ../shared/data/corpus
        $ beleid index --rebuild Corpus
      """
  )

  @OptionGroup var index: IndexOptions

  @Flag(help: "Start over: drop everything indexed before.")
  var rebuild = false

  @Option(help: "Indexing threads (default: one per core).")
  var threads: Int = 0

  @Option(
    help: ArgumentHelp(
      "The most memory indexing may use, in MiB (default 900): segments are written early and merges "
        + "that would not fit wait.", valueName: "MB"))
  var memoryBudget: Int = IndexWriter.defaultMemoryBudget >> 20

  @Option(help: ArgumentHelp("Merge down to at most this many segments (default 8).", visibility: .hidden))
  var maxSegments: Int?

  @Flag(help: "Print the summary as JSON.")
  var json = false

  @Argument(help: "Folders and files to index.")
  var paths: [String]

  func validate() throws {
    if paths.isEmpty { throw ValidationError("give at least one folder or file to index") }
    if threads < 0 { throw ValidationError("--threads must be 0 or more") }
    if memoryBudget < 64 || memoryBudget > 1 << 30 {
      throw ValidationError("--memory-budget is in MiB and must be at least 64 (default 900)")
    }
  }

  func run() throws {
    var options = IndexWriter.Options()
    options.rebuild = rebuild
    options.threads = threads
    options.memoryBudget = memoryBudget << 20
    if let maxSegments { options.maximumSegments = max(1, maxSegments) }
    let summary = try runCatching { () throws -> IndexWriter.Summary in
      let writer = try IndexWriter(folder: index.folder, options: options)
      let bar = ProgressBar()
      let report: ((IndexWriter.Progress) -> Void)? = bar.isActive ? { bar.update($0) } : nil
      let summary = try writer.index(paths: paths, progress: report)
      bar.finish()
      return summary
    }
    if json {
      print(try encodeJSON(summary))
      return
    }
    printSummary(summary, folder: index.folder)
  }
}

/// Prints an indexing summary: one line, then a table per format and the skips.
func printSummary(_ summary: IndexWriter.Summary, folder: String) {
  let megabytes = Double(summary.bytes) / 1_000_000
  print(
    String(
      format:
        "indexed %d file(s), %d document(s), %.1f MB in %.1f s; %d unchanged, %d removed, %d skipped; %d live document(s) in %d segment(s) at %@",
      summary.filesIndexed, summary.documentsAdded, megabytes, summary.seconds, summary.filesUnchanged,
      summary.filesRemoved, summary.skipped.count, summary.liveDocuments, summary.segments, folder))
  if !summary.committed { print("nothing changed: no new commit was written") }
  if summary.segmentsWrittenEarly + summary.cachesDropped + summary.mergesDeferred > 0 {
    print(
      "memory budget \(summary.memoryBudget >> 20) MiB: \(summary.segmentsWrittenEarly) segment(s) written early, "
        + "analyzer caches dropped \(summary.cachesDropped) time(s)"
        + (summary.mergesDeferred > 0 ? ", a merge left for a later run (--memory-budget to allow it)" : ""))
  }
  if !summary.documentsPerFormat.isEmpty {
    var rows = summary.documentsPerFormat.keys.sorted().map { format in
      [format, String(summary.filesPerFormat[format] ?? 0), String(summary.documentsPerFormat[format] ?? 0)]
    }
    if summary.pages > 0 { rows.append(["(pages)", "", String(summary.pages)]) }
    printTable(header: ["format", "files", "documents"], rows: rows)
  }
  if !summary.skippedPerReason.isEmpty {
    print("skipped:")
    for reason in summary.skippedPerReason.keys.sorted() {
      print("  \(summary.skippedPerReason[reason] ?? 0) \(reason)")
    }
    for line in summary.skipped { print("  \(line)") }
  }
  for note in summary.notes { print("note: \(note)") }
}

/// A progress line on a terminal: files, megabytes, rate and time left.
final class ProgressBar: @unchecked Sendable {
  /// A terminal that takes escapes (not TERM=dumb; NO_COLOR does not stop
  /// a progress line, which has no colour).
  let isActive = isatty(STDERR_FILENO) != 0 && ProcessEnvironment.value("TERM") != "dumb"
  private var lastDraw = 0.0

  func update(_ progress: IndexWriter.Progress) {
    guard progress.seconds - lastDraw >= 0.2 || progress.files == progress.totalFiles else { return }
    lastDraw = progress.seconds
    let fraction = progress.totalBytes > 0 ? Double(progress.bytes) / Double(progress.totalBytes) : 1
    let width = 24
    let filled = Int(fraction * Double(width))
    let rate = progress.seconds > 0 ? Double(progress.bytes) / 1_000_000 / progress.seconds : 0
    let left = rate > 0 ? (Double(progress.totalBytes - progress.bytes) / 1_000_000) / rate : 0
    let line = String(
      format: "\r[%@%@] %d/%d files, %.1f/%.1f MB, %.1f MB/s, ETA %.0f s ",
      String(repeating: "#", count: filled), String(repeating: ".", count: width - filled), progress.files,
      progress.totalFiles, Double(progress.bytes) / 1_000_000, Double(progress.totalBytes) / 1_000_000, rate, left)
    FileHandle.standardError.write(Data(line.utf8))
  }

  func finish() {
    if isActive { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
  }
}
