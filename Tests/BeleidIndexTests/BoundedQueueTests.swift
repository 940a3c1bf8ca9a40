import Foundation
import Testing

@testable import BeleidIndex

/// The queue between the file reader and the indexing threads.
@Suite("Bounded queue")
struct BoundedQueueTests {
  final class Batch: Sendable {}

  @Test("a taken element is released at once, not kept until the queue compacts")
  func releasesTaken() {
    let queue = BoundedQueue<Batch>(capacity: 4)
    weak var first: Batch?
    do {
      let batch = Batch()
      first = batch
      queue.put(batch)
      queue.put(Batch())
    }
    #expect(first != nil)
    _ = queue.take()
    // Before the fix the queue held every taken batch until 1,024 had been
    // taken: the whole corpus's text, for a run of a few hundred batches.
    #expect(first == nil)
    #expect(queue.take() != nil)
  }

  @Test("order is kept across compactions, and a closed queue drains then ends")
  func order() {
    let queue = BoundedQueue<Int>(capacity: 4)
    var taken: [Int] = []
    for value in 0..<300 {
      queue.put(value)
      if value % 2 == 1 {
        taken.append(queue.take()!)
        taken.append(queue.take()!)
      }
    }
    queue.put(300)
    queue.close()
    while let value = queue.take() { taken.append(value) }
    #expect(taken == Array(0...300))
  }
}
