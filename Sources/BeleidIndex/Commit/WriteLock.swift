import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The index's write lock: `flock` on write.lock, which holds the owner's pid.
///
/// The kernel releases an flock when its process ends, even by SIGKILL, so a
/// killed writer never leaves the index locked.
final class WriteLock {
  private let fd: Int32
  let path: String

  /// Takes the lock, or throws `locked` with the holder's pid.
  init(folder: String) throws {
    path = (folder as NSString).appendingPathComponent("write.lock")
    fd = open(path, O_RDWR | O_CREAT, 0o644)
    guard fd >= 0 else {
      throw IndexError(.io("cannot open the lock file: \(String(cString: strerror(errno)))"), path: path)
    }
    guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
      var buffer = [UInt8](repeating: 0, count: 32)
      let count = pread(fd, &buffer, 31, 0)
      close(fd)
      let pid =
        Int32(
          String(decoding: buffer.prefix(max(0, count)), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        ?? 0
      throw IndexError(.locked(pid: pid), path: path)
    }
    let pid = Array("\(getpid())\n".utf8)
    _ = ftruncate(fd, 0)
    _ = pwrite(fd, pid, pid.count, 0)
  }

  deinit {
    _ = ftruncate(fd, 0)
    flock(fd, LOCK_UN)
    close(fd)
  }
}
