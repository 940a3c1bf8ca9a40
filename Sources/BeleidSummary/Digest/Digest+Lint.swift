extension Digest {
  /// A sentence of the digest with what makes it unfit to print.
  package struct Finding: Sendable, Equatable {
    /// "lead" or "item N".
    package var place: String
    package var text: String
    package var defects: [SentenceLint.Defect]
  }

  /// The sentences of the lead and of every item that `SentenceLint` finds
  /// defects in.
  ///
  /// - Complexity: O(*n*) in the length of the digest's sentences.
  package func findings() -> [Finding] {
    let sentences =
      lead.map { ("lead", $0.text) }
      + items.flatMap { item in item.sentences.map { ("item \(item.number)", $0) } }
    return sentences.compactMap { place, text in
      let defects = SentenceLint.defects(text)
      return defects.isEmpty ? nil : Finding(place: place, text: text, defects: defects)
    }
  }

  /// How many sentences the lead and the items hold.
  package var sentenceCount: Int {
    lead.count + items.reduce(0) { $0 + $1.sentences.count }
  }
}
