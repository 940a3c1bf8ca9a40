import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Reads whole files with POSIX calls.
///
/// Foundation's `FileManager.contents(atPath:)` on this toolchain leaks a
/// 4 KiB buffer for every empty file it reads (found by the fuzz targets
/// under LeakSanitizer), so the readers of user files use this instead.
package enum FileBytes {
  /// The file's bytes, or nil when it cannot be opened or read.
  package static func read(_ path: String) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR else { return nil }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(Int(max(0, info.st_size)))
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      guard count >= 0 else { return nil }
      if count == 0 { return bytes }
      bytes.append(contentsOf: chunk[0..<count])
    }
  }
}
