import BeleidIndex

/// Every document of a segment, each scoring 0: a query of filters only.
final class AllScorer: Scorer {
  private let count: Int32

  init(documentCount: Int) {
    count = Int32(documentCount)
    super.init()
    cost = documentCount
  }

  override func next() -> Int32 {
    doc = doc + 1 < count ? doc + 1 : PostingsIterator.exhausted
    return doc
  }

  override func advance(to target: Int32) -> Int32 {
    if doc >= target { return doc }
    doc = target < count ? target : PostingsIterator.exhausted
    return doc
  }

  override func score() -> Double { 0 }
}
