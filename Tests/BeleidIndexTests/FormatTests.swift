import BeleidAnalysis
import BeleidDocuments
import BeleidTestSupport
import Foundation
import Testing

@testable import BeleidIndex

@Suite("Index format")
struct FormatTests {
  /// Present: even numbers 1000–1398 (a dozen dictionary blocks) and a
  /// chain of prefixes; absent: their neighbours in byte order.
  static let dictionaryIndex: Result<String, any Error> = Result {
    let corpus = try TestCorpus()
    let present = stride(from: 1000, to: 1400, by: 2).map(String.init) + ["7", "77", "777", "7770", "78"]
    for (index, chunk) in present.chunked(into: 20).enumerated() {
      try corpus.add("n\(index).md", title: "getallen", body: chunk.joined(separator: " "), lang: "nl")
    }
    let folder = try corpus.indexFolder()
    _ = try IndexWriter(folder: folder).index(paths: [corpus.folder.path])
    return folder
  }

  @Test(
    "a term lookup finds every key and nothing between keys",
    arguments: [
      ("1000", true), ("1002", true), ("1398", true), ("1200", true), ("7", true), ("77", true), ("777", true),
      ("7770", true), ("78", true), ("1001", false), ("1399", false), ("100", false), ("10000", false),
      ("0999", false), ("1400", false), ("6", false), ("76", false), ("7777", false), ("777a", false),
      ("779", false), ("8", false), ("getal", true), ("getallen", false), ("", false),
    ])
  func termLookup(term: String, present: Bool) throws {
    let reader = try IndexReader(folder: try Self.dictionaryIndex.get())
    let frequency = try reader.segments.reduce(0) { $0 + (try $1.documentFrequency(of: term)) }
    #expect((frequency > 0) == present, "\(term)")
  }

  @Test("bitpacking round-trips every width", arguments: 0...32)
  func bitPacking(width: Int) {
    var random = SeededRandom(seed: UInt64(width) + 1)
    let limit: UInt64 = width == 0 ? 0 : (1 << UInt64(width)) - 1
    let values = (0..<128).map { _ in UInt32(truncatingIfNeeded: UInt64.random(in: 0...limit, using: &random)) }
    var writer = ByteWriter()
    values.withUnsafeBufferPointer { BitPacking.pack($0, width: width, into: &writer) }
    #expect(writer.count == 16 * width)
    var output = [UInt32](repeating: 99, count: 128)
    writer.bytes.withUnsafeBytes { raw in
      output.withUnsafeMutableBufferPointer { out in
        BitPacking.unpack(raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, width: width, into: out.baseAddress!)
      }
    }
    #expect(output == values)
    #expect(values.withUnsafeBufferPointer { BitPacking.width($0) } <= width)
    // Read as document gaps: each document is the one before plus gap + 1.
    var documents = [UInt32](repeating: 0, count: 128)
    let last = writer.bytes.withUnsafeBytes { raw in
      documents.withUnsafeMutableBufferPointer { out in
        BitPacking.unpackDocuments(
          raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, width: width, after: 1_000, into: out.baseAddress!)
      }
    }
    var running: Int64 = 1_000
    let expected = values.map { gap -> UInt32 in
      running += Int64(gap) + 1
      return UInt32(truncatingIfNeeded: running)
    }
    #expect(documents == expected)
    #expect(last == running)
  }

  @Test("varints round-trip", arguments: [0, 1, 127, 128, 16_383, 16_384, 1 << 31, UInt64.max])
  func varints(value: UInt64) throws {
    var writer = ByteWriter()
    writer.varint(value)
    let decoded = try writer.bytes.withUnsafeBytes { raw throws -> (UInt64, Bool) in
      var reader = ByteReader(raw, path: "test")
      let value = try reader.varint()
      return (value, reader.isAtEnd)
    }
    #expect(decoded.0 == value)
    #expect(decoded.1)
  }

  @Test("skipping varints lands where decoding them would", arguments: [0, 1, 7, 8, 9, 16, 17, 100])
  func skipVarints(count: Int) throws {
    var random = SeededRandom(seed: UInt64(count))
    let values = (0..<120).map { _ in
      UInt64.random(in: 0..<(1 << UInt64.random(in: 1...40, using: &random)), using: &random)
    }
    var writer = ByteWriter()
    for value in values { writer.varint(value) }
    try writer.bytes.withUnsafeBytes { raw in
      var reader = ByteReader(raw, path: "test")
      try reader.skipVarints(count)
      #expect(try reader.varint() == values[count])
      var short = ByteReader(raw, path: "test")
      #expect(throws: IndexError.self) { try short.skipVarints(values.count + 1) }
    }
  }

  @Test("a truncated varint is corruption, not garbage")
  func truncatedVarint() {
    let bytes: [UInt8] = [0x80, 0x80]
    bytes.withUnsafeBytes { raw in
      var reader = ByteReader(raw, path: "test")
      #expect(throws: IndexError.self) { try reader.varint() }
    }
  }

  @Test("length codes are exact below 40 and monotonic")
  func fieldNorms() {
    for length in 0..<40 { #expect(FieldNorm.length(FieldNorm.code(length)) == UInt32(length)) }
    var previous: UInt32 = 0
    for code in 1...255 {
      let length = FieldNorm.length(UInt8(code))
      #expect(length > previous)
      previous = length
    }
    for length in [100, 1_000, 123_456] {
      let decoded = FieldNorm.length(FieldNorm.code(length))
      #expect(decoded <= UInt32(length) && Double(decoded) >= Double(length) * 0.93)
    }
  }

  @Test(
    "containers of versions 1 and 2 are read; others are refused as incompatible",
    arguments: [(UInt32(1), true), (2, true), (0, false), (3, false)])
  func containerVersions(version: UInt32, readable: Bool) throws {
    let path = try makeTemporaryDirectory().appendingPathComponent("file").path
    var container = ContainerWriter(magic: "TEST", fileID: 1, version: version)
    container.section(1, [1, 2, 3])
    try ContainerWriter.writeAtomically(container.finish(), to: path)
    if readable {
      #expect(try MappedContainer(path: path, magic: "TEST").section(1, "data").count == 3)
    } else {
      #expect {
        try MappedContainer(path: path, magic: "TEST")
      } throws: { error in
        (error as? IndexError)?.description.contains("this beleid reads 1–2") == true
      }
    }
  }

  @Test("containers detect a flipped bit and a truncation")
  func containerChecksums() throws {
    let folder = try makeTemporaryDirectory()
    let path = folder.appendingPathComponent("file").path
    var container = ContainerWriter(magic: "TEST", fileID: 7)
    container.section(1, Array(repeating: 0x41, count: 200_000))
    let bytes = container.finish()
    try ContainerWriter.writeAtomically(bytes, to: path)
    let good = try MappedContainer(path: path, magic: "TEST")
    #expect(try good.section(1, "data").count == 200_000)

    var flipped = bytes
    flipped[150_000] ^= 0x10
    try ContainerWriter.writeAtomically(flipped, to: path)
    let damaged = try MappedContainer(path: path, magic: "TEST")
    #expect(throws: IndexError.self) { try damaged.section(1, "data") }

    try ContainerWriter.writeAtomically(Array(bytes.prefix(bytes.count - 10)), to: path)
    #expect(throws: IndexError.self) { try MappedContainer(path: path, magic: "TEST") }
  }

  @Test("a stored record keeps every field, metadata with quotes, escapes and accents included")
  func storedRecordRoundTrip() throws {
    var document = Document(key: "a.jsonl#1", path: "a.jsonl", title: "Titel", body: "tekst", format: "jsonl")
    document.date = "2026-01-30"
    document.source = "bron"
    document.metadata = [
      "type": "wet", "quote": #"zeg "ja" \ nee"#, "lines": "een\ntwee\tdrie\r\u{1}", "é": "café 🙂", "": "",
    ]
    let bytes = StoredRecord.encode(document, language: .dutch)
    let decoded = try bytes.withUnsafeBytes { raw in
      var reader = ByteReader(raw, path: "test")
      return try StoredRecord.decode(&reader)
    }
    #expect(decoded.metadata == document.metadata)
    #expect(decoded.title == "Titel" && decoded.body == "tekst" && decoded.date == "2026-01-30")
    #expect(decoded.language == .dutch && decoded.source == "bron")
    let json = try JSONSerialization.jsonObject(with: Data(StoredRecord.jsonObject(document.metadata)))
    #expect(json as? [String: String] == document.metadata)
  }

  @Test("stored-field blocks decompress to what was written", arguments: [StoredFieldsWriter.Codec.zlib, .zstd])
  func storedBlocks(codec: StoredFieldsWriter.Codec) throws {
    var writer = StoredFieldsWriter(codec: codec)
    var records: [[UInt8]] = []
    for index in 0..<2_000 {
      let record = Array("document \(index): ketenveiligheid en zorgplicht, \(index * 7919 % 1000)".utf8)
      records.append(record)
      writer.add(record)
    }
    let (blocks, index) = writer.finish()
    var rebuilt: [UInt8] = []
    try index.withUnsafeBytes { raw in
      var reader = ByteReader(raw, path: "test")
      let count = Int(try reader.u32())
      #expect(count > 1)
      for _ in 0..<count {
        _ = try reader.u32()
        let offset = Int(try reader.u64())
        let compressed = Int(try reader.u32())
        let uncompressed = Int(try reader.u32())
        let block = try blocks.withUnsafeBytes { all in
          try #require(
            StoredFieldsWriter.decompress(
              UnsafeRawBufferPointer(rebasing: all[offset..<offset + compressed]), size: uncompressed, codec: codec))
        }
        rebuilt += block
        // A damaged block is refused, not misread.
        var damaged = Array(blocks[offset..<offset + compressed])
        damaged[damaged.count / 2] ^= 0xFF
        let refused = damaged.withUnsafeBytes {
          StoredFieldsWriter.decompress($0, size: uncompressed, codec: codec)
        }
        #expect(refused == nil || refused! != block)
      }
    }
    #expect(rebuilt == records.flatMap { $0 })
  }

  @Test("a segment whose meta names no codec has zlib stored fields")
  func olderSegmentsAreZlib() throws {
    let json =
      #"{"documentCount":1,"titleTokens":1,"bodyTokens":1,"termCount":1,"formCount":1,"analysis":"a","icuVersion":"72.1"}"#
    let meta = try JSONDecoder().decode(SegmentMeta.self, from: Data(json.utf8))
    #expect(meta.storedCodec == nil)
    #expect(StoredFieldsWriter.defaultCodec == .zstd)
  }
}

extension Array {
  fileprivate func chunked(into size: Int) -> [[Element]] {
    stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
  }
}
