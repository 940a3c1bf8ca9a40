import BeleidAnalysis
import BeleidDocuments
import Foundation

/// What a written segment holds: the manifest's record of it.
package struct SegmentInfo: Sendable, Codable, Equatable {
  /// The segment's id, unique within the index.
  package var id: UInt64
  /// The file name inside the index folder.
  package var file: String
  /// Documents in the segment, deleted ones included.
  package var documentCount: Int
  /// The sum of title lengths in tokens, for the average BM25 needs.
  package var titleTokens: Int
  /// The sum of body lengths in tokens.
  package var bodyTokens: Int
  /// The file's size in bytes.
  package var bytes: Int
}

/// Builds one segment in memory from documents, then writes it.
///
/// Each document is analysed with the analyzer of its language (from its
/// metadata, else detected) and its tokens are kept as (term, position)
/// pairs, with the index of each document's first token. Writing inverts
/// them with a counting sort on the term, which keeps each term's
/// occurrences in document and position order, and encodes postings,
/// positions and dictionaries. Not `Sendable`: one builder
/// per indexing thread.
final class SegmentBuilder {
  private let dutch: Analyzer
  private let english: Analyzer
  private let identifier = LanguageIdentifier()

  private var terms = ByteStringTable(capacity: 65_536)
  private var termOfStem: [[Int32]] = [[], []]
  private var forms = ByteStringTable(capacity: 65_536)
  private var formOfForm: [[Int32]] = [[], []]
  private var formTerm: [Int32] = []

  private var tokenTerms: [UInt32] = []
  private var tokenPositions: [UInt32] = []
  /// Per document, the index of its first token: documents add their
  /// tokens in order, so a token's document follows from its index.
  private var documentTokenStarts: [Int] = []
  /// The token capacity reserved for each segment.
  private let reservedTokens: Int

  private var titleNorms: [UInt8] = []
  private var bodyNorms: [UInt8] = []
  private var dates: [Int32] = []
  private var languages: [UInt8] = []
  private var sources = CategoryColumn()
  private var types = CategoryColumn()
  private var keys: [String] = []
  /// Per document: path, title, date, URL, format (`SegmentFormat.Section.hitFields`).
  private var hitFields: [String] = []
  private var titleTokens = 0
  private var bodyTokens = 0
  private var stored = StoredFieldsWriter()
  private var tokens: [Token] = []

  /// Bytes of text added so far.
  private(set) var textBytes = 0

  /// Creates a builder with its own analyzers, with room for about
  /// `tokens` tokens before it must grow.
  ///
  /// Reserving up front keeps the token buffers at the size needed; left
  /// to double as they grow, they held up to twice that.
  init(tokens: Int = 0) throws {
    dutch = try Analyzer(language: .dutch)
    english = try Analyzer(language: .english)
    reservedTokens = tokens
    reserveTokens()
  }

  private func reserveTokens() {
    tokenTerms.reserveCapacity(reservedTokens)
    tokenPositions.reserveCapacity(reservedTokens)
  }

  /// Documents added.
  var documentCount: Int { keys.count }
  /// Tokens held in memory.
  var tokenCount: Int { tokenTerms.count }
  /// Distinct terms held in memory.
  var termCount: Int { terms.count }

  /// Clears everything but the analyzers (and their caches).
  func reset() {
    terms.removeAll()
    termOfStem = [[], []]
    forms.removeAll()
    formOfForm = [[], []]
    formTerm.removeAll(keepingCapacity: true)
    tokenTerms.removeAll(keepingCapacity: true)
    tokenPositions.removeAll(keepingCapacity: true)
    reserveTokens()
    documentTokenStarts.removeAll(keepingCapacity: true)
    titleNorms.removeAll(keepingCapacity: true)
    bodyNorms.removeAll(keepingCapacity: true)
    dates.removeAll(keepingCapacity: true)
    languages.removeAll(keepingCapacity: true)
    sources.removeAll()
    types.removeAll()
    keys.removeAll(keepingCapacity: true)
    hitFields.removeAll(keepingCapacity: true)
    titleTokens = 0
    bodyTokens = 0
    stored = StoredFieldsWriter()
    textBytes = 0
  }

  /// Forgets what the analyzers cached (every form and stem seen), at any time.
  ///
  /// The segment's own tables stay, and the maps from analyzer ids to them
  /// are rebuilt by bytes as documents come. A thread with no more
  /// documents to analyse calls it before writing its last segment, so
  /// that two threads' last writes fit beside each other.
  func releaseAnalyzerCaches() {
    dutch.resetCaches()
    english.resetCaches()
    termOfStem = [[], []]
    formOfForm = [[], []]
  }

  /// Forgets what the analyzers cached (every form and stem seen) and
  /// frees the segment's tables, to give the memory back; only right after
  /// `reset()`, whose tables the cached ids index.
  func releaseCaches() {
    precondition(documentCount == 0, "caches released with documents held")
    releaseAnalyzerCaches()
    terms = ByteStringTable(capacity: 65_536)
    forms = ByteStringTable(capacity: 65_536)
    formTerm = []
    tokens = []
  }

  /// The bytes of each of the four windows language identification reads.
  ///
  /// Four windows of 512 bytes (about 280 words in all) are plenty for a
  /// vote between two languages. Windows of 2 KB cost 8% of indexing; the
  /// two sizes disagree on 49 of the BWB's 19,685 documents, all of them
  /// half Dutch and half English, and each size is right on about half of
  /// those by a count of stop words over the whole text.
  static let languageWindow = 512

  /// The language of a document that does not state one: identified from
  /// its title and four windows spread over its body (start, quarter,
  /// half, three quarters), so a treaty that gives its English text first
  /// and its Dutch text after is judged on both. Dutch if undecided.
  static func identifyLanguage(of document: Document, with identifier: LanguageIdentifier) -> Language {
    var sample = Array(document.title.utf8)
    let body = document.body.utf8
    let count = body.count
    // Whole characters only: move a cut off continuation bytes.
    func boundary(_ offset: Int) -> String.UTF8View.Index {
      var index = body.index(body.startIndex, offsetBy: min(offset, count))
      while index != body.endIndex && index != body.startIndex && body[index] & 0xC0 == 0x80 {
        index = body.index(before: index)
      }
      return index
    }
    if count <= 4 * languageWindow {
      sample.append(0x0A)
      sample.append(contentsOf: body)
    } else {
      for quarter in 0..<4 {
        let start = quarter * count / 4
        sample.append(0x0A)
        sample.append(contentsOf: body[boundary(start)..<boundary(start + languageWindow)])
      }
    }
    return sample.withUnsafeBytes { sample in
      // Splitting compounds is costly and rarely needed: only a sample with
      // few votes, or close ones, is judged again with compound votes.
      let quick = identifier.identify(sample, compoundVotes: false)
      if quick.dutchVotes + quick.englishVotes >= 40 && quick.confidence >= 0.2 { return quick.language ?? .dutch }
      return identifier.identify(sample).language ?? .dutch
    }
  }

  /// Analyses and adds a document; returns the language it was analysed as.
  @discardableResult
  func add(_ document: Document) throws -> Language {
    let language: Language
    if let given = document.language {
      language = given
    } else {
      language = Self.identifyLanguage(of: document, with: identifier)
    }
    let analyzer = language == .dutch ? dutch : english
    let slot = language == .dutch ? 0 : 1
    documentTokenStarts.append(tokenTerms.count)

    var title = document.title
    tokens.removeAll(keepingCapacity: true)
    try title.withUTF8 { _ = try analyzer.analyze(UnsafeRawBufferPointer($0), into: &tokens) }
    var titleLength = 0
    for token in tokens where token.position < SegmentFormat.maximumTitleTokens {
      record(token, position: UInt32(token.position), analyzer: analyzer, slot: slot)
      titleLength = max(titleLength, Int(token.position + token.positionLength))
    }
    var body = document.body
    tokens.removeAll(keepingCapacity: true)
    try body.withUTF8 { _ = try analyzer.analyze(UnsafeRawBufferPointer($0), into: &tokens) }
    var bodyLength = 0
    for token in tokens {
      record(
        token, position: SegmentFormat.bodyPositionOffset &+ UInt32(token.position), analyzer: analyzer,
        slot: slot)
      bodyLength = max(bodyLength, Int(token.position + token.positionLength))
    }

    titleNorms.append(FieldNorm.code(titleLength))
    bodyNorms.append(FieldNorm.code(bodyLength))
    titleTokens += titleLength
    bodyTokens += bodyLength
    dates.append(document.date.flatMap(DocumentDate.days) ?? SegmentFormat.noDate)
    languages.append(SegmentFormat.languageCode(language.code))
    sources.append(document.source ?? "")
    types.append(document.documentType ?? "")
    keys.append(document.key)
    hitFields += [document.path, document.title, document.date ?? "", document.url ?? "", document.format]
    stored.add(StoredRecord.encode(document, language: language))
    textBytes += title.utf8.count + body.utf8.count
    return language
  }

  private func record(_ token: Token, position: UInt32, analyzer: Analyzer, slot: Int) {
    let stem = Int(token.stem)
    if stem >= termOfStem[slot].count {
      termOfStem[slot].append(contentsOf: repeatElement(-1, count: stem - termOfStem[slot].count + 1))
    }
    var term = termOfStem[slot][stem]
    if term < 0 {
      term = analyzer.withStemBytes(of: token.stem) { terms.insert($0) }
      termOfStem[slot][stem] = term
    }
    let form = Int(token.form)
    if form >= formOfForm[slot].count {
      formOfForm[slot].append(contentsOf: repeatElement(-1, count: form - formOfForm[slot].count + 1))
    }
    if formOfForm[slot][form] < 0 {
      let formBytes = Array(analyzer.form(token.form).utf8)
      let id = formBytes.withUnsafeBytes { forms.insert($0) }
      formOfForm[slot][form] = id
      if Int(id) == formTerm.count { formTerm.append(term) }
    }
    tokenTerms.append(UInt32(term))
    tokenPositions.append(position)
  }

  /// Writes the segment to `folder` and returns its record.
  func write(to folder: String, id: UInt64) throws -> SegmentInfo {
    let termCount = terms.count
    // Terms in byte order.
    let sortedTerms = terms.idsInKeyOrder()
    var ordinalOfTerm = [UInt32](repeating: 0, count: termCount)
    for (ordinal, term) in sortedTerms.enumerated() { ordinalOfTerm[Int(term)] = UInt32(ordinal) }

    // Counting sort of the occurrences by term: stable, so each term's
    // occurrences stay in document and position order. Scattering the
    // (doc, position) pairs themselves lets the loop below read them in
    // sequence.
    var starts = [Int](repeating: 0, count: termCount + 1)
    for term in tokenTerms { starts[Int(term) + 1] += 1 }
    for index in 0..<termCount { starts[index + 1] += starts[index] }
    let tokenCount = tokenTerms.count
    var occurrences = [UInt64](repeating: 0, count: tokenCount)
    occurrences.withUnsafeMutableBufferPointer { sorted in
      var fill = starts
      var doc = 0
      var nextStart = documentTokenStarts.count > 1 ? documentTokenStarts[1] : Int.max
      for index in 0..<tokenCount {
        while index == nextStart {
          doc += 1
          nextStart = doc + 1 < documentTokenStarts.count ? documentTokenStarts[doc + 1] : Int.max
        }
        let term = Int(tokenTerms[index])
        sorted[fill[term]] = UInt64(doc) << 32 | UInt64(tokenPositions[index])
        fill[term] += 1
      }
    }

    // Peak memory is at this write, with both indexing threads often
    // writing at once: buffers no longer needed go now, not at `reset()`.
    tokenTerms = []
    tokenPositions = []

    var postings = PostingsWriter()
    postings.reserve(occurrences: tokenCount)
    var dictionary = SortedTableWriter()
    var docPositions: [UInt32] = []
    for term in sortedTerms {
      postings.beginTerm()
      let postingsStart = postings.postings.count
      let positionsStart = postings.positions.count
      var current: UInt32 = .max
      for slot in starts[Int(term)]..<starts[Int(term) + 1] {
        let occurrence = occurrences[slot]
        let doc = UInt32(truncatingIfNeeded: occurrence >> 32)
        if doc != current {
          if current != .max { postings.add(doc: current, positions: docPositions[...]) }
          current = doc
          docPositions.removeAll(keepingCapacity: true)
        }
        docPositions.append(UInt32(truncatingIfNeeded: occurrence))
      }
      if current != .max { postings.add(doc: current, positions: docPositions[...]) }
      let result = postings.finishTerm(
        positionsStart: positionsStart, postingsStart: postingsStart, titleNorms: titleNorms,
        bodyNorms: bodyNorms)
      let key = terms.withBytes(of: term) { Array($0) }
      dictionary.add(
        key,
        values: [
          UInt64(result.docFrequency), UInt64(postingsStart), UInt64(result.postingsLength),
          UInt64(positionsStart), UInt64(result.positionsLength),
        ])
    }
    occurrences = []
    let termTable = dictionary.finish()

    var formTable = SortedTableWriter()
    for form in forms.idsInKeyOrder() {
      let key = forms.withBytes(of: form) { Array($0) }
      formTable.add(key, values: [UInt64(ordinalOfTerm[Int(formTerm[Int(form)])])])
    }
    let formTables = formTable.finish()

    let parts = SegmentParts(
      termTable: termTable, formTable: formTables, postings: postings, bodyNorms: bodyNorms,
      titleNorms: titleNorms, dates: dates, languages: languages, sources: sources, types: types,
      keys: keys, hitFields: hitFields, stored: stored, titleTokens: titleTokens, bodyTokens: bodyTokens,
      termCount: termCount, formCount: forms.count)
    return try parts.write(to: folder, id: id)
  }

}

/// A segment's own description, stored in its meta section.
struct SegmentMeta: Codable {
  var documentCount: Int
  var titleTokens: Int
  var bodyTokens: Int
  var termCount: Int
  var formCount: Int
  var analysis: String
  var icuVersion: String
  /// How stored fields are compressed; absent (older segments) means zlib.
  var storedCodec: StoredFieldsWriter.Codec?
}

/// Names of segment files.
enum SegmentFiles {
  static func name(_ id: UInt64) -> String {
    let hex = String(id, radix: 16)
    return "seg-" + String(repeating: "0", count: max(0, 12 - hex.count)) + hex + ".bls"
  }
}

/// Everything a segment file holds, ready to write: what the builder and the
/// merger both produce.
struct SegmentParts {
  var termTable: (blocks: [UInt8], index: [UInt8])
  var formTable: (blocks: [UInt8], index: [UInt8])
  var postings: PostingsWriter
  var bodyNorms: [UInt8]
  var titleNorms: [UInt8]
  var dates: [Int32]
  var languages: [UInt8]
  var sources: CategoryColumn
  var types: CategoryColumn
  var keys: [String]
  /// Five strings per document: path, title, date (as written), URL, format.
  var hitFields: [String]
  var stored: StoredFieldsWriter
  var titleTokens: Int
  var bodyTokens: Int
  var termCount: Int
  var formCount: Int

  /// Writes the segment file atomically and returns its record.
  func write(to folder: String, id: UInt64) throws -> SegmentInfo {
    var norms = ByteWriter()
    for doc in 0..<keys.count {
      norms.u8(bodyNorms[doc])
      norms.u8(titleNorms[doc])
    }
    var dateColumn = ByteWriter()
    for date in dates { dateColumn.i32(date) }
    let sourceColumn = sources.bytes
    let typeColumn = types.bytes
    var stored = self.stored
    let storedTables = stored.finish()

    let meta = SegmentMeta(
      documentCount: keys.count, titleTokens: titleTokens, bodyTokens: bodyTokens, termCount: termCount,
      formCount: formCount, analysis: AnalysisResources.shared.fingerprint, icuVersion: ICUInfo.version,
      storedCodec: stored.codec)
    typealias Section = SegmentFormat.Section
    var container = ContainerWriter(magic: SegmentFormat.magic, fileID: id)
    let keyTable = StringTable.encode(keys)
    container.reserve(
      sections: termTable.blocks.count + termTable.index.count + formTable.blocks.count + formTable.index.count
        + postings.postings.count + postings.positions.count + norms.count + dateColumn.count + languages.count
        + sourceColumn.count + typeColumn.count + keyTable.count + storedTables.blocks.count + storedTables.index.count
        + 4_096)
    // Sorted keys: the same documents give the same bytes, run after run.
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    container.section(Section.meta.rawValue, Array(try encoder.encode(meta)))
    container.section(Section.termBlocks.rawValue, termTable.blocks)
    container.section(Section.termIndex.rawValue, termTable.index)
    container.section(Section.formBlocks.rawValue, formTable.blocks)
    container.section(Section.formIndex.rawValue, formTable.index)
    container.section(Section.postings.rawValue, postings.postings.bytes)
    container.section(Section.positions.rawValue, postings.positions.bytes)
    container.section(Section.norms.rawValue, norms.bytes)
    container.section(Section.dates.rawValue, dateColumn.bytes)
    container.section(Section.languages.rawValue, languages)
    container.section(Section.sources.rawValue, sourceColumn)
    container.section(Section.types.rawValue, typeColumn)
    container.section(Section.keys.rawValue, keyTable)
    container.section(Section.hitFields.rawValue, StringTable.encode(hitFields))
    container.section(Section.storedBlocks.rawValue, storedTables.blocks)
    container.section(Section.storedIndex.rawValue, storedTables.index)
    let bytes = container.finish()
    let file = SegmentFiles.name(id)
    try ContainerWriter.writeAtomically(bytes, to: (folder as NSString).appendingPathComponent(file))
    return SegmentInfo(
      id: id, file: file, documentCount: keys.count, titleTokens: titleTokens, bodyTokens: bodyTokens,
      bytes: bytes.count)
  }
}
