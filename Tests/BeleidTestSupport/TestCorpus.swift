import Foundation

/// Writes small documents to a temporary folder, as Markdown with front matter.
package struct TestCorpus {
  /// The folder holding the documents.
  package let folder: URL

  /// A new, empty corpus folder.
  package init() throws {
    folder = try makeTemporaryDirectory("beleid-corpus")
  }

  /// Writes a Markdown document and returns its path; `metadata` adds
  /// front matter fields (sorted by name).
  @discardableResult
  package func add(
    _ name: String, title: String, body: String, date: String? = nil, lang: String? = nil, source: String? = nil,
    metadata: [String: String] = [:]
  ) throws -> String {
    var text = "---\ntitle: \"\(title)\"\n"
    if let date { text += "date: \(date)\n" }
    if let lang { text += "lang: \(lang)\n" }
    if let source { text += "source: \"\(source)\"\n" }
    for (key, value) in metadata.sorted(by: { $0.key < $1.key }) { text += "\(key): \"\(value)\"\n" }
    text += "---\n\(body)\n"
    let url = folder.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  /// Removes a document.
  package func remove(_ name: String) throws {
    try FileManager.default.removeItem(at: folder.appendingPathComponent(name))
  }

  /// A fresh index folder next to the corpus.
  package func indexFolder() throws -> String {
    try makeTemporaryDirectory("beleid-index").path
  }
}
