import CICU

/// Turns Dutch or English text into tokens: normaliser → tokenizer → filters.
///
/// The chain, in Lucene's terms:
/// - **Tokenizer**: ICU word break (UAX #29) over UTF-8, runs of ASCII text
///   split by the same rules in the C shim without calling ICU (see
///   `BreakIterator`); with our rules on top: hyphenated words yield their
///   parts and the joined form; a leading apostrophe clitic
///   ('s-Hertogenbosch, 't) stays with its word; dotted abbreviations (o.a.,
///   d.w.z.) lose their dots.
/// - **Normaliser**: NFKC case folding, ’ and ‘ to ', and diacritics
///   removed, except where that would make a stop word (één stays één).
/// - **Filters**: stop words are marked, not dropped, so positions survive;
///   Snowball stemming (Dutch with `DutchStemmer`'s fixes); Dutch compound
///   parts (`DutchDecompounder`) at the same position as their word.
///
/// Each distinct spelling is normalised once and each distinct form stemmed
/// and split once, so the cost per token is the break iterator plus a probe
/// of a small cache of recent spellings (and a hash probe when it misses).
/// An analyzer is not `Sendable`: it owns ICU and Snowball handles and
/// mutable caches. Use one per thread.
///
/// - Complexity: O(*n*) in the length of the text, plus O(*m*²) once per
///   distinct Dutch word of *m* bytes for decompounding.
package final class Analyzer {
  /// What one `analyze` call saw.
  package struct Statistics: Sendable, Equatable {
    /// Tokens emitted.
    package var tokens = 0
    /// Words longer than `maximumTokenLength` that were skipped.
    package var skippedLongTokens = 0

    /// Creates zero statistics.
    package init() {}
  }

  /// Words longer than this many bytes are skipped and counted.
  package static let maximumTokenLength = 255

  /// The language whose stop words, stemmer and rules apply.
  package let language: Language
  private let breaker: BreakIterator
  private let resources: AnalysisResources
  private var core: AnalyzerCore
  private var splitStems: Set<String>?

  /// Creates an analyzer for `language` over the shared resources.
  package init(language: Language, resources: AnalysisResources = .shared) throws {
    self.language = language
    self.resources = resources
    breaker = try BreakIterator(kind: .word, locale: language.code)
    let stopWords: ByteStringTable
    let stemmer: AnalyzerCore.Stemmer
    var decompounder: DutchDecompounder? = nil
    switch language {
    case .dutch:
      stopWords = resources.dutchStopWords
      stemmer = .dutch(try DutchStemmer(resources: resources))
      let candidate = DutchDecompounder(resources: resources)
      if candidate.isAvailable { decompounder = candidate }
    case .english:
      stopWords = resources.englishStopWords
      stemmer = .snowball(try SnowballStemmer(algorithm: "english"))
    }
    core = AnalyzerCore(stopWords: stopWords, stemmer: stemmer, decompounder: decompounder)
  }

  /// Analyses valid UTF-8 `text`, appending tokens to `tokens`.
  ///
  /// Use `UTF8Repair.repair` first on bytes of unknown origin.
  /// - Complexity: O(*n*) in the text's length (see the type's note).
  @discardableResult
  package func analyze(_ text: UnsafeRawBufferPointer, into tokens: inout [Token]) throws -> Statistics {
    guard text.count > 0 else { return Statistics() }
    try breaker.setText(text)
    let statistics = core.analyze(text, breaker: breaker.handle, into: &tokens)
    // ICU refusing a stretch of the text ends the loop early: an error, not
    // a text with fewer words.
    try BreakIterator.check(breaker.handle)
    return statistics
  }

  /// The normalised form with id `id`.
  package func form(_ id: Int32) -> String { core.forms.string(id) }

  /// The stem with id `id`.
  package func stem(_ id: Int32) -> String { core.stems.string(id) }

  /// How many distinct stems this analyzer has handed out.
  package var stemCount: Int { core.stems.count }

  /// How many distinct forms this analyzer has handed out.
  package var formCount: Int { core.forms.count }

  /// Calls `body` with the bytes of stem `id`.
  package func withStemBytes<R>(of id: Int32, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
    try core.stems.withBytes(of: id, body)
  }

  /// Forgets cached spellings, forms and stems, and frees their storage.
  ///
  /// This keeps memory bounded over long runs (an indexing run under a
  /// memory budget calls it between segments). Ids handed out before are
  /// invalid afterwards.
  package func resetCaches() { core.reset() }

  /// Splits compounds only where a part could have one of `stems`, or every
  /// compound again for `nil`.
  ///
  /// A highlighter that looks for a few stems then skips the word-list
  /// probes, and the table pages they touch, for the other words (see
  /// `CompoundSplitFilter`); the tokens that have one of `stems` stay the
  /// same. When the restriction changes, the caches are forgotten as by
  /// `resetCaches()`.
  package func restrictCompoundSplitting(toStems stems: Set<String>?) {
    guard stems != splitStems else { return }
    splitStems = stems
    core.reset()
    guard let stems else {
      core.splitFilter = nil
      return
    }
    core.splitFilter = CompoundSplitFilter(
      stems: stems.map { Array($0.utf8) }, overrides: CompoundSplitFilter.overrides(resources))
  }
}

/// The analyzer's state and hot loop, as a struct so that the loop runs
/// without per-access exclusivity checks on class properties.
struct AnalyzerCore {
  enum Stemmer {
    case dutch(DutchStemmer)
    case snowball(SnowballStemmer)
  }

  /// Per form: its stem, stop flag and compound parts.
  struct FormInfo {
    var stem: Int32
    var isStopWord: Bool
    var partsStart: Int32
    var partsCount: Int32
  }

  struct CompoundPart {
    var offset: Int32
    var length: Int32
    var form: Int32
    var stem: Int32
  }

  /// A word segment from the break iterator.
  struct Segment {
    var start: Int
    var end: Int
    var isNumber: Bool
  }

  let stopWords: ByteStringTable
  let stemmer: Stemmer
  let decompounder: DutchDecompounder?
  /// When set, only the words it admits are split.
  var splitFilter: CompoundSplitFilter?

  // The tables start small and grow: a query or a snippet needs a few
  // hundred entries, and zeroed slots cost page faults and resident memory.
  var forms = ByteStringTable()
  var stems = ByteStringTable()
  var formInfo: [FormInfo] = []
  var compoundParts: [CompoundPart] = []
  /// Raw spelling → form id: normalisation runs once per spelling.
  var spellings = ByteStringTable()
  var spellingForms: [Int32] = []
  /// A word of up to 16 bytes, zero-padded, and its form: an entry of
  /// `recent`.
  struct RecentSpelling {
    var low: UInt64
    var high: UInt64
    var length: Int32
    var form: Int32
  }
  /// log2 of the number of entries of `recent`: 256 (6 KB) to start, 4,096
  /// (96 KB, which stays in a core's L2 cache) once the analyzer has seen
  /// `largeCacheForms` forms, as when indexing.
  var recentBits = Self.smallRecentBits
  static let smallRecentBits: UInt64 = 8
  static let largeRecentBits: UInt64 = 12
  static let largeCacheForms = 1024
  /// Recently normalised spellings, direct-mapped by a hash of their bytes.
  var recent = Self.emptyRecent(bits: smallRecentBits)
  var scratch: [UInt8] = []
  var ends = [Int64](repeating: 0, count: 512)
  var statuses = [Int32](repeating: 0, count: 512)
  /// The pieces of a dotted word, reused.
  var dottedPieces: [Segment] = []
  /// Parts of the current hyphen group after the first.
  var groupTail: [Segment] = []

  init(stopWords: ByteStringTable, stemmer: Stemmer, decompounder: DutchDecompounder?) {
    self.stopWords = stopWords
    self.stemmer = stemmer
    self.decompounder = decompounder
    scratch.reserveCapacity(512)
  }

  /// Empties the caches and gives their storage back (new small tables,
  /// not cleared large ones, whose zeroed slots would stay resident).
  mutating func reset() {
    forms = ByteStringTable()
    stems = ByteStringTable()
    formInfo = []
    compoundParts = []
    spellings = ByteStringTable()
    spellingForms = []
    recentBits = Self.smallRecentBits
    recent = Self.emptyRecent(bits: recentBits)
  }

  static func emptyRecent(bits: UInt64) -> [RecentSpelling] {
    [RecentSpelling](repeating: RecentSpelling(low: 0, high: 0, length: -1, form: 0), count: 1 << Int(bits))
  }

  // MARK: - The loop

  mutating func analyze(
    _ text: UnsafeRawBufferPointer, breaker: OpaquePointer, into tokens: inout [Token]
  ) -> Analyzer.Statistics {
    var stats = Analyzer.Statistics()
    if recentBits < Self.largeRecentBits && forms.count >= Self.largeCacheForms {
      recentBits = Self.largeRecentBits
      recent = Self.emptyRecent(bits: recentBits)
    }
    let startCount = tokens.count
    var position: Int32 = 0
    // The open word group: its first part, whether a hyphen was just seen.
    var first = Segment(start: 0, end: 0, isNumber: false)
    var isOpen = false
    var awaitsPart = false
    var lastEnd = 0
    var lastIsNumber = false
    groupTail.removeAll(keepingCapacity: true)

    var previousStart = 0
    var previousEnd = 0
    var previousStatus: Int32 = -1
    var ends = self.ends
    var statuses = self.statuses
    defer {
      self.ends = ends
      self.statuses = statuses
    }

    while true {
      let count = Int(
        ends.withUnsafeMutableBufferPointer { e in
          statuses.withUnsafeMutableBufferPointer { s in
            cicu_breaker_next_batch(breaker, e.baseAddress, s.baseAddress, Int32(e.count))
          }
        })
      if count == 0 { break }
      for k in 0..<count {
        let start = previousEnd
        let end = Int(ends[k])
        let status = statuses[k]
        defer {
          previousStart = start
          previousEnd = end
          previousStatus = status
        }
        if status >= 100 {
          var wordStart = start
          // A leading clitic: 's-Hertogenbosch, 't, 'n.
          if previousStatus == 0 && end - start == 1 && Self.isClitic(text[start])
            && Self.isApostrophe(text, previousStart, previousEnd)
            && (previousStart == 0 || !Self.isWordByte(text[previousStart - 1]))
          {
            wordStart = previousStart
          }
          // ICU marks NIS2 and D66 as numbers; a letter makes a word.
          let word = Segment(start: wordStart, end: end, isNumber: status < 200 && !Self.hasLetter(text, start, end))
          // README.md, www.rijksoverheid.nl: parts and joined form, as a
          // hyphenated word (not o.a. or U.S., whose pieces are letters).
          if !word.isNumber && wordStart == start, Self.splitsAtDots(text, start, end, into: &dottedPieces) {
            if !awaitsPart {
              if isOpen { flush(first, text: text, position: &position, into: &tokens, stats: &stats) }
              first = dottedPieces[0]
              dottedPieces.removeFirst()
              isOpen = true
            }
            groupTail.append(contentsOf: dottedPieces)
            awaitsPart = false
            lastEnd = end
            lastIsNumber = false
            continue
          }
          if awaitsPart && !(lastIsNumber && word.isNumber) {
            groupTail.append(word)
            awaitsPart = false
            lastEnd = end
            lastIsNumber = word.isNumber
          } else {
            if isOpen { flush(first, text: text, position: &position, into: &tokens, stats: &stats) }
            first = word
            isOpen = true
            awaitsPart = false
            lastEnd = end
            lastIsNumber = word.isNumber
          }
        } else if isOpen && !awaitsPart && start == lastEnd && Self.isHyphen(text, start, end) {
          awaitsPart = true
        } else if isOpen {
          flush(first, text: text, position: &position, into: &tokens, stats: &stats)
          isOpen = false
          awaitsPart = false
        }
      }
    }
    if isOpen { flush(first, text: text, position: &position, into: &tokens, stats: &stats) }
    stats.tokens = tokens.count - startCount
    return stats
  }

  /// Emits the open group: one word, or a hyphenated word with its parts.
  private mutating func flush(
    _ first: Segment, text: UnsafeRawBufferPointer, position: inout Int32,
    into tokens: inout [Token], stats: inout Analyzer.Statistics
  ) {
    if groupTail.isEmpty {
      guard first.end - first.start <= Analyzer.maximumTokenLength else {
        stats.skippedLongTokens += 1
        return
      }
      let form = normalize(text, first.start, first.end)
      emit(form, first, position: position, kind: first.isNumber ? .number : .word, into: &tokens)
      position += 1
      return
    }
    defer { groupTail.removeAll(keepingCapacity: true) }
    let last = groupTail[groupTail.count - 1]
    guard last.end - first.start <= Analyzer.maximumTokenLength else {
      stats.skippedLongTokens += 1
      return
    }
    // The joined form first, spanning all parts, then each part.
    let parts = [first] + groupTail
    var joined: [UInt8] = []
    var partForms: [Int32] = []
    for part in parts {
      let form = normalize(text, part.start, part.end)
      partForms.append(form)
      forms.withBytes(of: form) { joined.append(contentsOf: $0) }
    }
    let joinedForm = joined.withUnsafeBytes { forms.insert($0) }
    tokens.append(
      Token(
        position: position, positionLength: Int32(parts.count), start: Int32(first.start),
        end: Int32(last.end), kind: .joined, isStopWord: false, form: joinedForm,
        stem: info(joinedForm).stem))
    for (index, part) in parts.enumerated() {
      emit(partForms[index], part, position: position + Int32(index), kind: .hyphenPart, into: &tokens)
    }
    position += Int32(parts.count)
  }

  /// Emits a token for `form` and its compound parts.
  private mutating func emit(
    _ form: Int32, _ segment: Segment, position: Int32, kind: Token.Kind, into tokens: inout [Token]
  ) {
    let info = info(form)
    tokens.append(
      Token(
        position: position, positionLength: 1, start: Int32(segment.start), end: Int32(segment.end),
        kind: kind, isStopWord: info.isStopWord, form: form, stem: info.stem))
    guard info.partsCount > 0 else { return }
    // Parts map onto the original bytes when folding kept the length.
    let exact = forms.length(of: form) == segment.end - segment.start
    for index in Int(info.partsStart)..<Int(info.partsStart + info.partsCount) {
      let part = compoundParts[index]
      let start = exact ? segment.start + Int(part.offset) : segment.start
      let end = exact ? start + Int(part.length) : segment.end
      tokens.append(
        Token(
          position: position, positionLength: 1, start: Int32(start), end: Int32(end),
          kind: .compoundPart, isStopWord: false, form: part.form, stem: part.stem))
    }
  }

  // MARK: - Normalising

  /// The form id of the raw word `text[start..<end]`: folded, with
  /// abbreviation dots removed.
  ///
  /// Words of up to 16 bytes are looked up in `recent` first, a small
  /// direct-mapped cache that holds their bytes; only on a miss is the word
  /// hashed and probed in `spellings`, whose slots, with hundreds of
  /// thousands of spellings, are mostly cache misses themselves.
  private mutating func normalize(_ text: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Int32 {
    let length = end - start
    // Reading 16 bytes from `start` must stay inside the text.
    let cacheable = length <= 16 && start + 16 <= text.count
    var key = RecentSpelling(low: 0, high: 0, length: Int32(length), form: 0)
    var slot = 0
    if cacheable {
      key.low = text.loadUnaligned(fromByteOffset: start, as: UInt64.self)
      key.high = text.loadUnaligned(fromByteOffset: start + 8, as: UInt64.self)
      if length < 8 {
        key.low &= (1 << (8 * UInt64(length))) &- 1
        key.high = 0
      } else if length < 16 {
        key.high &= (1 << (8 * UInt64(length - 8))) &- 1
      }
      let mixed = (key.low &* 0x9E37_79B9_7F4A_7C15) ^ (key.high &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(length)
      slot = Int(truncatingIfNeeded: mixed >> (64 - recentBits))
      let entry = recent[slot]
      if entry.length == key.length && entry.low == key.low && entry.high == key.high { return entry.form }
    }
    let form = normalizeUncached(UnsafeRawBufferPointer(rebasing: text[start..<end]))
    if cacheable {
      key.form = form
      recent[slot] = key
    }
    return form
  }

  /// The form id of a raw word, through the table of all spellings seen.
  private mutating func normalizeUncached(_ raw: UnsafeRawBufferPointer) -> Int32 {
    let hash = ByteStringTable.hash(raw)
    let known = spellings.findHashed(raw, hash: hash)
    if known >= 0 { return spellingForms[Int(known)] }

    scratch.removeAll(keepingCapacity: true)
    var ascii = true
    for byte in raw where byte >= 0x80 {
      ascii = false
      break
    }
    if ascii {
      for byte in raw { scratch.append(byte >= 65 && byte <= 90 ? byte + 32 : byte) }
    } else {
      foldNonASCII(raw)
    }
    Self.removeAbbreviationDots(&scratch)
    // A leading clitic is written without its apostrophe: 's → s.
    if scratch.count > 1 && scratch[0] == UInt8(ascii: "'") { scratch.removeFirst() }
    let form = scratch.withUnsafeBytes { forms.insert($0) }
    let id = spellings.insert(raw)
    if Int(id) == spellingForms.count { spellingForms.append(form) }
    return form
  }

  /// Folds case and diacritics into `scratch`, keeping diacritics when
  /// removing them would make a stop word (één is not een).
  private mutating func foldNonASCII(_ raw: UnsafeRawBufferPointer) {
    // Typographic apostrophes become ASCII ones: mkb’ers = mkb'ers.
    var plain: [UInt8] = []
    var i = 0
    while i < raw.count {
      if i + 2 < raw.count && raw[i] == 0xE2 && raw[i + 1] == 0x80 && (raw[i + 2] == 0x98 || raw[i + 2] == 0x99) {
        plain.append(UInt8(ascii: "'"))
        i += 3
      } else if i + 1 < raw.count && raw[i] == 0xCA && raw[i + 1] == 0xBC {
        plain.append(UInt8(ascii: "'"))
        i += 2
      } else {
        plain.append(raw[i])
        i += 1
      }
    }
    var caseFolded: [UInt8] = []
    plain.withUnsafeBytes { CaseFolding.fold($0, options: .caseFold, into: &caseFolded) }
    caseFolded.withUnsafeBytes { CaseFolding.fold($0, options: .marks, into: &scratch) }
    if scratch != caseFolded && scratch.withUnsafeBytes({ stopWords.find($0) >= 0 }) {
      scratch = caseFolded
    }
  }

  /// o.a → oa, d.w.z → dwz; www.overheid.nl keeps its dots.
  static func removeAbbreviationDots(_ bytes: inout [UInt8]) {
    guard bytes.contains(UInt8(ascii: ".")) else { return }
    var chunk = 0
    var chunks = 0
    for byte in bytes {
      if byte == UInt8(ascii: ".") {
        if chunk == 0 || chunk > 3 { return }
        chunks += 1
        chunk = 0
      } else if (byte >= 97 && byte <= 122) || byte >= 0x80 {
        chunk += 1
      } else {
        return
      }
    }
    if chunk > 3 || chunks == 0 { return }
    bytes.removeAll { $0 == UInt8(ascii: ".") }
  }

  // MARK: - Per-form analysis

  /// The analysis of a form, computing it (and any earlier unanalysed
  /// forms, in id order) on first use.
  private mutating func info(_ form: Int32) -> FormInfo {
    while formInfo.count <= Int(form) { analyzeNextForm() }
    return formInfo[Int(form)]
  }

  private mutating func analyzeNextForm() {
    let form = Int32(formInfo.count)
    let bytes = forms.withBytes(of: form) { Array($0) }
    let isStop = bytes.withUnsafeBytes { stopWords.find($0) >= 0 }
    var info = FormInfo(stem: stemID(for: bytes), isStopWord: isStop, partsStart: 0, partsCount: 0)
    formInfo.append(info)
    guard !isStop, let decompounder else { return }
    if let splitFilter, !bytes.withUnsafeBytes(splitFilter.admits) { return }
    let parts = bytes.withUnsafeBytes { decompounder.split($0) }
    guard !parts.isEmpty else { return }
    var found: [CompoundPart] = []
    for part in parts {
      let partForm = bytes[part].withUnsafeBytes { forms.insert($0) }
      found.append(
        CompoundPart(
          offset: Int32(part.lowerBound), length: Int32(part.count), form: partForm,
          stem: self.info(partForm).stem))
    }
    info.partsStart = Int32(compoundParts.count)
    info.partsCount = Int32(found.count)
    compoundParts.append(contentsOf: found)
    formInfo[Int(form)] = info
  }

  private mutating func stemID(for form: [UInt8]) -> Int32 {
    // Numbers, words with digits (nis2), short words and abbreviations (dwz)
    // are their own stem. So are forms that keep a diacritic after folding:
    // the folding kept één apart from the stop word een on purpose, and
    // Snowball would undo that.
    var hasDigit = false
    var hasLetter = false
    var hasNonASCII = false
    for byte in form {
      if byte >= 48 && byte <= 57 {
        hasDigit = true
      } else if byte >= 97 && byte <= 122 {
        hasLetter = true
      } else if byte >= 0x80 {
        hasNonASCII = true
      }
    }
    if hasDigit || !hasLetter || hasNonASCII || form.count <= 3 {
      return form.withUnsafeBytes { stems.insert($0) }
    }
    scratch.removeAll(keepingCapacity: true)
    switch stemmer {
    case .dutch(let dutch):
      form.withUnsafeBytes { dutch.stem($0, into: &scratch) }
    case .snowball(let snowball):
      form.withUnsafeBytes { snowball.stem($0, into: &scratch) }
    }
    return scratch.withUnsafeBytes { stems.insert($0) }
  }
}
