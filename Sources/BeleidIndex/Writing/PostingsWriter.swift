/// Encodes one term's postings and positions.
///
/// Postings of a term with *n* documents: ⌊*n*/128⌋ full blocks behind a skip
/// table, then the rest as varints.
///
///     skip table   one 20-byte entry per full block (SegmentFormat.skipEntrySize)
///     full block   doc-delta width, body-tf width, title-tf width (u8 each),
///                  then 128 doc deltas, 128 body tfs and 128 title tfs,
///                  each bitpacked at its width
///     tail         (doc delta, body tf, title tf) as varints, per document
///
/// A doc delta is the gap to the previous document minus one (the first
/// counts from -1). Positions: per document, its tf positions in order, each
/// as the gap to the one before (varints); body positions carry +65536.
struct PostingsWriter {
  private(set) var postings = ByteWriter()
  private(set) var positions = ByteWriter()

  /// One document's occurrences of the term.
  struct Entry {
    var doc: UInt32
    var titleFrequency: UInt32
    var bodyFrequency: UInt32
  }

  private var entries: [Entry] = []
  private var positionStarts: [Int] = []
  private var blockDocs = [UInt32](repeating: 0, count: 128)
  private var blockBody = [UInt32](repeating: 0, count: 128)
  private var blockTitle = [UInt32](repeating: 0, count: 128)
  /// Per body length code, BM25's length factor 1 / (1 − b + b·length/average)
  /// with b = 0.75 and the segment's average; only for choosing the split of
  /// a block's score bound (see `splitBodyBound`).
  private var bodyWeights: [Double] = []
  private var blockPairs: [(norm: UInt8, frequency: UInt32)] = []

  /// Makes room for about `occurrences` positions, so the buffers are not
  /// copied as they grow (pages reserved but never written cost nothing).
  mutating func reserve(occurrences: Int) {
    positions.reserve(occurrences * 2)
    postings.reserve(occurrences / 2)
  }

  /// Starts a term.
  mutating func beginTerm() {
    entries.removeAll(keepingCapacity: true)
    positionStarts.removeAll(keepingCapacity: true)
  }

  /// Adds a document and its positions (ascending, body ones offset).
  mutating func add(doc: UInt32, positions docPositions: ArraySlice<UInt32>) {
    var title: UInt32 = 0
    var body: UInt32 = 0
    positionStarts.append(positions.count)
    var previous: UInt32 = 0
    for position in docPositions {
      if position < SegmentFormat.bodyPositionOffset { title += 1 } else { body += 1 }
      positions.varint(position - previous)
      previous = position
    }
    entries.append(Entry(doc: doc, titleFrequency: title, bodyFrequency: body))
  }

  /// Splits a block's documents by body length code for a tighter score bound.
  ///
  /// One pair (largest tf, smallest length code) bounds every document of
  /// the block but pairs the tf of a long document with the length of a
  /// short one. Two pairs do better: the short documents (code below
  /// `highNorm`) have tf at most `lowFrequency`, and the rest have length
  /// code at least `highNorm` and tf at most the block's largest. Either
  /// pair may bound any split safely; the split chosen is the one whose
  /// larger bound is smallest under this segment's average length.
  private mutating func splitBodyBound(maxBody: UInt32, minNorm: UInt8) -> (lowFrequency: UInt32, highNorm: UInt8) {
    blockPairs.sort { $0.norm < $1.norm }
    func weight(_ frequency: UInt32, _ norm: UInt8) -> Double { Double(frequency) * bodyWeights[Int(norm)] }
    // No split: the short pair is empty and the long pair is the old bound.
    var best = (lowFrequency: UInt32(0), highNorm: minNorm)
    var bestBound = weight(maxBody, minNorm)
    var lowMax: UInt32 = 0
    for index in 0..<(blockPairs.count - 1) {
      lowMax = max(lowMax, blockPairs[index].frequency)
      let highNorm = blockPairs[index + 1].norm
      guard highNorm > blockPairs[index].norm else { continue }
      let bound = max(weight(lowMax, minNorm), weight(maxBody, highNorm))
      if bound < bestBound {
        bestBound = bound
        best = (lowMax, highNorm)
      }
    }
    return best
  }

  /// BM25's body length factors for the segment's average body length.
  static func bodyWeights(_ bodyNorms: [UInt8]) -> [Double] {
    let total = bodyNorms.reduce(0.0) { $0 + Double(FieldNorm.length($1)) }
    let average = max(total / Double(max(bodyNorms.count, 1)), 1)
    return (0..<256).map { 1 / (0.25 + 0.75 * Double(FieldNorm.length(UInt8($0))) / average) }
  }

  /// Writes the term's postings; returns the document frequency and the
  /// lengths of its postings and positions.
  mutating func finishTerm(
    positionsStart: Int, postingsStart: Int, titleNorms: [UInt8], bodyNorms: [UInt8]
  ) -> (docFrequency: Int, postingsLength: Int, positionsLength: Int) {
    let fullBlocks = entries.count / SegmentFormat.blockSize
    if fullBlocks > 0 && bodyWeights.isEmpty { bodyWeights = Self.bodyWeights(bodyNorms) }
    // Skip table placeholder, patched once the block offsets are known.
    let skipStart = postings.count
    postings.append(repeatElement(0, count: fullBlocks * SegmentFormat.skipEntrySize))
    let blocksStart = postings.count
    var previousDoc: Int64 = -1
    for block in 0..<fullBlocks {
      let range = (block * SegmentFormat.blockSize)..<((block + 1) * SegmentFormat.blockSize)
      var maxBody: UInt32 = 0
      var maxTitle: UInt32 = 0
      var minBodyNorm: UInt8 = 255
      var minTitleNorm: UInt8 = 255
      blockPairs.removeAll(keepingCapacity: true)
      for (slot, index) in range.enumerated() {
        let entry = entries[index]
        blockDocs[slot] = UInt32(Int64(entry.doc) - previousDoc - 1)
        previousDoc = Int64(entry.doc)
        blockBody[slot] = entry.bodyFrequency
        blockTitle[slot] = entry.titleFrequency
        maxBody = max(maxBody, entry.bodyFrequency)
        maxTitle = max(maxTitle, entry.titleFrequency)
        minBodyNorm = min(minBodyNorm, bodyNorms[Int(entry.doc)])
        minTitleNorm = min(minTitleNorm, titleNorms[Int(entry.doc)])
        blockPairs.append((bodyNorms[Int(entry.doc)], entry.bodyFrequency))
      }
      let split = splitBodyBound(maxBody: maxBody, minNorm: minBodyNorm)
      let docWidth = blockDocs.withUnsafeBufferPointer { BitPacking.width($0) }
      let bodyWidth = blockBody.withUnsafeBufferPointer { BitPacking.width($0) }
      let titleWidth = blockTitle.withUnsafeBufferPointer { BitPacking.width($0) }
      postings.u8(UInt8(docWidth))
      postings.u8(UInt8(bodyWidth))
      postings.u8(UInt8(titleWidth))
      blockDocs.withUnsafeBufferPointer { BitPacking.pack($0, width: docWidth, into: &postings) }
      blockBody.withUnsafeBufferPointer { BitPacking.pack($0, width: bodyWidth, into: &postings) }
      blockTitle.withUnsafeBufferPointer { BitPacking.pack($0, width: titleWidth, into: &postings) }
      // The skip entry: where this block ends and where its positions end.
      let positionsEnd =
        range.upperBound < positionStarts.count
        ? positionStarts[range.upperBound] : positions.count
      var skip = ByteWriter()
      skip.u32(entries[range.upperBound - 1].doc)
      skip.u32(UInt32(postings.count - blocksStart))
      skip.u32(UInt32(positionsEnd - positionsStart))
      skip.u16(UInt16(min(maxBody, UInt32(UInt16.max))))
      skip.u8(UInt8(min(maxTitle, 255)))
      skip.u8(minBodyNorm)
      skip.u8(minTitleNorm)
      skip.u16(UInt16(min(split.lowFrequency, UInt32(UInt16.max))))
      skip.u8(split.highNorm)
      let at = skipStart + block * SegmentFormat.skipEntrySize
      for (offset, byte) in skip.bytes.enumerated() { postings.bytes[at + offset] = byte }
    }
    for index in (fullBlocks * SegmentFormat.blockSize)..<entries.count {
      let entry = entries[index]
      postings.varint(UInt64(Int64(entry.doc) - previousDoc - 1))
      previousDoc = Int64(entry.doc)
      postings.varint(entry.bodyFrequency)
      postings.varint(entry.titleFrequency)
    }
    return (entries.count, postings.count - postingsStart, positions.count - positionsStart)
  }
}
