/// Walks one term's postings in document order.
///
/// Full blocks of 128 documents are unpacked one at a time; `advance(to:)`
/// uses the skip table to jump over blocks without decoding them. Positions
/// are decoded only when asked for. Not `Sendable`.
///
/// - Complexity: `next` is amortised O(1); `advance(to:)` is O(log *b*) skip
///   entries plus one block.
package final class PostingsIterator {
  /// The value of `doc` once the postings are used up.
  package static let exhausted = Int32.max

  /// The current document, or `exhausted`.
  ///
  /// Computed from a private variable: a client module that read a stored
  /// public property directly would check exclusivity on each read, which
  /// the attribute on the variable does not stop outside this module.
  package var doc: Int32 { current }
  @exclusivity(unchecked) private var current: Int32 = -1
  /// Documents in the list.
  package let documentFrequency: Int

  private let postings: UnsafeRawBufferPointer
  private let positionsRange: Range<Int>
  private let container: MappedContainer
  private let path: String
  private let fullBlocks: Int
  private let blocksStart: Int

  // The decoded block, in buffers owned by the iterator: raw memory keeps
  // the hot loop free of array uniqueness and exclusivity checks. The
  // iterator's own variables are `@exclusivity(unchecked)`: only its own
  // methods change them, never through an inout access that could overlap,
  // and the run-time checks had cost a quarter of a query's instructions.
  // The three share one allocation (an iterator is made for every term of
  // a query in every segment, so each allocation counts).
  private let docs = UnsafeMutablePointer<UInt32>.allocate(capacity: 3 * 128)
  private var bodyFrequencies: UnsafeMutablePointer<UInt32> { docs + 128 }
  private var titleFrequencies: UnsafeMutablePointer<UInt32> { docs + 2 * 128 }
  @exclusivity(unchecked) private var blockCount = 0
  @exclusivity(unchecked) private var indexInBlock = 0
  /// The block loaded: 0..<fullBlocks, or fullBlocks for the tail; -1 none.
  @exclusivity(unchecked) private var block = -1
  @exclusivity(unchecked) private var error: IndexError?

  // Positions of the current block: where they start and which document the
  // positions cursor is at.
  @exclusivity(unchecked) private var positionsBlockStart = 0
  @exclusivity(unchecked) private var positionsCursor = 0
  @exclusivity(unchecked) private var positionsCursorIndex = 0
  /// The term's positions, once checked: checking walks every page of the
  /// range, too slow to repeat for each document of a phrase search.
  @exclusivity(unchecked) private var positionBytes: UnsafeRawBufferPointer?
  /// The current document's positions, decoded; allocated when first
  /// needed (most iterators never read positions) and grown as needed.
  @exclusivity(unchecked) private var positionBuffer: UnsafeMutablePointer<UInt32>?
  @exclusivity(unchecked) private var positionCapacity = 0

  init(
    postings: UnsafeRawBufferPointer, positions: Range<Int>, container: MappedContainer, documentFrequency: Int,
    path: String
  ) throws {
    self.postings = postings
    positionsRange = positions
    self.container = container
    self.documentFrequency = documentFrequency
    self.path = path
    fullBlocks = documentFrequency / SegmentFormat.blockSize
    blocksStart = fullBlocks * SegmentFormat.skipEntrySize
    guard blocksStart <= postings.count else {
      throw IndexError(.corrupted("postings shorter than their skip table"), path: path)
    }
  }

  deinit {
    docs.deallocate()
    positionBuffer?.deallocate()
  }

  /// Whether `other` walks the same term of the same segment (a phrase may
  /// repeat a word: "leden leden").
  package func walksSameTerm(as other: PostingsIterator) -> Bool {
    postings.baseAddress == other.postings.baseAddress && postings.count == other.postings.count
      && positionsRange == other.positionsRange
  }

  /// A decoding problem met while iterating, if any: callers check it
  /// before trusting an exhausted iterator.
  package var failure: IndexError? { error }

  /// The body term frequency of the current document.
  @inline(__always) package var bodyFrequency: UInt32 { bodyFrequencies[indexInBlock] }
  /// The title term frequency of the current document.
  @inline(__always) package var titleFrequency: UInt32 { titleFrequencies[indexInBlock] }
  /// Both term frequencies of the current document, in one call: the
  /// scorers of the search module read both for every document they score,
  /// and a call into this module is not inlined there.
  package var frequencies: (title: UInt32, body: UInt32) {
    (titleFrequencies[indexInBlock], bodyFrequencies[indexInBlock])
  }

  // MARK: - Skip entries

  private func skipLastDoc(_ block: Int) -> Int32 {
    Int32(
      bitPattern: postings.loadUnaligned(fromByteOffset: block * SegmentFormat.skipEntrySize, as: UInt32.self)
        .littleEndian)
  }

  private func skipBlockEnd(_ block: Int) -> Int {
    Int(postings.loadUnaligned(fromByteOffset: block * SegmentFormat.skipEntrySize + 4, as: UInt32.self).littleEndian)
  }

  private func skipPositionsEnd(_ block: Int) -> Int {
    Int(postings.loadUnaligned(fromByteOffset: block * SegmentFormat.skipEntrySize + 8, as: UInt32.self).littleEndian)
  }

  /// The block-max data of the block holding the current document: the
  /// largest tfs and the smallest length codes in it, for upper bounds.
  package var blockMaximum: (bodyFrequency: UInt32, titleFrequency: UInt32, bodyNorm: UInt8, titleNorm: UInt8)? {
    guard block >= 0 && block < fullBlocks else { return nil }
    let base = block * SegmentFormat.skipEntrySize + 12
    return (
      UInt32(postings.loadUnaligned(fromByteOffset: base, as: UInt16.self).littleEndian),
      UInt32(postings[base + 2]), postings[base + 3], postings[base + 4]
    )
  }

  /// The last document of the block holding `target` (for block-max
  /// pruning), and that block's maxima, without decoding it; nil in the tail.
  ///
  /// The body is bounded by two pairs: documents with a body length code
  /// below `bodyNormHigh` have body tf at most `bodyFrequencyLow` (and code at
  /// least `bodyNorm`); the others have code at least `bodyNormHigh` and tf at
  /// most `bodyFrequency`. Segments written before the split carry zeros,
  /// which read as the single pair (`bodyFrequency`, `bodyNorm`).
  package func shallowBlock(for target: Int32) -> BlockMaxima? {
    var low = max(0, block)
    var high = fullBlocks - 1
    guard low <= high, skipLastDoc(high) >= target else { return nil }
    while low < high {
      let middle = (low + high) / 2
      if skipLastDoc(middle) >= target { high = middle } else { low = middle + 1 }
    }
    let base = low * SegmentFormat.skipEntrySize + 12
    let bodyNorm = postings[base + 3]
    return BlockMaxima(
      lastDoc: skipLastDoc(low),
      bodyFrequency: UInt32(postings.loadUnaligned(fromByteOffset: base, as: UInt16.self).littleEndian),
      titleFrequency: UInt32(postings[base + 2]), bodyNorm: bodyNorm, titleNorm: postings[base + 4],
      bodyFrequencyLow: UInt32(postings.loadUnaligned(fromByteOffset: base + 5, as: UInt16.self).littleEndian),
      bodyNormHigh: max(bodyNorm, postings[base + 7]))
  }

  /// What a skip entry tells about its block, for score bounds.
  package struct BlockMaxima {
    package var lastDoc: Int32
    package var bodyFrequency: UInt32
    package var titleFrequency: UInt32
    package var bodyNorm: UInt8
    package var titleNorm: UInt8
    package var bodyFrequencyLow: UInt32
    package var bodyNormHigh: UInt8
  }

  // MARK: - Iterating

  /// Moves to the next document and returns it (or `exhausted`).
  @discardableResult
  package func next() -> Int32 {
    if current == Self.exhausted { return current }
    indexInBlock += 1
    if block < 0 || indexInBlock >= blockCount {
      if !load(block + 1) { return current }
    }
    current = Int32(bitPattern: docs[indexInBlock])
    return current
  }

  /// Moves to the first document ≥ `target` and returns it (or `exhausted`).
  @discardableResult
  package func advance(to target: Int32) -> Int32 {
    if current >= target { return current }
    // Jump over whole blocks that end before the target.
    if block < fullBlocks {
      var candidate = max(block, 0)
      if candidate < fullBlocks && skipLastDoc(candidate) < target {
        // Gallop from the next block (a target is often near), then search
        // the last stride: every block before `low` ends before the target.
        var low = candidate + 1
        var probe = low
        var stride = 1
        while probe < fullBlocks && skipLastDoc(probe) < target {
          low = probe + 1
          probe = low + stride
          stride *= 2
        }
        var high = min(probe, fullBlocks)
        while low < high {
          let middle = (low + high) / 2
          if skipLastDoc(middle) < target { low = middle + 1 } else { high = middle }
        }
        candidate = low
        if candidate != block {
          if !load(candidate) { return current }
          indexInBlock = -1
        }
      }
    }
    while current < target {
      if next() == Self.exhausted { return current }
    }
    return current
  }

  /// The rest of the decoded block, from the current document on: its
  /// documents and their body and title frequencies, `count` of each. The
  /// iterator then stands on the block's last document, so `next()` goes on
  /// with the next block.
  ///
  /// For a caller in another module that scores a block's documents in a
  /// loop of its own: a call per document into this module (`next()`, the
  /// frequencies) cost more than the scoring.
  package func restOfBlock() -> (
    docs: UnsafePointer<UInt32>, body: UnsafePointer<UInt32>, title: UnsafePointer<UInt32>, count: Int
  ) {
    guard current != Self.exhausted, block >= 0, indexInBlock < blockCount else {
      return (UnsafePointer(docs), UnsafePointer(bodyFrequencies), UnsafePointer(titleFrequencies), 0)
    }
    let start = indexInBlock
    indexInBlock = blockCount - 1
    current = Int32(bitPattern: docs[indexInBlock])
    return (
      UnsafePointer(docs + start), UnsafePointer(bodyFrequencies + start), UnsafePointer(titleFrequencies + start),
      blockCount - start
    )
  }

  /// Decodes block `index` (the tail when index == fullBlocks).
  private func load(_ index: Int) -> Bool {
    guard index <= fullBlocks else {
      current = Self.exhausted
      return false
    }
    let previousDoc: Int64 = index == 0 ? -1 : Int64(skipLastDoc(index - 1))
    let start = index == 0 ? blocksStart : blocksStart + skipBlockEnd(index - 1)
    positionsBlockStart = index == 0 ? 0 : skipPositionsEnd(index - 1)
    positionsCursor = positionsBlockStart
    positionsCursorIndex = 0
    block = index
    indexInBlock = 0
    if index < fullBlocks {
      let end = blocksStart + skipBlockEnd(index)
      guard start + 3 <= end, end <= postings.count else { return fail("postings block \(index) out of bounds") }
      let widths = (Int(postings[start]), Int(postings[start + 1]), Int(postings[start + 2]))
      guard widths.0 <= 32, widths.1 <= 32, widths.2 <= 32,
        start + 3 + 16 * (widths.0 + widths.1 + widths.2) == end
      else { return fail("postings block \(index) has a bad size") }
      let base = postings.baseAddress! + start + 3
      let running = BitPacking.unpackDocuments(base, width: widths.0, after: previousDoc, into: docs)
      BitPacking.unpack(base + 16 * widths.0, width: widths.1, into: bodyFrequencies)
      BitPacking.unpack(base + 16 * (widths.0 + widths.1), width: widths.2, into: titleFrequencies)
      blockCount = SegmentFormat.blockSize
      guard running == Int64(skipLastDoc(index)) else {
        return fail("postings block \(index) disagrees with its skip entry")
      }
    } else {
      let tail = documentFrequency - fullBlocks * SegmentFormat.blockSize
      guard tail > 0 else {
        current = Self.exhausted
        return false
      }
      var reader = ByteReader(postings, offset: start, path: path)
      var running = previousDoc
      do {
        for i in 0..<tail {
          running += Int64(try reader.varint()) + 1
          docs[i] = UInt32(truncatingIfNeeded: running)
          bodyFrequencies[i] = UInt32(truncatingIfNeeded: try reader.varint())
          titleFrequencies[i] = UInt32(truncatingIfNeeded: try reader.varint())
        }
      } catch {
        return fail("postings tail out of bounds")
      }
      guard reader.offset == postings.count, running < Int64(Int32.max) else {
        return fail("postings tail has the wrong length")
      }
      blockCount = tail
    }
    return true
  }

  private func fail(_ detail: String) -> Bool {
    error = IndexError(.corrupted(detail), path: path)
    current = Self.exhausted
    return false
  }

  // MARK: - Positions

  /// The positions of the term in the current document, ascending; title
  /// positions are below 65,536, body positions are offset by 65,536.
  package func positions() throws -> [UInt32] {
    Array(try decodePositions())
  }

  /// The positions of the current document, in a buffer the iterator owns:
  /// valid until the next call or until the iterator is released.
  ///
  /// - Complexity: O(*f*) for the document's *f* positions, plus skipping
  ///   the positions of the block's earlier documents once per block.
  package func decodePositions() throws -> UnsafeBufferPointer<UInt32> {
    let bytes: UnsafeRawBufferPointer
    if let checked = positionBytes {
      bytes = checked
    } else {
      bytes = try container.bytes(positionsRange)
      positionBytes = bytes
    }
    var offset = positionsCursor
    // Skip the positions of earlier documents in this block.
    if positionsCursorIndex > indexInBlock {
      offset = positionsBlockStart
      positionsCursorIndex = 0
    }
    var skipped = 0
    while positionsCursorIndex < indexInBlock {
      skipped += Int(bodyFrequencies[positionsCursorIndex] + titleFrequencies[positionsCursorIndex])
      positionsCursorIndex += 1
    }
    if skipped > 0 {
      var reader = ByteReader(bytes, offset: offset, path: path)
      try reader.skipVarints(skipped)
      offset = reader.offset
    }
    let count = Int(bodyFrequency + titleFrequency)
    if count > positionCapacity || positionBuffer == nil {
      positionBuffer?.deallocate()
      positionCapacity = max(count, positionCapacity * 2, 64)
      positionBuffer = UnsafeMutablePointer<UInt32>.allocate(capacity: positionCapacity)
    }
    let positionBuffer = self.positionBuffer!
    // Varints decoded inline. A gap takes at most 5 bytes, so when that
    // many remain for every gap, the loop needs no bounds checks.
    var position: UInt32 = 0
    let end = bytes.count
    if end - offset >= count * 5 {
      for index in 0..<count {
        var byte = bytes[offset]
        offset += 1
        var gap = UInt32(byte & 0x7F)
        var shift: UInt32 = 7
        while byte >= 0x80 && shift < 35 {
          byte = bytes[offset]
          offset += 1
          gap |= UInt32(truncatingIfNeeded: byte & 0x7F) << shift
          shift += 7
        }
        guard byte < 0x80 else { throw IndexError(.corrupted("a position gap is too long"), path: path) }
        position &+= gap
        positionBuffer[index] = position
      }
    } else {
      var reader = ByteReader(bytes, offset: offset, path: path)
      for index in 0..<count {
        let gap = try reader.varint()
        guard gap <= UInt64(UInt32.max) else { throw IndexError(.corrupted("a position gap is too long"), path: path) }
        position &+= UInt32(gap)
        positionBuffer[index] = position
      }
      offset = reader.offset
    }
    positionsCursor = offset
    positionsCursorIndex += 1
    return UnsafeBufferPointer(start: positionBuffer, count: count)
  }
}
