import Foundation

/// Rows of comma- or tab-separated text, with the line each starts on.
///
/// Follows RFC 4180: fields may be quoted with `"`, a quoted field may hold
/// the separator, newlines and `""` for a quote. Blank lines are skipped.
struct DelimitedText {
  /// One row and the 1-based line it starts on.
  struct Row {
    var fields: [String]
    var line: Int
  }

  /// The rows of `text`.
  ///
  /// - Throws: `GlossaryError` for a quote that is never closed.
  static func rows(_ text: String, separator: Character, file: String, quoting: Bool = true) throws -> [Row] {
    var rows: [Row] = []
    var fields: [String] = []
    var field = ""
    var line = 1
    var rowLine = 1
    var inQuotes = false
    var quoteLine = 1
    var iterator = text.makeIterator()
    var pending: Character? = iterator.next()
    func endRow() {
      fields.append(field)
      field = ""
      if !(fields.count == 1 && fields[0].trimmingCharacters(in: .whitespaces).isEmpty) {
        rows.append(Row(fields: fields, line: rowLine))
      }
      fields = []
    }
    while let character = pending {
      pending = iterator.next()
      if inQuotes {
        if character == "\"" {
          if pending == "\"" {
            field.append("\"")
            pending = iterator.next()
          } else {
            inQuotes = false
          }
        } else {
          if character == "\n" || character == "\r\n" { line += 1 }
          field.append(character)
        }
        continue
      }
      switch character {
      case "\"" where quoting && field.isEmpty:
        inQuotes = true
        quoteLine = line
      case separator:
        fields.append(field)
        field = ""
      case "\n", "\r\n", "\r":
        endRow()
        line += 1
        rowLine = line
      default:
        field.append(character)
      }
    }
    if inQuotes {
      throw GlossaryError("a quoted field opened here is never closed", file: file, line: quoteLine)
    }
    if !field.isEmpty || !fields.isEmpty { endRow() }
    return rows
  }

  /// A field quoted for CSV if it needs to be.
  static func csvField(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
