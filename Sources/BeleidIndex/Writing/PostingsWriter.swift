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

  /// Writes the term's postings; returns the document frequency and the
  /// lengths of its postings and positions.
  mutating func finishTerm(
    positionsStart: Int, postingsStart: Int, titleNorms: [UInt8], bodyNorms: [UInt8]
  ) -> (docFrequency: Int, postingsLength: Int, positionsLength: Int) {
    let fullBlocks = entries.count / SegmentFormat.blockSize
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
      }
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
      skip.append([0, 0, 0])
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
