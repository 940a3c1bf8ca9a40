internal import BeleidIndex

/// An index: a folder on disk that `update(_:)` writes and `snapshot(glossary:)`
/// opens for searching.
///
/// Commits are atomic and a lock keeps writers apart, so one process can
/// update an index while others search it.
public struct Index: Sendable {
  /// The folder that holds it.
  public let folder: String

  /// The index in `folder`; `.beleid` is the command line's default.
  ///
  /// Nothing is read or written until a call needs it.
  public init(folder: String = ".beleid") { self.folder = folder }

  /// What one update did.
  public struct Report: Sendable, Encodable {
    /// Files read and indexed: new or changed since the last update.
    public var filesIndexed: Int
    /// Files left as they were, unchanged since the last update.
    public var filesUnchanged: Int
    /// Files gone since the last update, whose documents were removed.
    public var filesRemoved: Int
    /// Documents added, and documents removed (of changed or gone files).
    public var documentsAdded: Int
    public var documentsDeleted: Int
    /// Files skipped, each with why (binary, unreadable, too large).
    public var skipped: [String]
  }

  /// Brings the index up to date with `paths` (files and folders, read
  /// recursively): new and changed files are indexed, files gone from
  /// them removed, and everything is committed at once.
  ///
  /// - Parameter rebuild: start from an empty index.
  /// - Throws: `BeleidError` of kind `.index` when the index is locked by
  ///   another writer or cannot be written; unreadable files are skipped
  ///   and listed in the report instead.
  @discardableResult
  public func update(_ paths: [String], rebuild: Bool = false) throws(BeleidError) -> Report {
    try BeleidError.catching {
      var options = IndexWriter.Options()
      options.rebuild = rebuild
      let summary = try IndexWriter(folder: folder, options: options).index(paths: paths)
      return Report(
        filesIndexed: summary.filesIndexed, filesUnchanged: summary.filesUnchanged,
        filesRemoved: summary.filesRemoved, documentsAdded: summary.documentsAdded,
        documentsDeleted: summary.documentsDeleted, skipped: summary.skipped)
    }
  }

  /// Opens the latest commit for searching.
  ///
  /// - Parameter glossary: the glossary through which queries find
  ///   documents in the other language; without it, only FreeDict
  ///   translates.
  /// - Throws: `BeleidError` of kind `.index` when there is no index in the
  ///   folder or it is damaged.
  public func snapshot(glossary: Glossary? = nil) throws(BeleidError) -> Snapshot {
    try BeleidError.catching { Snapshot(reader: try IndexReader(folder: folder), glossary: glossary) }
  }
}
