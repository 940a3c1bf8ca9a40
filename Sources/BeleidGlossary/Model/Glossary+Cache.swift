import BeleidAnalysis
import BeleidDocuments
import CDeflate
import Foundation

/// The compiled form of a glossary: the concepts and the read's issues in
/// one binary file in the cache folder, read instead of parsing the YAML.
///
/// Parsing the bundled 40 KB of YAML takes about 15 ms, most of a search's
/// start; reading the compiled file takes a small fraction of that. The
/// file is named by a hash of the glossary files' bytes (and their names,
/// the format asked for and the layout version), so any edit makes a new
/// one; it is written to a temporary name and renamed, and it ends with a
/// CRC-32 of everything before it, checked with every count and value when
/// it is read back, so a damaged file is ignored and the glossary parsed
/// again.
extension Glossary {
  /// The layout of the compiled file; bump it when `Concept`, `Term` or the
  /// layout change.
  static let cacheVersion: UInt64 = 2

  /// The magic number at the start of a compiled glossary: "BLDGLO" and a version.
  static let cacheMagic: UInt64 = 0x0100_4F4C_4744_4C42

  /// How many compiled glossaries a cache folder keeps, newest first.
  static let cacheFilesKept = 4

  /// Reads a glossary as `read(_:format:)` does, through a compiled copy in
  /// `cacheFolder` when one is current; nil `cacheFolder` parses every time.
  ///
  /// - Throws: what `read(_:format:)` throws, for a glossary that is not
  ///   compiled yet.
  package static func compiled(
    _ path: String, format: GlossaryFormat? = nil, cacheFolder: String? = AnalysisResources.cacheFolder
  ) throws -> (Glossary, [GlossaryIssue]) {
    let cachePath = cacheFolder.flatMap { Self.cachePath(path, format: format, folder: $0) }
    if let cachePath, let file = MappedFile(path: cachePath), let cached = try? Self.readCache(file) {
      return cached
    }
    let read = try Self.read(path, format: format)
    if let cachePath { try? Self.writeCache(read, to: cachePath) }
    return read
  }

  /// The compiled file for the glossary at `path` in `folder`, or nil when
  /// its files cannot be listed or read (the parse then reports why).
  static func cachePath(_ path: String, format: GlossaryFormat?, folder: String) -> String? {
    var files = [path]
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
    if isDirectory.boolValue {
      guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return nil }
      files = names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        .map { (path as NSString).appendingPathComponent($0) }
    }
    var hash = ByteStringTable.hashSeed
    func add<Bytes: Sequence<UInt8>>(_ bytes: Bytes) {
      for byte in bytes { hash = ByteStringTable.hashStep(hash, byte) }
      hash = ByteStringTable.hashStep(hash, 0)
    }
    add("v\(cacheVersion) \(format.map { "\($0)" } ?? "any") \(maximumTermLength)".utf8)
    for file in files {
      guard let bytes = FileBytes.read(file) else { return nil }
      add(file.utf8)
      add(bytes)
    }
    return (folder as NSString).appendingPathComponent("glossary-\(String(hash, radix: 16)).bin")
  }

  /// Writes a read glossary and its issues to `path` atomically, and
  /// removes the folder's older compiled glossaries beyond `cacheFilesKept`.
  static func writeCache(_ read: (Glossary, [GlossaryIssue]), to path: String) throws {
    var writer = TableFileWriter()
    writer.write(cacheMagic)
    writer.writeOptional(read.0.title)
    writer.write(UInt64(read.0.concepts.count))
    for concept in read.0.concepts { concept.write(to: &writer) }
    writer.write(UInt64(read.1.count))
    for issue in read.1 {
      writer.write(issue.severity.rawValue)
      writer.write(issue.kind.rawValue)
      writer.write(issue.message)
      writer.writeOptional(issue.file)
      writer.writeOptional(issue.line)
    }
    writer.write(UInt64(checksum(writer.bytes)))
    try writer.save(to: path, pruning: "glossary-", keep: cacheFilesKept)
  }

  /// Reads a compiled glossary, checking every count and value.
  static func readCache(_ file: MappedFile) throws -> (Glossary, [GlossaryIssue]) {
    let body = UnsafeRawBufferPointer(rebasing: file.bytes.dropLast(8))
    guard file.bytes.count >= 16,
      UInt64(littleEndian: file.bytes.loadUnaligned(fromByteOffset: body.count, as: UInt64.self)) == checksum(body)
    else { throw TableFileReader.Damaged() }
    var reader = TableFileReader(file: file)
    guard try reader.readUInt64() == cacheMagic else { throw TableFileReader.Damaged() }
    var glossary = Glossary(title: try reader.readOptionalString())
    let conceptCount = try reader.readInt(atMost: file.bytes.count / 8)
    glossary.concepts.reserveCapacity(conceptCount)
    for _ in 0..<conceptCount { glossary.concepts.append(try Concept(reading: &reader)) }
    var issues: [GlossaryIssue] = []
    for _ in 0..<(try reader.readInt(atMost: file.bytes.count / 8)) {
      guard let severity = GlossaryIssue.Severity(rawValue: try reader.readString()),
        let kind = GlossaryIssue.Kind(rawValue: try reader.readString())
      else { throw TableFileReader.Damaged() }
      issues.append(
        GlossaryIssue(
          severity, kind, try reader.readString(), file: try reader.readOptionalString(),
          line: try reader.readOptionalInt()))
    }
    return (glossary, issues)
  }

  /// The CRC-32 of `bytes`.
  private static func checksum<Bytes: ContiguousBytes>(_ bytes: Bytes) -> UInt32 {
    bytes.withUnsafeBytes { raw in
      UInt32(CDeflate.crc32(0, raw.baseAddress?.assumingMemoryBound(to: Bytef.self), uInt(raw.count)))
    }
  }
}

extension Concept {
  func write(to writer: inout TableFileWriter) {
    writer.write(id)
    writer.writeOptional(domain)
    writer.write(UInt64(terms.count))
    for term in terms { term.write(to: &writer) }
    let languages = definitions.keys.sorted()
    writer.write(UInt64(languages.count))
    for language in languages {
      writer.write(language)
      writer.write(definitions[language]!)
    }
    writer.writeOptional(note)
    writer.writeOptional(source)
    writer.write(properties)
    writer.writeOptional(location?.file)
    writer.writeOptional(location?.line)
  }

  init(reading reader: inout TableFileReader) throws {
    self.init(id: try reader.readString(), domain: try reader.readOptionalString())
    let limit = reader.file.bytes.count / 8
    for _ in 0..<(try reader.readInt(atMost: limit)) { terms.append(try Term(reading: &reader)) }
    for _ in 0..<(try reader.readInt(atMost: limit)) {
      let language = try reader.readString()
      definitions[language] = try reader.readString()
    }
    note = try reader.readOptionalString()
    source = try reader.readOptionalString()
    properties = try reader.readProperties()
    let file = try reader.readOptionalString()
    let line = try reader.readOptionalInt()
    if let file, let line { location = SourceLocation(file: file, line: line) }
  }
}

extension Term {
  func write(to writer: inout TableFileWriter) {
    writer.write(text)
    writer.write(language)
    writer.write(status.rawValue)
    writer.writeOptional(type)
    writer.writeOptional(partOfSpeech)
    writer.writeOptional(context)
    writer.writeOptional(note)
    writer.writeOptional(source)
    writer.write(properties)
    writer.writeOptional(line)
  }

  init(reading reader: inout TableFileReader) throws {
    let text = try reader.readString()
    let language = try reader.readString()
    guard let status = Status(rawValue: try reader.readString()) else { throw TableFileReader.Damaged() }
    self.init(
      text, language: language, status: status, type: try reader.readOptionalString(),
      partOfSpeech: try reader.readOptionalString(), context: try reader.readOptionalString(),
      note: try reader.readOptionalString(), source: try reader.readOptionalString(),
      properties: try reader.readProperties(), line: try reader.readOptionalInt())
  }
}

extension TableFileWriter {
  /// Writes a flag (0 for nil), then the text.
  mutating func writeOptional(_ text: String?) {
    write(text == nil ? 0 : 1)
    if let text { write(text) }
  }

  /// Writes 0 for nil, else the value plus one.
  mutating func writeOptional(_ value: Int?) {
    write(value.map { UInt64(max(0, $0)) + 1 } ?? 0)
  }

  mutating func write(_ properties: [Property]) {
    write(UInt64(properties.count))
    for property in properties {
      write(property.element)
      writeOptional(property.type)
      write(property.value)
      writeOptional(property.language)
    }
  }
}

extension TableFileReader {
  mutating func readOptionalString() throws -> String? {
    switch try readUInt64() {
    case 0: return nil
    case 1: return try readString()
    default: throw Damaged()
    }
  }

  mutating func readOptionalInt() throws -> Int? {
    let value = try readInt()
    return value == 0 ? nil : value - 1
  }

  mutating func readProperties() throws -> [Property] {
    var properties: [Property] = []
    for _ in 0..<(try readInt(atMost: file.bytes.count / 8)) {
      properties.append(
        Property(
          element: try readString(), type: try readOptionalString(), value: try readString(),
          language: try readOptionalString()))
    }
    return properties
  }
}
