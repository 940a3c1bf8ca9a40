/// Parses the one JSON object on a JSON Lines line (RFC 8259, plus the
/// trailing commas Foundation's parser also accepts).
///
/// The JSONL reader needs only the object's top-level strings and numbers,
/// so those are kept; nested arrays and objects, booleans and null are
/// checked and skipped. Anything but exactly one object gives nil: bad
/// syntax, trailing text, invalid UTF-8, lone surrogates in `\u` escapes,
/// unescaped control characters, nesting deeper than `maximumDepth`. A key
/// given twice keeps its last value. It replaces Foundation's
/// `JSONSerialization`, which built a dictionary of bridged objects per line
/// and took 4.6% of the CPU time of indexing the BWB; this takes half that.
///
/// - Complexity: O(*n*) in the line's bytes.
struct JSONScanner {
  /// A top-level value.
  enum Value: Equatable {
    /// A string, unescaped.
    case string(String)
    /// A number, as its literal text.
    case number(String)
    /// An array, object, boolean or null.
    case other
  }

  /// Deeper nesting is refused rather than risking the stack.
  static let maximumDepth = 256

  private let bytes: UnsafeRawBufferPointer
  private var index = 0

  private init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

  /// The object on `line`, or nil when the line is not exactly one object.
  static func object(_ line: UnsafeRawBufferPointer) -> [String: Value]? {
    var scanner = JSONScanner(line)
    scanner.skipSpace()
    guard scanner.peek == UInt8(ascii: "{") else { return nil }
    scanner.index += 1
    var fields: [String: Value] = [:]
    scanner.skipSpace()
    if scanner.peek == UInt8(ascii: "}") {
      scanner.index += 1
    } else {
      while true {
        scanner.skipSpace()
        guard scanner.peek == UInt8(ascii: "\""), let key = scanner.string() else { return nil }
        scanner.skipSpace()
        guard scanner.peek == UInt8(ascii: ":") else { return nil }
        scanner.index += 1
        scanner.skipSpace()
        switch scanner.peek {
        case UInt8(ascii: "\""):
          guard let value = scanner.string() else { return nil }
          fields[key] = .string(value)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
          guard let value = scanner.number() else { return nil }
          fields[key] = .number(value)
        default:
          guard scanner.skipValue(depth: 1) else { return nil }
          fields[key] = .other
        }
        scanner.skipSpace()
        if scanner.peek == UInt8(ascii: ",") {
          scanner.index += 1
          scanner.skipSpace()
          if scanner.peek == UInt8(ascii: "}") {
            scanner.index += 1
            break
          }
        } else if scanner.peek == UInt8(ascii: "}") {
          scanner.index += 1
          break
        } else {
          return nil
        }
      }
    }
    scanner.skipSpace()
    return scanner.index == line.count ? fields : nil
  }

  /// The byte at the cursor, or 0 at the end (0 is never valid there).
  private var peek: UInt8 { index < bytes.count ? bytes[index] : 0 }

  private mutating func skipSpace() {
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x09, 0x0A, 0x0D: index += 1
      default: return
      }
    }
  }

  /// Reads the string at the cursor (on its opening quote).
  private mutating func string() -> String? {
    index += 1
    var runStart = index
    // Unescaped bytes are copied only once an escape shows up.
    var unescaped: [UInt8]? = nil
    while true {
      while index < bytes.count {
        let byte = bytes[index]
        if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
        index += 1
      }
      guard index < bytes.count, bytes[index] >= 0x20 else { return nil }
      let run = UnsafeRawBufferPointer(rebasing: bytes[runStart..<index])
      if bytes[index] == UInt8(ascii: "\"") {
        index += 1
        guard var unescaped else { return String(validating: run, as: UTF8.self) }
        unescaped.append(contentsOf: run)
        return String(validating: unescaped, as: UTF8.self)
      }
      if unescaped == nil { unescaped = [] }
      unescaped!.append(contentsOf: run)
      index += 1
      guard index < bytes.count else { return nil }
      let escape = bytes[index]
      index += 1
      switch escape {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): unescaped!.append(escape)
      case UInt8(ascii: "b"): unescaped!.append(0x08)
      case UInt8(ascii: "f"): unescaped!.append(0x0C)
      case UInt8(ascii: "n"): unescaped!.append(0x0A)
      case UInt8(ascii: "r"): unescaped!.append(0x0D)
      case UInt8(ascii: "t"): unescaped!.append(0x09)
      case UInt8(ascii: "u"):
        guard var value = hex4() else { return nil }
        if (0xD800...0xDBFF).contains(value) {
          // A high surrogate must be followed by an escaped low one.
          guard peek == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u")
          else { return nil }
          index += 2
          guard let low = hex4(), (0xDC00...0xDFFF).contains(low) else { return nil }
          value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let scalar = Unicode.Scalar(value) else { return nil }
        unescaped!.append(contentsOf: UTF8.encode(scalar)!)
      default:
        return nil
      }
      runStart = index
    }
  }

  /// Reads four hex digits.
  private mutating func hex4() -> UInt32? {
    guard index + 4 <= bytes.count else { return nil }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let byte = bytes[index]
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default: return nil
      }
      value = value << 4 | UInt32(digit)
      index += 1
    }
    return value
  }

  /// Reads the number at the cursor and returns its literal text.
  private mutating func number() -> String? {
    let start = index
    func digits() -> Bool {
      let first = index
      while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
      return index > first
    }
    if peek == UInt8(ascii: "-") { index += 1 }
    if peek == UInt8(ascii: "0") {
      index += 1
    } else if !digits() {
      return nil
    }
    if peek == UInt8(ascii: ".") {
      index += 1
      guard digits() else { return nil }
    }
    if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
      index += 1
      if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
      guard digits() else { return nil }
    }
    return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
  }

  /// Checks and skips any value at the cursor.
  private mutating func skipValue(depth: Int) -> Bool {
    guard depth <= Self.maximumDepth else { return false }
    switch peek {
    case UInt8(ascii: "\""):
      return string() != nil
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      return number() != nil
    case UInt8(ascii: "t"): return literal("true")
    case UInt8(ascii: "f"): return literal("false")
    case UInt8(ascii: "n"): return literal("null")
    case UInt8(ascii: "["), UInt8(ascii: "{"):
      let isObject = peek == UInt8(ascii: "{")
      let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
      index += 1
      skipSpace()
      if peek == close {
        index += 1
        return true
      }
      while true {
        skipSpace()
        if isObject {
          guard peek == UInt8(ascii: "\""), string() != nil else { return false }
          skipSpace()
          guard peek == UInt8(ascii: ":") else { return false }
          index += 1
          skipSpace()
        }
        guard skipValue(depth: depth + 1) else { return false }
        skipSpace()
        if peek == UInt8(ascii: ",") {
          index += 1
          skipSpace()
          if peek == close {
            index += 1
            return true
          }
        } else if peek == close {
          index += 1
          return true
        } else {
          return false
        }
      }
    default:
      return false
    }
  }

  /// Skips `word` at the cursor.
  private mutating func literal(_ word: String) -> Bool {
    for byte in word.utf8 {
      guard peek == byte else { return false }
      index += 1
    }
    return true
  }
}
