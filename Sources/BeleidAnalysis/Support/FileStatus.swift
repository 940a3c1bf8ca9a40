#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What `stat` says of a file: enough to tell one version from the next.
package struct FileStatus: Equatable, Sendable {
  package var inode: UInt64
  package var size: Int64
  package var seconds: Int
  package var nanoseconds: Int

  /// The status of the file at `path`, or nil when it cannot be read.
  ///
  /// - Complexity: one `stat` system call, without Foundation's attribute
  ///   dictionary.
  package init?(path: String) {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    inode = UInt64(info.st_ino)
    size = Int64(info.st_size)
    seconds = Int(info.st_mtim.tv_sec)
    nanoseconds = Int(info.st_mtim.tv_nsec)
  }
}
