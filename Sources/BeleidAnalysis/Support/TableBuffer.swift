#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A read-only file mapped into memory for the life of the process.
///
/// Pages are read from the page cache when first touched, so a table in
/// the file costs memory only for the parts a command looks at.
package final class MappedFile: @unchecked Sendable {
  /// The mapped bytes.
  package let bytes: UnsafeRawBufferPointer

  /// Maps `path`, or returns nil when it cannot be opened or is empty.
  package init?(path: String) {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0, info.st_size > 0 else { return nil }
    let size = Int(info.st_size)
    guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), base != MAP_FAILED else { return nil }
    // Lookups probe hash tables at random: read only the pages touched,
    // not the read-ahead around them, so a command's memory is what it
    // looks at.
    madvise(base, size, MADV_RANDOM)
    bytes = UnsafeRawBufferPointer(start: base, count: size)
  }

  deinit {
    munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count)
  }
}

/// The elements of a table: an array of its own, or a run of a mapped file.
///
/// Reading works the same either way; the first change to a mapped buffer
/// copies it into an array (copy on write), so a table read from a cache
/// can still be added to.
package struct TableBuffer<Element: BitwiseCopyable>: @unchecked Sendable {
  private var owned: [Element]
  private var mapped: UnsafeBufferPointer<Element>?
  /// Keeps the mapping alive while the buffer points into it.
  private var mapping: MappedFile?

  /// A buffer of its own.
  package init(_ elements: [Element]) {
    owned = elements
  }

  /// A buffer of `count` elements of `file` from byte `offset`, which must be
  /// aligned for `Element` and within the file (the caller checks).
  package init(file: MappedFile, offset: Int, count: Int) {
    owned = []
    let start = file.bytes.baseAddress!.advanced(by: offset).assumingMemoryBound(to: Element.self)
    mapped = UnsafeBufferPointer(start: start, count: count)
    mapping = file
  }

  package var count: Int { mapped?.count ?? owned.count }

  package subscript(index: Int) -> Element {
    get { mapped.map { $0[index] } ?? owned[index] }
    set {
      makeOwned()
      owned[index] = newValue
    }
  }

  @inline(__always)
  package func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
    if let mapped { return try body(mapped) }
    return try owned.withUnsafeBufferPointer(body)
  }

  @inline(__always)
  package func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
    try withUnsafeBufferPointer { try body(UnsafeRawBufferPointer($0)) }
  }

  package mutating func append(_ element: Element) {
    makeOwned()
    owned.append(element)
  }

  package mutating func append<S: Sequence>(contentsOf elements: S) where S.Element == Element {
    makeOwned()
    owned.append(contentsOf: elements)
  }

  package mutating func removeAll(keepingCapacity: Bool) {
    makeOwned()
    owned.removeAll(keepingCapacity: keepingCapacity)
  }

  /// Copies a mapped buffer into an array of its own, before a change.
  private mutating func makeOwned() {
    guard let buffer = mapped else { return }
    owned = Array(buffer)
    mapped = nil
    mapping = nil
  }
}
