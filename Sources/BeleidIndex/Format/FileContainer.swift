import CDeflate
import CFaultGuard
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The layout every index file shares: a header, sections, a checksum per
/// 64 KiB page and a footer.
///
///     header     magic (4 bytes) · format version (u32) · file id (u64)
///     sections   …
///     directory  section count (u32) · (id u32, offset u64, length u64) × count
///     checksums  CRC-32 of each 64 KiB page of everything above, u32 each
///     footer     directory offset (u64) · checksum table offset (u64)
///                page size (u32) · CRC-32 of the checksum table (u32)
///                CRC-32 of the footer's first 24 bytes (u32) · "BEND"
///
/// All integers are little-endian. See docs/index-format.md.
enum FileContainer {
  /// The on-disk format version written.
  ///
  /// Bump it on any incompatible change. Version 2 compresses stored fields
  /// with zstd (version 1: zlib).
  static let formatVersion: UInt32 = 2
  /// The versions this beleid reads.
  static let readableVersions: ClosedRange<UInt32> = 1...2
  static let pageSize = 65_536
  static let footerSize = 32
  static let headerSize = 16
  static let footerMagic = Array("BEND".utf8)

  /// CRC-32 (zlib's, the IEEE polynomial) of bytes.
  static func crc32(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
    guard let base = bytes.baseAddress, bytes.count > 0 else { return 0 }
    var crc: UInt = CDeflate.crc32(0, nil, 0)
    var offset = 0
    while offset < bytes.count {
      let length = min(bytes.count - offset, 1 << 30)
      crc = CDeflate.crc32(crc, base.advanced(by: offset).assumingMemoryBound(to: Bytef.self), uInt(length))
      offset += length
    }
    return UInt32(truncatingIfNeeded: crc)
  }
}

/// Builds a container file in memory and writes it atomically.
struct ContainerWriter {
  private var writer = ByteWriter()
  private var directory: [(id: UInt32, offset: UInt64, length: UInt64)] = []

  /// Starts a file of kind `magic` ("BLSG", "BLMF"…) with id `fileID`, in
  /// format `version` (tests write other versions).
  init(magic: String, fileID: UInt64, version: UInt32 = FileContainer.formatVersion) {
    writer.append(Array(magic.utf8).prefix(4))
    writer.u32(version)
    writer.u64(fileID)
  }

  /// Makes room for sections of `bytes` in all, so adding them does not
  /// copy the file so far as it grows.
  mutating func reserve(sections bytes: Int) {
    let pages = (bytes + FileContainer.pageSize - 1) / FileContainer.pageSize + 1
    writer.reserve(writer.count + bytes + 20 * (directory.count + 16) + 4 * pages + 64)
  }

  /// Adds a section.
  mutating func section(_ id: UInt32, _ bytes: [UInt8]) {
    directory.append((id, UInt64(writer.count), UInt64(bytes.count)))
    writer.append(bytes)
  }

  /// The finished file's bytes.
  mutating func finish() -> [UInt8] {
    let directoryOffset = UInt64(writer.count)
    writer.u32(UInt32(directory.count))
    for entry in directory {
      writer.u32(entry.id)
      writer.u64(entry.offset)
      writer.u64(entry.length)
    }
    let tableOffset = UInt64(writer.count)
    var table = ByteWriter()
    writer.bytes.withUnsafeBytes { all in
      var start = 0
      while start < all.count {
        let end = min(all.count, start + FileContainer.pageSize)
        table.u32(FileContainer.crc32(UnsafeRawBufferPointer(rebasing: all[start..<end])))
        start = end
      }
    }
    writer.append(table.bytes)
    var footer = ByteWriter()
    footer.u64(directoryOffset)
    footer.u64(tableOffset)
    footer.u32(UInt32(FileContainer.pageSize))
    footer.u32(table.bytes.withUnsafeBytes { FileContainer.crc32($0) })
    footer.u32(footer.bytes.withUnsafeBytes { FileContainer.crc32($0) })
    footer.append(FileContainer.footerMagic)
    writer.append(footer.bytes)
    return writer.bytes
  }

  /// Writes the file to `path` through a temporary file, fsync and rename, so
  /// readers see the old file or the whole new one, never a part.
  static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
    let temporary = path + ".tmp-\(getpid())"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { throw IndexError(.io("cannot create: \(String(cString: strerror(errno)))"), path: temporary) }
    var written = 0
    let ok = bytes.withUnsafeBytes { raw -> Bool in
      while written < raw.count {
        let result = write(fd, raw.baseAddress! + written, raw.count - written)
        if result <= 0 { return false }
        written += result
      }
      return true
    }
    guard ok, fsync(fd) == 0 else {
      let message = String(cString: strerror(errno))
      close(fd)
      unlink(temporary)
      throw IndexError(.io("cannot write: \(message)"), path: path)
    }
    close(fd)
    guard rename(temporary, path) == 0 else {
      unlink(temporary)
      throw IndexError(.io("cannot rename: \(String(cString: strerror(errno)))"), path: path)
    }
    syncDirectory(of: path)
  }

  /// Flushes a directory entry to disk, so a rename survives a crash.
  static func syncDirectory(of path: String) {
    let folder = (path as NSString).deletingLastPathComponent
    let fd = open(folder.isEmpty ? "." : folder, O_RDONLY)
    if fd >= 0 {
      fsync(fd)
      close(fd)
    }
  }
}

/// A container file mapped into memory, its pages checked on first use.
///
/// Opening reads only the footer, the checksum table and the directory, so a
/// search starts fast however large the index; each 64 KiB page is checked
/// against its CRC-32 the first time anything in it is read.
///
/// `Sendable`: the mapping is read-only and lives as long as the object,
/// every property is a constant, and the set of checked pages
/// (`PageChecks`) is atomic, so threads can read one container at once.
final class MappedContainer: @unchecked Sendable {
  let path: String
  let fileID: UInt64
  private let base: UnsafeRawPointer
  /// This mapping's slot in `CFaultGuard`'s table.
  private let guardSlot: Int32
  private let size: Int
  private let checksums: [UInt32]
  private let checked: PageChecks
  private let sections: [UInt32: Range<Int>]
  private let checkedLength: Int

  /// Maps `path` and checks its footer, checksum table, header and directory.
  init(path: String, magic: String) throws {
    self.path = path
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else {
      if errno == ENOENT { throw IndexError(.corrupted("the file is missing"), path: path) }
      throw IndexError(.io("cannot open: \(String(cString: strerror(errno)))"), path: path)
    }
    defer { close(fd) }
    cfaultguard_install()
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw IndexError(.io("cannot stat"), path: path) }
    let size = Int(info.st_size)
    guard size >= FileContainer.headerSize + FileContainer.footerSize + 4 else {
      throw IndexError(.corrupted("truncated: \(size) bytes"), path: path)
    }
    guard let mapped = mmap(nil, size, PROT_READ, MAP_SHARED, fd, 0), mapped != MAP_FAILED else {
      throw IndexError(.io("cannot map: \(String(cString: strerror(errno)))"), path: path)
    }
    var opened = false
    defer { if !opened { munmap(mapped, size) } }
    // Another program may truncate or overwrite the file while we read it
    // (a sync client, a full disk, a careless `cp`): the guard turns the
    // SIGBUS or SIGSEGV that follows into a clear error (docs/index-format.md).
    let guardSlot = cfaultguard_register(mapped, size, fd, path)
    defer { if !opened { cfaultguard_unregister(guardSlot) } }
    let all = UnsafeRawBufferPointer(start: UnsafeRawPointer(mapped), count: size)

    // Footer.
    let footerStart = size - FileContainer.footerSize
    var footer = ByteReader(all, offset: footerStart, path: path)
    let directoryOffset = try footer.offset64()
    let tableOffset = try footer.offset64()
    let pageSize = Int(try footer.u32())
    let tableCRC = try footer.u32()
    let footerCRC = try footer.u32()
    guard Array(try footer.slice(4)) == FileContainer.footerMagic else {
      throw IndexError(.corrupted("truncated or not a beleid file (no footer)"), path: path)
    }
    guard FileContainer.crc32(UnsafeRawBufferPointer(rebasing: all[footerStart..<(footerStart + 24)])) == footerCRC,
      pageSize == FileContainer.pageSize, tableOffset <= footerStart, directoryOffset <= tableOffset,
      directoryOffset >= FileContainer.headerSize
    else {
      throw IndexError(.corrupted("footer checksum mismatch"), path: path)
    }
    let pages = (tableOffset + pageSize - 1) / pageSize
    guard footerStart - tableOffset == pages * 4 else {
      throw IndexError(.corrupted("truncated: checksum table has the wrong size"), path: path)
    }
    let table = UnsafeRawBufferPointer(rebasing: all[tableOffset..<footerStart])
    guard FileContainer.crc32(table) == tableCRC else {
      throw IndexError(.corrupted("checksum table damaged"), path: path)
    }
    let checksums = (0..<pages).map { table.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self).littleEndian }
    let pageChecks = PageChecks(pages: pages)

    /// Checks the pages of `range` now, before anything else is set up.
    func checked(_ range: Range<Int>) throws -> UnsafeRawBufferPointer {
      try Self.verify(
        range, base: all, checkedLength: tableOffset, checksums: checksums, checked: pageChecks, path: path)
    }

    // Header.
    var header = ByteReader(try checked(0..<FileContainer.headerSize), path: path)
    let fileMagic = String(decoding: try header.slice(4), as: UTF8.self)
    let version = try header.u32()
    let fileID = try header.u64()
    guard fileMagic == magic else {
      throw IndexError(.corrupted("expected a \(magic) file, found '\(fileMagic)'"), path: path)
    }
    guard FileContainer.readableVersions.contains(version) else {
      let readable = FileContainer.readableVersions
      throw IndexError(
        .incompatible("format version \(version); this beleid reads \(readable.lowerBound)–\(readable.upperBound)"),
        path: path)
    }
    // Directory.
    var directory = ByteReader(try checked(directoryOffset..<tableOffset), path: path)
    var sections: [UInt32: Range<Int>] = [:]
    let count = try directory.u32()
    for _ in 0..<count {
      let id = try directory.u32()
      let offset = try directory.offset64()
      let length = try directory.offset64()
      guard offset >= FileContainer.headerSize, length >= 0, offset + length <= directoryOffset else {
        throw IndexError(.corrupted("section \(id) lies outside the file"), path: path)
      }
      sections[id] = offset..<(offset + length)
    }

    self.base = UnsafeRawPointer(mapped)
    self.guardSlot = guardSlot
    self.size = size
    self.fileID = fileID
    self.checksums = checksums
    self.checked = pageChecks
    self.sections = sections
    self.checkedLength = tableOffset
    opened = true
  }

  /// Checks the pages `range` touches that are not checked yet.
  private static func verify(
    _ range: Range<Int>, base: UnsafeRawBufferPointer, checkedLength: Int, checksums: [UInt32],
    checked: PageChecks, path: String
  ) throws -> UnsafeRawBufferPointer {
    guard range.lowerBound >= 0, range.upperBound <= checkedLength else {
      throw IndexError(.corrupted("read past the end of the data"), path: path)
    }
    if !range.isEmpty {
      let first = range.lowerBound / FileContainer.pageSize
      let last = (range.upperBound - 1) / FileContainer.pageSize
      for page in first...last where !checked.isChecked(page) {
        let start = page * FileContainer.pageSize
        let end = min(checkedLength, start + FileContainer.pageSize)
        let crc = FileContainer.crc32(UnsafeRawBufferPointer(rebasing: base[start..<end]))
        guard crc == checksums[page] else {
          throw IndexError(.corrupted("checksum mismatch in bytes \(start)–\(end)"), path: path)
        }
        checked.markChecked(page)
      }
    }
    return UnsafeRawBufferPointer(rebasing: base[range])
  }

  deinit {
    cfaultguard_unregister(guardSlot)
    munmap(UnsafeMutableRawPointer(mutating: base), size)
  }

  /// The bytes of `range`, after checking every page they touch.
  func bytes(_ range: Range<Int>) throws -> UnsafeRawBufferPointer {
    try Self.verify(
      range, base: UnsafeRawBufferPointer(start: base, count: size), checkedLength: checkedLength,
      checksums: checksums, checked: checked, path: path)
  }

  /// The range of section `id`, or an error naming what is missing.
  func sectionRange(_ id: UInt32, _ name: String) throws -> Range<Int> {
    guard let range = sections[id] else { throw IndexError(.corrupted("no \(name) section"), path: path) }
    return range
  }

  /// Whether the file has section `id` (sections added to the format later
  /// are missing from older files).
  func hasSection(_ id: UInt32) -> Bool { sections[id] != nil }

  /// The checked bytes of a whole section.
  func section(_ id: UInt32, _ name: String) throws -> UnsafeRawBufferPointer {
    try bytes(try sectionRange(id, name))
  }

  /// Checks every page: what `beleid index --check` runs.
  func verifyAll() throws {
    _ = try bytes(0..<checkedLength)
  }

  /// The file's size in bytes.
  var byteCount: Int { size }
}
