import Foundation

/// The list of segments that make up the index at one commit.
///
/// Stored as JSON in a container file named MANIFEST, replaced atomically
/// (temporary file, fsync, rename) at each commit: a reader sees the last
/// complete commit, whatever happened to a writer since.
package struct Manifest: Codable, Sendable, Equatable {
  /// One live segment and its deletions.
  package struct Segment: Codable, Sendable, Equatable {
    /// The segment file's record.
    package var info: SegmentInfo
    /// The deletions file, if any document of the segment is deleted.
    package var deletions: String?
    /// How many of its documents are deleted.
    package var deletedCount: Int
  }

  /// The file format version (also in every file's header).
  package var formatVersion: Int
  /// Increases by one at each commit.
  package var generation: UInt64
  /// The id the next segment gets.
  package var nextSegmentID: UInt64
  /// The segments, oldest first.
  package var segments: [Segment]
  /// The catalog file of this commit.
  package var catalog: String?
  /// A fingerprint of the analysis data the index was built with.
  package var analysis: String
  /// ICU and Snowball versions, for `beleid stats`.
  package var analyzers: String
  /// When the commit was made (ISO 8601).
  package var committed: String

  static let fileName = "MANIFEST"
  static let magic = "BLMF"

  /// An empty manifest.
  static func empty(analysis: String, analyzers: String) -> Manifest {
    Manifest(
      formatVersion: Int(FileContainer.formatVersion), generation: 0, nextSegmentID: 1, segments: [], catalog: nil,
      analysis: analysis, analyzers: analyzers, committed: "")
  }

  /// Reads the manifest in `folder`; nil when there is none.
  static func read(folder: String) throws -> Manifest? {
    let path = (folder as NSString).appendingPathComponent(fileName)
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    let container = try MappedContainer(path: path, magic: magic)
    let bytes = try container.section(1, "manifest")
    do {
      return try JSONDecoder().decode(Manifest.self, from: Data(bytes))
    } catch {
      throw IndexError(.corrupted("manifest JSON does not decode"), path: path)
    }
  }

  /// Writes the manifest atomically: the commit point.
  func write(folder: String) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    var container = ContainerWriter(magic: Self.magic, fileID: generation)
    container.section(1, Array(try encoder.encode(self)))
    try ContainerWriter.writeAtomically(
      container.finish(), to: (folder as NSString).appendingPathComponent(Self.fileName))
  }

  /// The files this manifest names: segments, deletions and the catalog.
  var fileNames: Set<String> {
    var names: Set<String> = []
    for segment in segments {
      names.insert(segment.info.file)
      if let deletions = segment.deletions { names.insert(deletions) }
    }
    if let catalog { names.insert(catalog) }
    return names
  }
}

/// The files an index holds: path → what was indexed, for incremental runs.
package struct Catalog: Codable, Sendable, Equatable {
  /// One indexed file.
  package struct Entry: Codable, Sendable, Equatable {
    /// A hash of the file's bytes.
    package var hash: String
    /// The file's size in bytes.
    package var size: Int
    /// Documents indexed from it.
    package var documents: Int
    /// The format it was read as.
    package var format: String
  }

  /// Entries by absolute path.
  package var files: [String: Entry] = [:]

  static let magic = "BLCT"

  static func fileName(generation: UInt64) -> String { "catalog-\(generation).blc" }

  static func read(folder: String, name: String) throws -> Catalog {
    let path = (folder as NSString).appendingPathComponent(name)
    let container = try MappedContainer(path: path, magic: magic)
    do {
      return try JSONDecoder().decode(Catalog.self, from: Data(try container.section(1, "catalog")))
    } catch let error as IndexError {
      throw error
    } catch {
      throw IndexError(.corrupted("catalog JSON does not decode"), path: path)
    }
  }

  func write(folder: String, name: String, generation: UInt64) throws {
    var container = ContainerWriter(magic: Self.magic, fileID: generation)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    container.section(1, Array(try encoder.encode(self)))
    try ContainerWriter.writeAtomically(container.finish(), to: (folder as NSString).appendingPathComponent(name))
  }
}

/// A segment's deleted documents: a bitset in a container file.
enum Deletions {
  static let magic = "BLDL"

  static func fileName(segment: UInt64, generation: UInt64) -> String {
    SegmentFiles.name(segment).replacingOccurrences(of: ".bls", with: ".del-\(generation)")
  }

  static func read(folder: String, name: String, documentCount: Int) throws -> [UInt64] {
    let path = (folder as NSString).appendingPathComponent(name)
    let container = try MappedContainer(path: path, magic: magic)
    let bytes = try container.section(1, "deletions")
    let words = (documentCount + 63) / 64
    guard bytes.count == words * 8 else { throw IndexError(.corrupted("deletions size"), path: path) }
    return (0..<words).map { UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self)) }
  }

  static func write(_ bits: [UInt64], folder: String, name: String, segment: UInt64) throws {
    var writer = ByteWriter()
    for word in bits { writer.u64(word) }
    var container = ContainerWriter(magic: magic, fileID: segment)
    container.section(1, writer.bytes)
    try ContainerWriter.writeAtomically(container.finish(), to: (folder as NSString).appendingPathComponent(name))
  }
}
