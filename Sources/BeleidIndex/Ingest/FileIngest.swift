import BeleidDocuments
import CDeflate
import Foundation

/// Turns the paths of an indexing run into documents: crawls them, compares
/// each file with the catalog of the last commit, reads the new and changed
/// ones with the document readers and hands their documents on in batches.
///
/// The writer is handed batches of documents and the catalog to commit; it
/// does not crawl, detect formats or hash files itself.
struct FileIngest {
  /// The files under the run's paths, and the catalog's files that are gone.
  let files: [String]
  /// Each file's size in bytes, as crawled.
  let sizes: [String: Int]
  /// The sum of `sizes`, for progress.
  let totalBytes: Int
  /// Files the catalog holds under the run's paths that are no longer there.
  let removedPaths: [String]
  private let catalog: Catalog

  /// The files under `paths` (excluding the index `folder`), compared with
  /// `catalog`; an error naming the first path that does not exist.
  ///
  /// A path that does not exist is an error before anything is written:
  /// indexed as given, it would remove that path's documents (or, with a
  /// rebuild, everything).
  init(paths: [String], catalog: Catalog, excluding folder: String) throws {
    let found = FileCrawler(excluding: [folder]).files(under: paths)
    if let missing = found.missing.first {
      throw IndexError(.io("no such file or folder; nothing was changed"), path: missing)
    }
    files = found.files.map(FileCrawler.absolute)
    let roots = paths.map(FileCrawler.absolute)
    let present = Set(files)
    removedPaths = catalog.files.keys.filter { path in
      !present.contains(path)
        && roots.contains { path == $0 || path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }
    }
    var sizes: [String: Int] = [:]
    for path in files {
      sizes[path] = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }
    self.sizes = sizes
    totalBytes = sizes.values.reduce(0, +)
    self.catalog = catalog
  }

  /// What reading the files changed: the catalog to commit, and the files
  /// whose earlier documents must be deleted (changed, or no longer
  /// readable).
  struct Outcome {
    var catalog: Catalog
    var changedPaths: [String]
  }

  /// Reads every new or changed file and hands its documents to `deliver`
  /// in batches of up to 256 documents or 4 MB of text; counts what it
  /// read, skipped and left unchanged in `summary`.
  ///
  /// Stops early (the rest unread) once `stopped()` says so: a failure
  /// elsewhere means nothing will be committed. A file that cannot be read
  /// as a document is skipped and counted; other errors are thrown.
  func read(
    into summary: inout IndexWriter.Summary, started: Date, progress: ((IndexWriter.Progress) -> Void)?,
    stopped: () -> Bool, deliver: ([Document]) -> Void
  ) throws -> Outcome {
    var outcome = Outcome(catalog: catalog, changedPaths: [])
    for path in removedPaths { outcome.catalog.files[path] = nil }
    var bytesRead = 0
    var batch: [Document] = []
    var batchBytes = 0
    for (number, path) in files.enumerated() {
      defer {
        bytesRead += sizes[path] ?? 0
        progress?(
          IndexWriter.Progress(
            files: number + 1, totalFiles: files.count, bytes: bytesRead, totalBytes: totalBytes,
            seconds: Date().timeIntervalSince(started)))
      }
      if stopped() { break }
      // Hashing reads the whole file, so it comes first only where it
      // decides something: a file the catalog holds at the same size. A new
      // or resized file is hashed after it has been read and handed out,
      // while the threads work.
      var hash: String?
      let stamp = Self.stamp(path)
      if let previous = catalog.files[path], previous.size == sizes[path] {
        do {
          hash = try Self.contentHash(path)
        } catch {
          let reason =
            FileManager.default.fileExists(atPath: path) ? "permission denied" : "a broken link or a missing file"
          summary.skipped.append(DocumentError(path: path, .unreadable(reason)).description)
          summary.skippedPerReason["unreadable", default: 0] += 1
          continue
        }
        if previous.hash == hash {
          summary.filesUnchanged += 1
          continue
        }
      }
      if catalog.files[path] != nil { outcome.changedPaths.append(path) }
      do {
        let file = try SourceFile(path: path)
        guard let reader = DocumentReaders.reader(for: file) else {
          throw DocumentError(path: path, file.size == 0 ? .empty : .binary)
        }
        var documents = 0
        var pages = 0
        let notes = try reader.read(file) { document in
          documents += 1
          pages += document.pageStarts.count
          batchBytes += document.body.utf8.count
          batch.append(document)
          if batch.count >= 256 || batchBytes >= 4 << 20 {
            deliver(batch)
            batch = []
            batchBytes = 0
          }
        }
        for note in notes { summary.notes.append("\(path): \(note)") }
        if documents == 0 { throw DocumentError(path: path, .empty) }
        summary.filesIndexed += 1
        summary.documentsAdded += documents
        summary.pages += pages
        summary.bytes += sizes[path] ?? 0
        summary.documentsPerFormat[reader.format, default: 0] += documents
        summary.filesPerFormat[reader.format, default: 0] += 1
        // A file that changed while it was read gets a hash no file has,
        // so the next run reads it again.
        let finalHash =
          (hash ?? (try? Self.contentHash(path))).flatMap { Self.stamp(path) == stamp ? $0 : nil }
          ?? "changed-while-indexed"
        outcome.catalog.files[path] = Catalog.Entry(
          hash: finalHash, size: sizes[path] ?? 0, documents: documents, format: reader.format)
      } catch let error as DocumentError {
        summary.skipped.append(error.description)
        summary.skippedPerReason[error.summary, default: 0] += 1
        // A file that no longer reads loses its old documents too.
        outcome.catalog.files[path] = nil
        if catalog.files[path] != nil && !outcome.changedPaths.contains(path) { outcome.changedPaths.append(path) }
      }
    }
    if !batch.isEmpty { deliver(batch) }
    return outcome
  }

  /// A file's size and modification time, to tell whether it changed while
  /// it was read (nil when it cannot be read).
  static func stamp(_ path: String) -> String? {
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
    let size = (attributes[.size] as? NSNumber)?.intValue ?? -1
    let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
    let inode = (attributes[.systemFileNumber] as? NSNumber)?.intValue ?? -1
    return "\(size) \(modified) \(inode)"
  }

  /// A hash of a file's bytes: CRC-32 and Adler-32 with the size.
  static func contentHash(_ path: String) throws -> String {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw IndexError(.io("cannot read"), path: path)
    }
    defer { try? handle.close() }
    var crc: uLong = CDeflate.crc32(0, nil, 0)
    var adler: uLong = CDeflate.adler32(0, nil, 0)
    var size = 0
    while true {
      let chunk = handle.readData(ofLength: 1 << 20)
      if chunk.isEmpty { break }
      size += chunk.count
      chunk.withUnsafeBytes { raw in
        let base = raw.baseAddress?.assumingMemoryBound(to: Bytef.self)
        crc = CDeflate.crc32(crc, base, uInt(raw.count))
        adler = CDeflate.adler32(adler, base, uInt(raw.count))
      }
    }
    return String(format: "%08x%08x-%d", UInt32(truncatingIfNeeded: crc), UInt32(truncatingIfNeeded: adler), size)
  }
}
