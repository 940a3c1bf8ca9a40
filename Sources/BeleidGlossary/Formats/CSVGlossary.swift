import BeleidAnalysis
import Foundation

/// A MultiTerm-style CSV: one concept per row, a header row naming the
/// columns, synonyms in one field separated by `|`.
///
/// Columns (any order, names case-insensitive): `nl`, `en` (required),
/// `nl_synonyms`, `en_synonyms`, `nl_deprecated`, `en_deprecated`,
/// `status` (of the `nl` and `en` terms), `domain`, `definition`, `note`,
/// `source`, `id`. Trados and memoQ import this with a column mapping.
enum CSVGlossary {
  static let columns = [
    "id", "nl", "en", "nl_synonyms", "en_synonyms", "nl_deprecated", "en_deprecated", "status", "domain", "definition",
    "note", "source",
  ]

  /// Reads a CSV glossary (commas; semicolons if the header has no comma).
  static func read(_ bytes: [UInt8], file: String) throws -> (Glossary, [GlossaryIssue]) {
    let (text, decodingIssues) = try GlossaryText.decode(bytes, file: file)
    var issues = decodingIssues
    let firstLine = text.prefix { $0 != "\n" && $0 != "\r\n" }
    let separator: Character = !firstLine.contains(",") && firstLine.contains(";") ? ";" : ","
    let rows = try DelimitedText.rows(text, separator: separator, file: file)
    guard let header = rows.first else { throw GlossaryError("the file is empty", file: file) }
    let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    guard names.contains("nl"), names.contains("en") else {
      throw GlossaryError(
        "the header row needs 'nl' and 'en' columns; found: \(names.joined(separator: ", "))", file: file,
        line: header.line)
    }
    var seen: [String: Int] = [:]
    for (index, name) in names.enumerated() where !name.isEmpty {
      if let first = seen[name] {
        throw GlossaryError(
          "the header names column '\(name)' twice (columns \(first + 1) and \(index + 1)); which one holds the terms?",
          file: file, line: header.line)
      }
      seen[name] = index
    }
    for name in names where !columns.contains(name) {
      issues.append(
        GlossaryIssue(
          .warning, .skipped, "column '\(name)' is not one beleid reads; ignored", file: file, line: header.line))
    }
    var concepts: [Concept] = []
    var ids = IdentifierSet()
    for row in rows.dropFirst() {
      guard row.fields.count == names.count else {
        issues.append(
          GlossaryIssue(
            .error, .malformed, "this row has \(row.fields.count) fields; the header has \(names.count)", file: file,
            line: row.line))
        continue
      }
      var field: [String: String] = [:]
      for (name, value) in zip(names, row.fields) {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if !trimmed.isEmpty { field[name] = trimmed }
      }
      var status = Term.Status.preferred
      if let word = field["status"] {
        guard let parsed = Term.Status(tbx: word) else {
          issues.append(
            GlossaryIssue(
              .error, .malformed, "unknown status '\(word)' (expected preferred, admitted or deprecated)", file: file,
              line: row.line))
          continue
        }
        status = parsed
      }
      var terms: [Term] = []
      for language in ["nl", "en"] {
        if let main = field[language] { terms.append(Term(main, language: language, status: status, line: row.line)) }
        for synonym in split(field["\(language)_synonyms"]) {
          terms.append(Term(synonym, language: language, status: .admitted, line: row.line))
        }
        for old in split(field["\(language)_deprecated"]) {
          terms.append(Term(old, language: language, status: .deprecated, line: row.line))
        }
      }
      guard !terms.isEmpty else {
        issues.append(GlossaryIssue(.error, .malformed, "this row has no terms", file: file, line: row.line))
        continue
      }
      let id = ids.claim(field["id"] ?? slug(terms[0].text))
      var concept = Concept(
        id: id, domain: field["domain"], terms: terms, note: field["note"], source: field["source"],
        location: SourceLocation(file: file, line: row.line))
      if let definition = field["definition"] { concept.definitions["en"] = definition }
      concepts.append(concept.normalized())
    }
    return (Glossary(concepts: concepts), issues)
  }

  private static func split(_ field: String?) -> [String] {
    (field ?? "").split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }

  /// The glossary as CSV, its Dutch and English terms only.
  ///
  /// - Throws: `GlossaryError` if a term contains `|`, which the format
  ///   cannot hold.
  static func write(_ glossary: Glossary) throws -> String {
    var out = columns.joined(separator: ",") + "\r\n"
    for concept in glossary.concepts {
      var cells: [String: String] = ["id": concept.id]
      var mainStatus: Term.Status?
      for language in ["nl", "en"] {
        let terms = concept.terms(in: language)
        if let bad = terms.first(where: { $0.text.contains("|") }) {
          throw GlossaryError(
            "term '\(bad.text)' of concept \(concept.id) contains '|', which CSV synonyms cannot hold")
        }
        let usable = terms.filter { $0.status != .deprecated }
        if let main = usable.first {
          cells[language] = main.text
          mainStatus = mainStatus ?? main.status
        }
        cells["\(language)_synonyms"] = usable.dropFirst().map(\.text).joined(separator: "|")
        cells["\(language)_deprecated"] = terms.filter { $0.status == .deprecated }.map(\.text).joined(separator: "|")
      }
      cells["status"] = (mainStatus ?? .preferred).rawValue
      cells["domain"] = concept.domain
      cells["definition"] = concept.definitions["en"] ?? concept.definitions.values.first
      cells["note"] = concept.note
      cells["source"] = concept.source
      out += columns.map { DelimitedText.csvField(cells[$0] ?? "") }.joined(separator: ",") + "\r\n"
    }
    return out
  }
}

/// OmegaT's glossary format: `source<TAB>target<TAB>comment`, no header.
///
/// Rows with the same source term form one concept; the first target is
/// preferred. beleid reads Dutch as the source and English as the target.
enum OmegaTGlossary {
  static func read(_ bytes: [UInt8], file: String) throws -> (Glossary, [GlossaryIssue]) {
    let (text, decodingIssues) = try GlossaryText.decode(bytes, file: file)
    var issues = decodingIssues
    var concepts: [Concept] = []
    var bySource: [String: Int] = [:]
    var ids = IdentifierSet()
    for row in try DelimitedText.rows(text, separator: "\t", file: file, quoting: false) {
      let fields = row.fields.map { $0.trimmingCharacters(in: .whitespaces) }
      guard fields.count >= 2, fields.count <= 3, !fields[0].isEmpty, !fields[1].isEmpty else {
        issues.append(
          GlossaryIssue(
            .error, .malformed,
            "expected source<TAB>target<TAB>comment; this row has \(fields.count) field\(fields.count == 1 ? "" : "s")",
            file: file, line: row.line))
        continue
      }
      let comment = fields.count == 3 && !fields[2].isEmpty ? fields[2] : nil
      if let index = bySource[fields[0]] {
        if !concepts[index].terms.contains(where: { $0.language == "en" && $0.text == fields[1] }) {
          concepts[index].terms.append(Term(fields[1], language: "en", status: .admitted, line: row.line))
        }
        continue
      }
      bySource[fields[0]] = concepts.count
      concepts.append(
        Concept(
          id: ids.claim(slug(fields[0])),
          terms: [
            Term(fields[0], language: "nl", status: .preferred, line: row.line),
            Term(fields[1], language: "en", status: .preferred, line: row.line),
          ], note: comment, location: SourceLocation(file: file, line: row.line)))
    }
    return (Glossary(concepts: concepts.map { $0.normalized() }), issues)
  }

  /// The glossary as OmegaT TSV, lossy by design of the format.
  ///
  /// One row per usable Dutch term, with the preferred English term and the
  /// definition or note as the comment.
  static func write(_ glossary: Glossary) -> String {
    var out = ""
    for concept in glossary.concepts {
      guard let english = concept.preferred(in: .english) else { continue }
      let comment = [concept.definitions["en"], concept.note].compactMap { $0 }.joined(separator: " ")
      for term in concept.terms(in: .dutch) where term.status != .deprecated {
        out += [term.text, english.text, comment].map(clean).joined(separator: "\t") + "\n"
      }
    }
    return out
  }

  private static func clean(_ text: String) -> String {
    text.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ")
  }
}

/// Concept identifiers, made unique by a numeric suffix.
struct IdentifierSet {
  private var used: Set<String> = []

  /// `wanted`, or `wanted-2`, `wanted-3`… if taken.
  mutating func claim(_ wanted: String) -> String {
    let base = wanted.isEmpty ? "concept" : wanted
    var candidate = base
    var number = 2
    while used.contains(candidate) {
      candidate = "\(base)-\(number)"
      number += 1
    }
    used.insert(candidate)
    return candidate
  }
}

/// An identifier from a term: folded, letters and digits, `-` between words.
func slug(_ text: String) -> String {
  let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
  var out = ""
  for scalar in folded.unicodeScalars {
    if scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)) {
      out.unicodeScalars.append(scalar)
    } else if !out.isEmpty && !out.hasSuffix("-") {
      out += "-"
    }
  }
  while out.hasSuffix("-") { out.removeLast() }
  return String(out.prefix(60))
}
