import Foundation

/// The benchmark corpus: the title and text of each JSON line, as UTF-8.
struct BenchCorpus {
  var documents: [[UInt8]] = []
  var bytes: Int { documents.reduce(0) { $0 + $1.count } }

  /// Reads JSONL, decompressing `.xz` files with `xz -dc`, up to `limit` bytes of text.
  static func load(_ path: String, limit: Int?) throws -> BenchCorpus {
    let data: Data
    if path.hasSuffix(".xz") {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/xz")
      process.arguments = ["-dc", path]
      let pipe = Pipe()
      process.standardOutput = pipe
      try process.run()
      data = pipe.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
    } else {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    }
    var corpus = BenchCorpus()
    var total = 0
    for line in data.split(separator: 0x0A) {
      guard let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any] else { continue }
      let title = object["title"] as? String ?? ""
      let text = object["text"] as? String ?? ""
      let document = Array((title + "\n" + text).utf8)
      corpus.documents.append(document)
      total += document.count
      if let limit, total >= limit { break }
    }
    return corpus
  }
}

/// Seconds in a duration.
func seconds(_ duration: Duration) -> Double {
  Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// The default location of the benchmark corpus, beside the repository.
let defaultCorpusPath = "../shared/data/bench/bwb-laws.jsonl.xz"
