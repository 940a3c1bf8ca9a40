/// The one error type of the index: what failed, on which file, and what to do.
///
/// Corruption is always reported, never answered around: a truncated or
/// bit-flipped file, or a manifest that names a missing file, stops the
/// search with the file's name and the advice to rebuild.
package struct IndexError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What went wrong.
  package enum Kind: Sendable, Equatable {
    /// No index at the path.
    case missing
    /// A file's bytes are damaged: wrong checksum, truncated, bad structure.
    case corrupted(String)
    /// The index was written by an incompatible version of beleid.
    case incompatible(String)
    /// Another process holds the write lock.
    case locked(pid: Int32)
    /// A file system operation failed.
    case io(String)
  }

  /// What went wrong.
  package var kind: Kind
  /// The file concerned.
  package var path: String

  /// Creates an error about `path`.
  package init(_ kind: Kind, path: String) {
    self.kind = kind
    self.path = path
  }

  package var description: String {
    switch kind {
    case .missing:
      return "no index at \(path); create one with: beleid index PATH…"
    case .corrupted(let detail):
      return "index file \(path) is damaged (\(detail)); rebuild with: beleid index --rebuild PATH…"
    case .incompatible(let detail):
      return "index at \(path) is incompatible (\(detail)); rebuild with: beleid index --rebuild PATH…"
    case .locked(let pid):
      return "index is locked by process \(pid) (\(path)); wait for it to finish"
    case .io(let detail):
      return "\(path): \(detail)"
    }
  }
}
