import Foundation

/// Encodes `Encodable` values to compact JSON in one pass, as the API's
/// bodies are sent.
///
/// Foundation's `JSONEncoder` first builds a tree of boxed values and then
/// writes it; on the search route that took as long as the search itself.
/// This encoder writes each value as it is encoded: keys in the order the
/// types encode them (declaration order for synthesised conformances),
/// strings as UTF-8 with `"`, `\` and control characters escaped and `/`
/// left alone, whole doubles without `.0`, and nil optionals left out
/// (`encodeIfPresent`), as `JSONEncoder` with `.withoutEscapingSlashes`
/// writes them. A type that asks for a keyed container twice (to add keys
/// to what another type encoded) writes one object. Containers must be
/// used in nesting order, which synthesised conformances do.
///
/// - Complexity: O(*n*) in the output's length.
struct StreamingJSONEncoder {
  /// The JSON text of `value`.
  ///
  /// - Throws: `EncodingError.invalidValue` for a NaN or infinite number.
  func encode(_ value: some Encodable) throws -> [UInt8] {
    let writer = JSONStreamWriter()
    try writer.value(value)
    return writer.bytes
  }
}

/// The state of one encoding: the bytes so far and the open containers.
final class JSONStreamWriter: Encoder {
  // Written one encoding at a time, by one thread: the runtime's
  // exclusivity checks on every append cost more than the writing.
  @exclusivity(unchecked) var bytes: [UInt8] = []
  /// The open containers, innermost last: whether each is an object, and
  /// whether it has a member yet.
  @exclusivity(unchecked) private var open: [(object: Bool, empty: Bool)] = []
  /// `open.count` when the value being encoded began.
  private var valueDepth = 0
  var codingPath: [any CodingKey] = []
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  init() { bytes.reserveCapacity(4096) }

  // MARK: Values

  /// Writes one value.
  func value<T: Encodable>(_ value: T) throws {
    // Metatypes are compared, not cast: a failed dynamic cast per
    // primitive type for every struct would cost more than writing it.
    if T.self == String.self {
      string(value as! String)
    } else if T.self == Int.self {
      integer(value as! Int)
    } else if T.self == Double.self {
      try double(value as! Double)
    } else if T.self == Bool.self {
      bytes.append(contentsOf: ((value as! Bool) ? "true" : "false").utf8)
    } else if T.self == Float.self {
      try double(Double(value as! Float))
    } else if Self.otherIntegers.contains(ObjectIdentifier(T.self)) {
      let number = value as! any BinaryInteger
      integer(number)
    } else if T.self == URL.self {
      string((value as! URL).absoluteString)
    } else {
      let saved = valueDepth
      let start = bytes.count
      valueDepth = open.count
      defer { valueDepth = saved }
      try value.encode(to: self)
      if open.count == valueDepth && bytes.count == start {
        bytes.append(contentsOf: [UInt8(ascii: "{"), UInt8(ascii: "}")])  // nothing encoded, as JSONEncoder
      }
      while open.count > valueDepth { close() }
    }
  }

  /// The integer types other than `Int`.
  private static let otherIntegers: Set<ObjectIdentifier> = [
    ObjectIdentifier(Int8.self), ObjectIdentifier(Int16.self), ObjectIdentifier(Int32.self),
    ObjectIdentifier(Int64.self), ObjectIdentifier(UInt.self), ObjectIdentifier(UInt8.self),
    ObjectIdentifier(UInt16.self), ObjectIdentifier(UInt32.self), ObjectIdentifier(UInt64.self),
  ]

  func integer<T: BinaryInteger>(_ number: T) { bytes.append(contentsOf: String(number).utf8) }

  func double(_ number: Double) throws {
    guard number.isFinite else {
      throw EncodingError.invalidValue(
        number, EncodingError.Context(codingPath: codingPath, debugDescription: "\(number) is not a JSON number"))
    }
    var text = number.description
    if text.hasSuffix(".0") { text.removeLast(2) }
    bytes.append(contentsOf: text.utf8)
  }

  func null() { bytes.append(contentsOf: "null".utf8) }

  /// Writes a string literal: runs of bytes that need no escape are
  /// copied at once.
  func string(_ text: String) {
    var text = text
    text.withUTF8 { utf8 in
      bytes.append(UInt8(ascii: "\""))
      var start = 0
      for index in 0..<utf8.count {
        let byte = utf8[index]
        guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
        if start < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index])) }
        escape(byte)
        start = index + 1
      }
      if start < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...])) }
      bytes.append(UInt8(ascii: "\""))
    }
  }

  /// Writes the escape of a quote, a backslash or a control character.
  private func escape(_ byte: UInt8) {
    let backslash = UInt8(ascii: "\\")
    switch byte {
    case UInt8(ascii: "\""), backslash: bytes.append(contentsOf: [backslash, byte])
    case 0x0A: bytes.append(contentsOf: [backslash, UInt8(ascii: "n")])
    case 0x0D: bytes.append(contentsOf: [backslash, UInt8(ascii: "r")])
    case 0x09: bytes.append(contentsOf: [backslash, UInt8(ascii: "t")])
    case 0x08: bytes.append(contentsOf: [backslash, UInt8(ascii: "b")])
    case 0x0C: bytes.append(contentsOf: [backslash, UInt8(ascii: "f")])
    default:
      let hex = Array("0123456789abcdef".utf8)
      bytes.append(contentsOf: [backslash, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
    }
  }

  // MARK: Containers

  /// How many containers are open.
  var depth: Int { open.count }

  /// Opens an object or array.
  func openContainer(object: Bool) {
    bytes.append(object ? UInt8(ascii: "{") : UInt8(ascii: "["))
    open.append((object, true))
  }

  /// Closes the innermost container.
  func close() {
    guard let last = open.popLast() else { return }
    bytes.append(last.object ? UInt8(ascii: "}") : UInt8(ascii: "]"))
  }

  /// Prepares the container at `depth` for its next member: closes the
  /// containers nested in it, and writes the comma and, in an object, the key.
  func member(depth: Int, key: String?) {
    while open.count > depth { close() }
    if !open[depth - 1].empty { bytes.append(UInt8(ascii: ",")) }
    open[depth - 1].empty = false
    if let key {
      string(key)
      bytes.append(UInt8(ascii: ":"))
    }
  }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    // A second keyed container for the same value adds to the same object.
    if !(open.count == valueDepth + 1 && open[valueDepth].object) {
      while open.count > valueDepth { close() }
      openContainer(object: true)
    }
    return KeyedEncodingContainer(KeyedWriter<Key>(writer: self, depth: open.count, codingPath: codingPath))
  }

  func unkeyedContainer() -> any UnkeyedEncodingContainer {
    while open.count > valueDepth { close() }
    openContainer(object: false)
    return UnkeyedWriter(writer: self, depth: open.count, codingPath: codingPath)
  }

  func singleValueContainer() -> any SingleValueEncodingContainer {
    SingleValueWriter(writer: self, codingPath: codingPath)
  }

  /// Writes a nested container as the next member of the container at `depth`.
  func nested(depth: Int, key: String?, object: Bool) -> Int {
    member(depth: depth, key: key)
    openContainer(object: object)
    return open.count
  }
}

/// An encoder for one member whose value a type writes itself
/// (`superEncoder`): its containers nest in the current one.
private struct MemberEncoder: Encoder {
  let writer: JSONStreamWriter
  var codingPath: [any CodingKey]
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    writer.openContainer(object: true)
    return KeyedEncodingContainer(KeyedWriter<Key>(writer: writer, depth: writer.depth, codingPath: codingPath))
  }

  func unkeyedContainer() -> any UnkeyedEncodingContainer {
    writer.openContainer(object: false)
    return UnkeyedWriter(writer: writer, depth: writer.depth, codingPath: codingPath)
  }

  func singleValueContainer() -> any SingleValueEncodingContainer {
    SingleValueWriter(writer: writer, codingPath: codingPath)
  }
}

/// An object's members.
private struct KeyedWriter<Key: CodingKey>: KeyedEncodingContainerProtocol {
  let writer: JSONStreamWriter
  let depth: Int
  var codingPath: [any CodingKey]

  /// Writes the member `key` with `value`.
  private func put(_ value: some Encodable, _ key: Key) throws {
    writer.member(depth: depth, key: key.stringValue)
    try writer.value(value)
  }

  mutating func encodeNil(forKey key: Key) throws {
    writer.member(depth: depth, key: key.stringValue)
    writer.null()
  }

  mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try put(value, key) }
  mutating func encode(_ value: Bool, forKey key: Key) throws { try put(value, key) }
  mutating func encode(_ value: String, forKey key: Key) throws { try put(value, key) }
  mutating func encode(_ value: Double, forKey key: Key) throws { try put(value, key) }
  mutating func encode(_ value: Float, forKey key: Key) throws { try put(value, key) }
  mutating func encode(_ value: Int, forKey key: Key) throws { try put(value, key) }
  mutating func encode(_ value: Int8, forKey key: Key) throws { try put(value, key) }
  mutating func encode(_ value: Int16, forKey key: Key) throws { try put(value, key) }
  mutating func encode(_ value: Int32, forKey key: Key) throws { try put(value, key) }
  mutating func encode(_ value: Int64, forKey key: Key) throws { try put(value, key) }
  mutating func encode(_ value: UInt, forKey key: Key) throws { try put(value, key) }
  mutating func encode(_ value: UInt8, forKey key: Key) throws { try put(value, key) }
  mutating func encode(_ value: UInt16, forKey key: Key) throws { try put(value, key) }
  mutating func encode(_ value: UInt32, forKey key: Key) throws { try put(value, key) }
  mutating func encode(_ value: UInt64, forKey key: Key) throws { try put(value, key) }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
    -> KeyedEncodingContainer<NestedKey>
  {
    let inner = writer.nested(depth: depth, key: key.stringValue, object: true)
    return KeyedEncodingContainer(KeyedWriter<NestedKey>(writer: writer, depth: inner, codingPath: codingPath + [key]))
  }

  mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
    let inner = writer.nested(depth: depth, key: key.stringValue, object: false)
    return UnkeyedWriter(writer: writer, depth: inner, codingPath: codingPath + [key])
  }

  mutating func superEncoder() -> any Encoder {
    writer.member(depth: depth, key: "super")
    return MemberEncoder(writer: writer, codingPath: codingPath)
  }

  mutating func superEncoder(forKey key: Key) -> any Encoder {
    writer.member(depth: depth, key: key.stringValue)
    return MemberEncoder(writer: writer, codingPath: codingPath + [key])
  }
}

/// An array's elements.
private struct UnkeyedWriter: UnkeyedEncodingContainer {
  let writer: JSONStreamWriter
  let depth: Int
  var codingPath: [any CodingKey]
  var count = 0

  init(writer: JSONStreamWriter, depth: Int, codingPath: [any CodingKey]) {
    self.writer = writer
    self.depth = depth
    self.codingPath = codingPath
  }

  /// Writes the next element.
  private mutating func put(_ value: some Encodable) throws {
    writer.member(depth: depth, key: nil)
    try writer.value(value)
    count += 1
  }

  mutating func encodeNil() throws {
    writer.member(depth: depth, key: nil)
    writer.null()
    count += 1
  }

  mutating func encode<T: Encodable>(_ value: T) throws { try put(value) }
  mutating func encode(_ value: Bool) throws { try put(value) }
  mutating func encode(_ value: String) throws { try put(value) }
  mutating func encode(_ value: Double) throws { try put(value) }
  mutating func encode(_ value: Float) throws { try put(value) }
  mutating func encode(_ value: Int) throws { try put(value) }
  mutating func encode(_ value: Int8) throws { try put(value) }
  mutating func encode(_ value: Int16) throws { try put(value) }
  mutating func encode(_ value: Int32) throws { try put(value) }
  mutating func encode(_ value: Int64) throws { try put(value) }
  mutating func encode(_ value: UInt) throws { try put(value) }
  mutating func encode(_ value: UInt8) throws { try put(value) }
  mutating func encode(_ value: UInt16) throws { try put(value) }
  mutating func encode(_ value: UInt32) throws { try put(value) }
  mutating func encode(_ value: UInt64) throws { try put(value) }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
    -> KeyedEncodingContainer<NestedKey>
  {
    count += 1
    let inner = writer.nested(depth: depth, key: nil, object: true)
    return KeyedEncodingContainer(KeyedWriter<NestedKey>(writer: writer, depth: inner, codingPath: codingPath))
  }

  mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
    count += 1
    let inner = writer.nested(depth: depth, key: nil, object: false)
    return UnkeyedWriter(writer: writer, depth: inner, codingPath: codingPath)
  }

  mutating func superEncoder() -> any Encoder {
    count += 1
    writer.member(depth: depth, key: nil)
    return MemberEncoder(writer: writer, codingPath: codingPath)
  }
}

/// One value in the place its encoder stands for.
private struct SingleValueWriter: SingleValueEncodingContainer {
  let writer: JSONStreamWriter
  var codingPath: [any CodingKey]

  mutating func encodeNil() throws { writer.null() }
  mutating func encode<T: Encodable>(_ value: T) throws { try writer.value(value) }
  mutating func encode(_ value: Bool) throws { try writer.value(value) }
  mutating func encode(_ value: String) throws { try writer.value(value) }
  mutating func encode(_ value: Double) throws { try writer.value(value) }
  mutating func encode(_ value: Float) throws { try writer.value(value) }
  mutating func encode(_ value: Int) throws { try writer.value(value) }
  mutating func encode(_ value: Int8) throws { try writer.value(value) }
  mutating func encode(_ value: Int16) throws { try writer.value(value) }
  mutating func encode(_ value: Int32) throws { try writer.value(value) }
  mutating func encode(_ value: Int64) throws { try writer.value(value) }
  mutating func encode(_ value: UInt) throws { try writer.value(value) }
  mutating func encode(_ value: UInt8) throws { try writer.value(value) }
  mutating func encode(_ value: UInt16) throws { try writer.value(value) }
  mutating func encode(_ value: UInt32) throws { try writer.value(value) }
  mutating func encode(_ value: UInt64) throws { try writer.value(value) }
}
