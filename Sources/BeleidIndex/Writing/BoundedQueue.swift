import Foundation

/// A blocking queue with a capacity, between the file reader and the
/// indexing threads. Closing it lets consumers drain it and stop.
///
/// A taken element is released at once: the queue holds at most `capacity`
/// elements. (It once kept taken slots until 1,024 had been taken, which
/// for batches of documents meant the text of the whole BWB corpus, 426 MB,
/// stayed in memory until the end of the run.)
final class BoundedQueue<Element>: @unchecked Sendable {
  private var items: [Element?] = []
  private var head = 0
  private var closed = false
  private let capacity: Int
  private let condition = NSCondition()

  init(capacity: Int) { self.capacity = capacity }

  /// Adds an element, waiting while the queue is full.
  func put(_ element: Element) {
    condition.lock()
    while items.count - head >= capacity && !closed { condition.wait() }
    items.append(element)
    condition.broadcast()
    condition.unlock()
  }

  /// Takes the next element, waiting while the queue is empty; nil once the
  /// queue is closed and drained.
  func take() -> Element? {
    condition.lock()
    defer { condition.unlock() }
    while head == items.count && !closed { condition.wait() }
    guard head < items.count else { return nil }
    let element = items[head]
    items[head] = nil
    head += 1
    if head > 64 && head * 2 > items.count {
      items.removeFirst(head)
      head = 0
    }
    condition.broadcast()
    return element
  }

  /// No more elements will come.
  func close() {
    condition.lock()
    closed = true
    condition.broadcast()
    condition.unlock()
  }
}
