import Foundation

/// Readers for the public NL-EN lists in ../shared/data/glossary-sources.
enum SourceListGlossary {
  /// Reads the Kiesraad word list (TSV with `nl, abbrev, en, note, section`).
  ///
  /// English alternatives written "A / B" become separate terms; the section
  /// becomes the domain.
  static func readKiesraad(_ bytes: [UInt8], file: String) throws -> (Glossary, [GlossaryIssue]) {
    let (text, decodingIssues) = try GlossaryText.decode(bytes, file: file)
    var issues = decodingIssues
    let rows = try DelimitedText.rows(text, separator: "\t", file: file, quoting: false)
    guard let header = rows.first, header.fields.starts(with: ["nl", "abbrev", "en"]) else {
      throw GlossaryError("expected the header nl, abbrev, en, note, section", file: file, line: 1)
    }
    var concepts: [Concept] = []
    var ids = IdentifierSet()
    var shifted = 0
    for row in rows.dropFirst() {
      guard row.fields.count == header.fields.count else {
        issues.append(
          GlossaryIssue(
            .error, .malformed, "this row has \(row.fields.count) fields; the header has \(header.fields.count)",
            file: file, line: row.line))
        continue
      }
      var f = row.fields.map { $0.trimmingCharacters(in: .whitespaces) }
      // The list's last section ("Uit andere bronnen") has its English in
      // the abbreviation column.
      if f[2].isEmpty && !f[1].isEmpty && !Term(f[1], language: "nl").looksLikeAcronym {
        (f[1], f[2]) = ("", f[1])
        shifted += 1
      }
      let english = f[2].components(separatedBy: " / ").map { $0.trimmingCharacters(in: .whitespaces) }
        .filter { !$0.isEmpty }
      guard !f[0].isEmpty, !english.isEmpty else {
        issues.append(
          GlossaryIssue(
            .warning, .missingLanguage,
            "'\(f[0].isEmpty ? f[2] : f[0])' has no \(f[0].isEmpty ? "Dutch" : "English") term; skipped", file: file,
            line: row.line))
        continue
      }
      var terms = [Term(f[0], language: "nl", status: .preferred, line: row.line)]
      if !f[1].isEmpty {
        terms.append(Term(f[1], language: "nl", status: .admitted, type: "abbreviation", line: row.line))
      }
      for (index, term) in english.enumerated() {
        terms.append(Term(term, language: "en", status: index == 0 ? .preferred : .admitted, line: row.line))
      }
      concepts.append(
        Concept(
          id: ids.claim("kiesraad-" + slug(f[0])),
          domain: f.count > 4 && !f[4].isEmpty ? "elections: " + f[4] : "elections",
          terms: terms, note: f.count > 3 && !f[3].isEmpty ? f[3] : nil,
          source: "Kiesraad, Woordenlijst Nederlands - Engels (EUPL-1.2)",
          location: SourceLocation(file: file, line: row.line)))
    }
    if shifted > 0 {
      issues.append(
        GlossaryIssue(
          .warning, .skipped,
          "read the abbreviation column as English in \(shifted) rows whose English column is empty",
          file: file))
    }
    return (Glossary(title: "Kiesraad NL-EN word list", concepts: concepts), issues)
  }

  private struct Entry: Decodable {
    var id: String
    var term: String
    var lang: String
    var translations: [Translation]
  }

  private struct Translation: Decodable {
    var translation: String
    var lang: String
    var definition: String?
    var source: String?
    var license: String?
    var context: String?
  }

  /// Reads the legal dictionary's `unified-dictionary.json`.
  ///
  /// French entries and translations are skipped (and counted). Entries from
  /// business.gov.nl carry English in `term` and Dutch in `translation`
  /// although labelled the other way round; they are swapped back.
  static func readLegalDictionary(_ bytes: [UInt8], file: String) throws -> (Glossary, [GlossaryIssue]) {
    _ = try GlossaryText.decode(bytes, file: file)
    let entries: [Entry]
    do {
      entries = try JSONDecoder().decode([Entry].self, from: Data(bytes))
    } catch let DecodingError.dataCorrupted(context) {
      throw GlossaryError(
        "not valid JSON: \(context.debugDescription) \(context.underlyingError.map { "\($0)" } ?? "")", file: file)
    } catch {
      throw GlossaryError(
        "not the legal dictionary's JSON (a list of {id, term, lang, translations}): \(error)", file: file)
    }
    var concepts: [Concept] = []
    var skippedEntries = 0
    var skippedTranslations = 0
    var swapped = 0
    var ids = IdentifierSet()
    for entry in entries {
      guard entry.lang.lowercased().hasPrefix("nl") else {
        skippedEntries += 1
        continue
      }
      var dutch: [String] = []
      var english: [String] = []
      var contexts: [String: String] = [:]
      var definition: String?
      var sources: [String] = []
      func add(_ text: String, to list: inout [String]) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if !trimmed.isEmpty && !list.contains(trimmed) { list.append(trimmed) }
      }
      for translation in entry.translations {
        guard translation.lang.lowercased().hasPrefix("en") else {
          skippedTranslations += 1
          continue
        }
        if translation.source == "business.gov.nl" {
          swapped += 1
          add(translation.translation, to: &dutch)
          add(entry.term, to: &english)
        } else {
          add(entry.term, to: &dutch)
          add(translation.translation, to: &english)
          if let context = translation.context, !context.isEmpty { contexts[translation.translation] = context }
        }
        definition = definition ?? translation.definition.flatMap { $0.isEmpty ? nil : $0 }
        let source = [translation.source, translation.license.map { "(\($0))" }].compactMap { $0 }.joined(
          separator: " ")
        if !source.isEmpty && !sources.contains(source) { sources.append(source) }
      }
      guard !dutch.isEmpty, !english.isEmpty else { continue }
      var terms: [Term] = []
      for (index, text) in dutch.enumerated() {
        terms.append(Term(text, language: "nl", status: index == 0 ? .preferred : .admitted))
      }
      for (index, text) in english.enumerated() {
        terms.append(Term(text, language: "en", status: index == 0 ? .preferred : .admitted, context: contexts[text]))
      }
      var concept = Concept(
        id: ids.claim(entry.id), domain: "law", terms: terms, source: sources.joined(separator: "; "),
        location: SourceLocation(file: file, line: 0))
      if let definition { concept.definitions["en"] = definition }
      concepts.append(concept.normalized())
    }
    var issues: [GlossaryIssue] = []
    if skippedEntries + skippedTranslations > 0 {
      issues.append(
        GlossaryIssue(
          .warning, .skipped,
          "skipped \(skippedEntries) entries and \(skippedTranslations) translations in other languages than Dutch and English",
          file: file))
    }
    if swapped > 0 {
      issues.append(
        GlossaryIssue(
          .warning, .skipped, "swapped \(swapped) business.gov.nl translations whose Dutch and English were reversed",
          file: file))
    }
    return (Glossary(title: "Legislation library translation dictionary (CC BY 4.0)", concepts: concepts), issues)
  }
}
