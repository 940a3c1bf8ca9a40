import BeleidAnalysis
import BeleidDocuments
import Foundation

/// Encodes and decodes a document's stored record (see `StoredFieldsWriter`).
enum StoredRecord {
  static func encode(_ document: Document, language: Language) -> [UInt8] {
    var writer = ByteWriter()
    writer.string(document.key)
    writer.string(document.path)
    writer.string(document.title)
    writer.string(document.body)
    writer.string(document.date ?? "")
    writer.string(language.code)
    writer.string(document.source ?? "")
    writer.string(document.url ?? "")
    writer.string(document.format)
    writer.varint(document.pageStarts.count)
    var previous = 0
    for start in document.pageStarts {
      writer.varint(max(0, start - previous))
      previous = start
    }
    let metadata = jsonObject(document.metadata)
    writer.varint(metadata.count)
    writer.append(metadata)
    return writer.bytes
  }

  /// A string dictionary as a JSON object with sorted keys.
  ///
  /// Written by hand: `JSONSerialization` took 2% of indexing's CPU time
  /// for these small objects.
  static func jsonObject(_ dictionary: [String: String]) -> [UInt8] {
    var bytes: [UInt8] = [UInt8(ascii: "{")]
    func append(_ string: String) {
      bytes.append(UInt8(ascii: "\""))
      for byte in string.utf8 {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"):
          bytes.append(UInt8(ascii: "\\"))
          bytes.append(byte)
        case 0x0A: bytes.append(contentsOf: Array(#"\n"#.utf8))
        case 0x0D: bytes.append(contentsOf: Array(#"\r"#.utf8))
        case 0x09: bytes.append(contentsOf: Array(#"\t"#.utf8))
        case ..<0x20:
          let hex = Array("0123456789abcdef".utf8)
          bytes.append(contentsOf: Array(#"\u00"#.utf8))
          bytes.append(hex[Int(byte >> 4)])
          bytes.append(hex[Int(byte & 15)])
        default: bytes.append(byte)
        }
      }
      bytes.append(UInt8(ascii: "\""))
    }
    for (number, key) in dictionary.keys.sorted().enumerated() {
      if number > 0 { bytes.append(UInt8(ascii: ",")) }
      append(key)
      bytes.append(UInt8(ascii: ":"))
      append(dictionary[key]!)
    }
    bytes.append(UInt8(ascii: "}"))
    return bytes
  }

  /// Decodes the record at the reader's offset.
  static func decode(_ reader: inout ByteReader) throws -> Document {
    let key = try reader.string()
    let path = try reader.string()
    let title = try reader.string()
    let body = try reader.string()
    let date = try reader.string()
    let language = try reader.string()
    let source = try reader.string()
    let url = try reader.string()
    let format = try reader.string()
    var pageStarts: [Int] = []
    var previous = 0
    for _ in 0..<(try reader.int()) {
      previous += try reader.int()
      pageStarts.append(previous)
    }
    let metadataBytes = try reader.slice(try reader.int())
    let metadata =
      (try? JSONSerialization.jsonObject(with: Data(metadataBytes)) as? [String: String]) ?? [:]
    return Document(
      key: key, path: path, title: title, body: body, pageStarts: pageStarts, date: date.isEmpty ? nil : date,
      language: Language(code: language), source: source.isEmpty ? nil : source, url: url.isEmpty ? nil : url,
      format: format, metadata: metadata)
  }

  /// Skips the record at the reader's offset.
  static func skip(_ reader: inout ByteReader) throws {
    for _ in 0..<9 { _ = try reader.slice(try reader.int()) }
    for _ in 0..<(try reader.int()) { _ = try reader.varint() }
    _ = try reader.slice(try reader.int())
  }
}
