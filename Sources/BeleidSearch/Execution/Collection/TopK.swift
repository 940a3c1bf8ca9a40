import HeapModule

/// The best *k* documents so far, and the score a newcomer must beat.
struct TopK {
  let k: Int
  var heap = Heap<Candidate>()
  /// A score that *k* hits are known to beat (see `Searcher.floor`):
  /// nothing at or below it can enter.
  let floor: Double
  /// The k-th best score once there are k, and never below `floor`.
  private(set) var threshold: Double

  init(k: Int, floor: Double = -.infinity) {
    self.k = k
    self.floor = floor
    threshold = floor
  }

  var isFull: Bool { heap.count >= k }

  /// Whether `threshold` can prune: the heap is full or a floor is known.
  var prunes: Bool { threshold > -.infinity }

  /// Adds a document if it beats the worst of the best *k*.
  ///
  /// - Complexity: O(log *k*).
  mutating func offer(_ score: Double, _ document: Int) {
    guard score > floor else { return }
    let candidate = Candidate(score: score, document: document)
    if heap.count < k {
      heap.insert(candidate)
    } else if let worst = heap.min, worst < candidate {
      _ = heap.replaceMin(with: candidate)
    } else {
      return
    }
    if heap.count >= k { threshold = max(heap.min!.score, floor) }
  }

  /// The documents, best first.
  ///
  /// - Complexity: O(*k* log *k*).
  mutating func ranked() -> [Candidate] {
    var result: [Candidate] = []
    result.reserveCapacity(heap.count)
    while let worst = heap.popMin() { result.append(worst) }
    return result.reversed()
  }
}

/// A document in the heap: compared by score, then by document (lower wins).
struct Candidate: Comparable {
  var score: Double
  var document: Int
  /// The part of `score` that `Proximity` added.
  var proximity = 0.0

  static func < (a: Candidate, b: Candidate) -> Bool {
    a.score != b.score ? a.score < b.score : a.document > b.document
  }
}
