import BeleidAnalysis
import Foundation

/// Compiling lexicon files into a `TranslationLexicon`, and its file.
///
/// A lexicon file is UTF-8 TSV: header lines start with `#` (the first
/// one is the resource's attribution when beleid does not know it), then
/// `english<TAB>dutch<TAB>extra` lines. `../shared/data/lexicons/` holds
/// them; the files are read, never copied into beleid.
extension TranslationLexicon {
  /// A resource `beleid lexicon import` knows by name.
  package struct Resource: Sendable, Equatable {
    /// The name `--lexicon` takes.
    package var name: String
    /// The file in the lexicon folder.
    package var file: String
    /// The attribution line to show wherever its translations are used.
    package var attribution: String
    /// Whether it is openly licensed and imported unless left out.
    package var isDefault: Bool
    /// Whether the third column names independent resources (FreeDict's
    /// two dictionaries), each with a vote of its own.
    var splitsByColumn = false
    /// Whether the third column names a WordNet 3.0 synset (`odwn:01129920-n`),
    /// whose senses are weighed by WordNet's sense order.
    var hasSynsets = false

    /// A resource read from `file`.
    package init(
      name: String, file: String, attribution: String, isDefault: Bool, splitsByColumn: Bool = false,
      hasSynsets: Bool = false
    ) {
      self.name = name
      self.file = file
      self.attribution = attribution
      self.isDefault = isDefault
      self.splitsByColumn = splitsByColumn
      self.hasSynsets = hasSynsets
    }
  }

  /// The resources beleid knows, the openly licensed ones first. MUSE is
  /// CC BY-NC: an opt-in (`--lexicon muse`), never a default.
  package static let resources: [Resource] = [
    Resource(
      name: "omw", file: "omw-en-nl.tsv",
      attribution:
        "Open Dutch WordNet (Postma et al., 2016), CC BY-SA 4.0, via the Open Multilingual Wordnet (Bond & Foster, 2013); "
        + "Wiktionary-derived wordnet data from the Open Multilingual Wordnet, CC BY-SA 3.0 (Wiktionary contributors); "
        + "Princeton WordNet 3.0 © Princeton University (WordNet licence).",
      isDefault: true, hasSynsets: true),
    Resource(
      name: "freedict", file: "freedict-both-en-nl.tsv", attribution: "FreeDict eng-nld / nld-eng, GPL-2+.",
      isDefault: true, splitsByColumn: true),
    Resource(
      name: "gemet", file: "gemet-en-nl.tsv",
      attribution: "GEMET – GEneral Multilingual Environmental Thesaurus © European Environment Agency.",
      isDefault: true),
    Resource(
      name: "eurovoc", file: "eurovoc-l123-en-nl.tsv", attribution: "EuroVoc © European Union.", isDefault: true),
    Resource(
      name: "isocodes", file: "isocodes-en-nl.tsv",
      attribution: "iso-codes (Debian), Dutch catalogues of countries, languages and currencies, LGPL-2.1+.",
      isDefault: true),
    Resource(
      name: "muse", file: "muse-en-nl.tsv",
      attribution: "MUSE bilingual dictionaries © Meta, CC BY-NC 4.0 (Conneau et al., 2018). Non-commercial only.",
      isDefault: false),
  ]

  /// The resource called `name`: a known one, else `NAME-en-nl.tsv` (or
  /// `NAME.tsv`) in `folder`, attributed by its first header line.
  package static func resource(named name: String, folder: String) throws -> Resource {
    if let known = resources.first(where: { $0.name == name }) { return known }
    guard !name.isEmpty, !name.contains("/") else { throw TranslationError("no lexicon is called '\(name)'") }
    for file in ["\(name)-en-nl.tsv", "\(name).tsv"] {
      let path = (folder as NSString).appendingPathComponent(file)
      guard let handle = FileHandle(forReadingAtPath: path) else { continue }
      defer { try? handle.close() }
      let head = String(decoding: (try? handle.read(upToCount: 4096)) ?? Data(), as: UTF8.self)
      let header = head.split(separator: "\n").first.map(String.init) ?? ""
      guard header.hasPrefix("#") else {
        throw TranslationError(
          "a lexicon file must start with a '#' line that names its source and licence", file: path, line: 1)
      }
      let attribution = header.dropFirst().trimmingCharacters(in: .whitespaces)
      return Resource(name: name, file: file, attribution: "\(name): \(attribution)", isDefault: false)
    }
    let known = resources.map(\.name).joined(separator: ", ")
    throw TranslationError("no lexicon '\(name)': known are \(known), or a file \(name)-en-nl.tsv", file: folder)
  }

  /// Compiles the resources into a lexicon; `notes` tells of lines skipped.
  ///
  /// A resource with synsets (OMW) weighs each sense of an English word by
  /// WordNet's sense order, `senses` (the most frequent sense first): sense
  /// *k* weighs 1/*k*, shared evenly by the Dutch words it lists. Without
  /// it every line counts once.
  ///
  /// - Throws: `TranslationError` for a missing, binary or non-UTF-8 file,
  ///   or more than 16 resources.
  package static func compile(
    folder: String, resources chosen: [Resource], senses: SenseOrder? = SenseOrder(folder: SenseOrder.folder)
  ) throws -> (lexicon: TranslationLexicon, notes: [String]) {
    var sourceNames: [String] = []
    var notes: [String] = []
    // English key → source → folded Dutch → weight.
    var counts: [String: [Int: [String: Double]]] = [:]
    // Read backwards: folded Dutch → source → English key → lines.
    var reverse: [String: [Int: [String: Double]]] = [:]
    var writtenEnglish: [String: String] = [:]
    // For resources with synsets: English key → synset → its Dutch words.
    var synsets: [String: [Int: [String: Set<String>]]] = [:]
    var written: [String: String] = [:]
    if chosen.contains(where: \.hasSynsets) && senses == nil {
      notes.append(
        "WordNet's sense order was not found in \(SenseOrder.folder) (apt-get install wordnet-base); every sense weighs alike"
      )
    }
    for resource in chosen {
      let path = (folder as NSString).appendingPathComponent(resource.file)
      guard let data = FileManager.default.contents(atPath: path) else {
        throw TranslationError("cannot read the lexicon file", file: path)
      }
      guard !data.contains(0) else { throw TranslationError("a binary file, not a lexicon TSV", file: path) }
      var skipped: [Int] = []
      var lineNumber = 0
      for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
        lineNumber += 1
        guard let text = String(validating: line, as: UTF8.self) else {
          throw TranslationError("not UTF-8", file: path, line: lineNumber)
        }
        if text.hasPrefix("#") || text.trimmingCharacters(in: .whitespaces).isEmpty { continue }
        let fields = text.split(separator: "\t", omittingEmptySubsequences: false)
        let english = key(fields.first.map(String.init) ?? "")
        let translation = fields.count > 1 ? fields[1].trimmingCharacters(in: .whitespaces) : ""
        guard !english.isEmpty, !translation.isEmpty else {
          skipped.append(lineNumber)
          continue
        }
        let note = fields.count > 2 ? fields[2].trimmingCharacters(in: .whitespaces) : ""
        var source = resource.name
        if resource.splitsByColumn, !note.isEmpty { source += " " + note }
        let sourceID: Int
        if let known = sourceNames.firstIndex(of: source) {
          sourceID = known
        } else {
          guard sourceNames.count < maximumSources else {
            throw TranslationError("more than \(maximumSources) lexicon sources", file: path, line: lineNumber)
          }
          sourceID = sourceNames.count
          sourceNames.append(source)
        }
        let nfc = translation.precomposedStringWithCompatibilityMapping
        let folded = TextFolding.fold(nfc)
        if written[folded] == nil { written[folded] = nfc }
        if writtenEnglish[english] == nil {
          writtenEnglish[english] = (fields.first.map(String.init) ?? english).trimmingCharacters(in: .whitespaces)
        }
        reverse[Self.key(nfc), default: [:]][sourceID, default: [:]][english, default: 0] += 1
        if resource.hasSynsets, let synset = note.split(separator: ":").last.map(String.init) {
          synsets[english, default: [:]][sourceID, default: [:]][synset, default: []].insert(folded)
        } else {
          counts[english, default: [:]][sourceID, default: [:]][folded, default: 0] += 1
        }
      }
      if let first = skipped.first {
        notes.append(
          "\(path): \(skipped.count) lines without an English and a Dutch side skipped (first: line \(first))")
      }
    }
    for (english, bySource) in synsets {
      for (sourceID, bySynset) in bySource {
        for (synset, dutch) in bySynset {
          let weight = 1.0 / Double(senses?.rank(of: english, in: synset) ?? 1)
          for folded in dutch {
            counts[english, default: [:]][sourceID, default: [:]][folded, default: 0] += weight / Double(dutch.count)
          }
        }
      }
    }
    let lexicon = TranslationLexicon(
      sources: sourceNames, attributions: chosen.map(\.attribution), fingerprint: AnalysisResources.shared.fingerprint,
      tables: [.english: table(counts, written: written), .dutch: table(reverse, written: writtenEnglish)])
    try lexicon.buildStemTables()
    return (lexicon, notes)
  }

  /// One direction's table: the probabilities of `counts` (key → source →
  /// folded translation → weight; see the type's comment), encoded, the
  /// translations as `written`. The stem table is left empty.
  private static func table(_ counts: [String: [Int: [String: Double]]], written: [String: String]) -> Table {
    var targets = ByteStringTable(capacity: written.count)
    var targetIDs: [String: Int32] = [:]
    var groups: [(key: [UInt8], values: [UInt64])] = []
    var longest = 1
    for key in counts.keys.sorted() {
      let bySource = counts[key]!
      var probability: [String: Double] = [:]
      var mask: [String: Int] = [:]
      for (source, translations) in bySource {
        let total = translations.values.reduce(0, +)
        for (folded, lines) in translations {
          probability[folded, default: 0] += lines / total / Double(bySource.count)
          mask[folded, default: 0] |= 1 << source
        }
      }
      let ranked = probability.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
      let values = ranked.map { folded, p -> UInt64 in
        let id: Int32
        if let known = targetIDs[folded] {
          id = known
        } else {
          id = targets.insert(written[folded] ?? folded)
          targetIDs[folded] = id
        }
        let scaled = UInt64(max(1, min(probabilityScale, (p * probabilityScale).rounded())))
        return UInt64(id) << 32 | UInt64(mask[folded]!) << 16 | scaled
      }
      groups.append((Array(key.utf8), values))
      longest = max(longest, key.split(separator: " ").count)
    }
    return Table(
      targets: targets, entries: GroupedTable(groups: groups), byStem: GroupedTable(groups: []), longestKey: longest)
  }

  /// Builds both directions' stem tables, each in its source language.
  func buildStemTables() throws {
    for (language, table) in tables {
      tables[language]!.byStem = try buildStemTable(table.entries, language)
    }
  }

  /// "BLDLEX" and the layout version (2: both directions).
  static let fileMagic: UInt64 = 0x0200_5845_4C44_4C42

  /// Writes the lexicon to `path`, atomically.
  package func write(to path: String) throws {
    var writer = TableFileWriter()
    writer.write(Self.fileMagic)
    writer.write(fingerprint)
    writer.write(sources.joined(separator: "\n"))
    writer.write(attributions.joined(separator: "\n"))
    for language in [Language.english, .dutch] {
      let table = tables[language]!
      writer.write(UInt64(table.longestKey))
      table.targets.write(to: &writer)
      table.entries.write(to: &writer)
      table.byStem.write(to: &writer)
    }
    let name = (path as NSString).lastPathComponent
    try writer.save(to: path, pruning: name, keep: 1)
  }

  /// Maps a compiled lexicon; nil when `path` does not exist. A lexicon
  /// compiled under another analysis has its stem tables built again (a
  /// second or two) and is written back with them, so that only the first
  /// search after an upgrade pays for it.
  ///
  /// - Throws: `TranslationError` if the file is damaged or of another
  ///   layout.
  package convenience init?(path: String) throws {
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    let damaged = TranslationError("damaged or of an older beleid; run beleid lexicon import again", file: path)
    guard let file = MappedFile(path: path) else { throw damaged }
    do {
      var reader = TableFileReader(file: file)
      guard try reader.readUInt64() == Self.fileMagic else { throw damaged }
      let fingerprint = try reader.readString()
      let sources = try reader.readString().split(separator: "\n").map(String.init)
      let attributions = try reader.readString().split(separator: "\n").map(String.init)
      var tables: [Language: Table] = [:]
      for language in [Language.english, .dutch] {
        let longest = try reader.readInt(atMost: 64)
        tables[language] = Table(
          targets: try ByteStringTable(reading: &reader), entries: try GroupedTable(reading: &reader),
          byStem: try GroupedTable(reading: &reader), longestKey: max(1, longest))
      }
      self.init(sources: sources, attributions: attributions, fingerprint: fingerprint, tables: tables)
    } catch {
      throw damaged
    }
    if self.fingerprint != AnalysisResources.shared.fingerprint {
      try buildStemTables()
      self.fingerprint = AnalysisResources.shared.fingerprint
      // Best effort: a read-only file is rebuilt in memory each time.
      try? write(to: path)
    }
  }
}
