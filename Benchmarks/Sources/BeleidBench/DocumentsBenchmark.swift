import ArgumentParser
import BeleidDocuments
import BeleidIndex
import Foundation

/// `beleid-bench documents`: PDF conversion and indexing the shared corpus.
struct DocumentsBenchmark: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "documents",
    abstract: "Time PDF conversion (the 50-page coalition agreement) and indexing ../shared/data/corpus end to end."
  )

  @Option(help: "The PDF to convert.")
  var pdf = "../shared/data/corpus/coalitieakkoord-2021/original/coalitieakkoord-2021-2025.pdf"

  @Option(help: "The folder to index.")
  var corpus = "../shared/data/corpus"

  @Option(help: "Rounds of each measurement.")
  var rounds = 3

  func run() throws {
    let clock = ContinuousClock()
    var conversions: [Double] = []
    var pages = 0
    for _ in 0..<rounds {
      let file = try SourceFile(path: pdf)
      let elapsed = try clock.measure {
        _ = try PDFReader().read(file) { pages = $0.pageStarts.count }
      }
      conversions.append(seconds(elapsed))
    }
    var indexing: [Double] = []
    var summary = IndexWriter.Summary()
    for _ in 0..<rounds {
      let folder = FileManager.default.temporaryDirectory.appendingPathComponent("beleid-bench-\(UUID().uuidString)")
        .path
      defer { try? FileManager.default.removeItem(atPath: folder) }
      let elapsed = try clock.measure {
        summary = try IndexWriter(folder: folder).index(paths: [corpus])
      }
      indexing.append(seconds(elapsed))
    }
    print("| measurement | best (s) | median (s) |")
    print("|---|---|---|")
    print(
      String(
        format: "| PDF to text, %d pages (%@) | %.2f | %.2f |", pages, (pdf as NSString).lastPathComponent,
        conversions.min()!, conversions.sorted()[rounds / 2]))
    print(
      String(
        format: "| index %@ (%d files, %d documents, %.1f MB, %d pages) | %.2f | %.2f |", corpus, summary.filesIndexed,
        summary.documentsAdded, Double(summary.bytes) / 1e6, summary.pages, indexing.min()!,
        indexing.sorted()[rounds / 2]))
    print(
      "files per format: \(summary.filesPerFormat.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))"
    )
    print("skipped: \(summary.skipped.count)")
  }
}
