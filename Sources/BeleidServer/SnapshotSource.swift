import Beleid
import BeleidAnalysis
import Foundation
import Hummingbird

/// The snapshot of the index's latest commit, opened again when a writer
/// commits.
///
/// Each request takes the current snapshot once and keeps it to the end,
/// so a request that started before a commit finishes on the commit it
/// started on, and the next request sees the new one. A commit replaces
/// the index's `MANIFEST` by renaming a new file over it, so a changed
/// inode or modification time of that file is a new commit.
package final class SnapshotSource: Sendable {
  /// The index.
  package let index: Index
  /// The glossary that translates queries, if any.
  package let glossary: Glossary?
  private let state = Locked<(snapshot: Snapshot?, stamp: FileStatus?)>((nil, nil))

  /// A source for `index`, translating through `glossary`.
  package init(index: Index, glossary: Glossary?) {
    self.index = index
    self.glossary = glossary
  }

  /// The snapshot of the latest commit.
  ///
  /// - Throws: `BeleidError` of kind `.index` when there is no index, or
  ///   its latest commit cannot be opened.
  /// - Complexity: one `stat` of the manifest; opening a new commit reads
  ///   its manifest and segment footers.
  package func current() throws(BeleidError) -> Snapshot {
    let stamp = FileStatus(path: index.folder + "/MANIFEST")
    do {
      return try state.withLock { state in
        if let snapshot = state.snapshot, stamp != nil, stamp == state.stamp { return snapshot }
        let snapshot = try index.snapshot(glossary: glossary)
        state = (snapshot, stamp)
        return snapshot
      }
    } catch let error as BeleidError {
      throw error
    } catch {
      throw BeleidError(.index, "\(error)")
    }
  }
}

extension Snapshot {
  /// The document with `key`.
  ///
  /// - Throws: `ServerError` 404 when the commit has no such document.
  func requiredDocument(_ key: String) throws -> Document {
    guard let document = try document(key) else {
      throw ServerError(.notFound, BeleidError(.other, "no document '\(key)' in the index"))
    }
    return document
  }
}

extension SnapshotSource {
  /// The document named by a route's `id` parameter (a key as search
  /// returns it, percent-encoded as one path segment), in the latest commit.
  ///
  /// - Throws: `ServerError` 404 when there is no such document.
  func document(_ context: BasicRequestContext) throws -> Document {
    try current().requiredDocument(key(context))
  }

  /// The document key that a route's `id` parameter names.
  func key(_ context: BasicRequestContext) -> String {
    let raw = context.parameters.get("id") ?? ""
    return raw.removingPercentEncoding ?? raw
  }
}

extension Duration {
  /// The duration in milliseconds.
  var milliseconds: Double { Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15 }
}
