import Foundation

/// The read-only data that analysis needs.
///
/// Stop words, word lists, frequencies and stem overrides, loaded once per
/// process and shared by every `Analyzer`.
///
/// The Dutch word list comes from the system (`/usr/share/dict/dutch`,
/// Debian package wdutch, the OpenTaal list); the English one from
/// `/usr/share/dict/british-english` (wbritish). When a list is missing,
/// analysis still works: decompounding or that language's lexicon vote in
/// language identification is off, and `warnings` says so.
package final class AnalysisResources: Sendable {
  /// Snowball's Dutch stop words plus the clitics s, t and n.
  package let dutchStopWords: ByteStringTable
  /// Snowball's English stop words.
  package let englishStopWords: ByteStringTable
  /// Folded OpenTaal words (lower-case entries only) plus our supplement.
  package let dutchLexicon: ByteStringTable
  /// The 3- to 7-letter prefixes of `dutchLexicon`, for fast rejection.
  package let dutchLexiconPrefixes: PrefixFilter
  /// Folded English words from wbritish, for language identification.
  package let englishLexicon: ByteStringTable
  /// How Dutch or English a word looks, learnt from the two word lists.
  package let wordShapes: WordShapeModel
  /// Reference word frequencies for decompounding.
  package let frequencies: FrequencyTable
  /// Folded Dutch words with a fixed stem, applied before Snowball; the
  /// stems are `dutchStemOverrideStems`, by id.
  package let dutchStemOverrides: ByteStringTable
  /// The stem of each word in `dutchStemOverrides`.
  package let dutchStemOverrideStems: [[UInt8]]
  /// Dutch words Snowball must not touch.
  package let dutchProtectedWords: ByteStringTable
  /// Words that never count as compound parts, stop words included.
  package let blockedCompoundParts: ByteStringTable
  /// Words the decompounder never splits.
  package let protectedCompounds: ByteStringTable
  /// What could not be loaded, for users to read.
  package let warnings: [String]
  /// Identifies this data, so an index can tell when its analysis changed.
  package let fingerprint: String

  /// The resources from the bundle and the system word lists, loaded once:
  /// mapped from the compiled cache when it is current, else built and
  /// cached (see `AnalysisResources+Cache.swift`).
  package static let shared: AnalysisResources = AnalysisResources.compiled()

  /// Default location of the Dutch word list (Debian package wdutch).
  package static let dutchWordListPath = "/usr/share/dict/dutch"
  /// Default location of the English word list (Debian package wbritish).
  package static let englishWordListPath = "/usr/share/dict/british-english"

  /// Resources made of parts already loaded (from the compiled cache).
  init(
    tables: [ByteStringTable], prefixes: PrefixFilter, frequencies: FrequencyTable, overrideStems: [[UInt8]],
    wordShapes: WordShapeModel, fingerprint: String
  ) {
    dutchStopWords = tables[0]
    englishStopWords = tables[1]
    dutchLexicon = tables[2]
    englishLexicon = tables[3]
    dutchStemOverrides = tables[4]
    dutchProtectedWords = tables[5]
    blockedCompoundParts = tables[6]
    protectedCompounds = tables[7]
    dutchLexiconPrefixes = prefixes
    self.frequencies = frequencies
    dutchStemOverrideStems = overrideStems
    self.wordShapes = wordShapes
    warnings = []
    self.fingerprint = fingerprint
  }

  /// The byte-string tables, in the order `init(tables:…)` takes them.
  var tables: [ByteStringTable] {
    [
      dutchStopWords, englishStopWords, dutchLexicon, englishLexicon, dutchStemOverrides, dutchProtectedWords,
      blockedCompoundParts, protectedCompounds,
    ]
  }

  /// Loads the bundled resources and the word lists at the given paths.
  package init(
    dutchWordList: String? = AnalysisResources.dutchWordListPath,
    englishWordList: String? = AnalysisResources.englishWordListPath
  ) {
    var warnings: [String] = []
    var digest = FNV64()

    let folder = BeleidHome.resourceFolder(target: "BeleidAnalysis")
    func resource(_ name: String) -> [UInt8] {
      guard let folder, let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path)
      else {
        warnings.append(AnalysisError.resourceUnreadable(name: name).description)
        return []
      }
      let bytes = [UInt8](data)
      digest.add(bytes)
      return bytes
    }

    func wordSet(_ bytes: [UInt8]) -> ByteStringTable {
      var table = ByteStringTable(capacity: 256)
      bytes.withUnsafeBytes { raw in
        forEachLine(raw) { line in
          if !line.isEmpty && line[line.startIndex] != UInt8(ascii: "#") {
            table.insert(UnsafeRawBufferPointer(rebasing: line))
          }
          return true
        }
      }
      return table
    }

    func lines(_ bytes: [UInt8]) -> [String] {
      String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline)
        .map(String.init).filter { !$0.hasPrefix("#") && !$0.isEmpty }
    }

    dutchStopWords = wordSet(resource("stopwords-nl.txt"))
    englishStopWords = wordSet(resource("stopwords-en.txt"))
    // Stop words are never compound parts either: one table to probe.
    var blocked = wordSet(resource("decompound-blocked.txt"))
    for id in 0..<Int32(dutchStopWords.count) {
      _ = dutchStopWords.withBytes(of: id) { blocked.insert($0) }
    }
    blockedCompoundParts = blocked
    protectedCompounds = wordSet(resource("decompound-protected.txt"))
    var overrides = ByteStringTable(capacity: 64)
    var overrideStems: [[UInt8]] = []
    for line in lines(resource("dutch-stem-overrides.tsv")) {
      let fields = line.split(separator: "\t")
      guard fields.count == 2 else { continue }
      let id = overrides.insert(String(fields[0]))
      if Int(id) == overrideStems.count { overrideStems.append(Array(fields[1].utf8)) }
    }
    dutchStemOverrides = overrides
    dutchStemOverrideStems = overrideStems
    dutchProtectedWords = wordSet(resource("dutch-protected.txt"))
    do {
      frequencies = try FrequencyTable(tsv: resource("nl-frequencies.tsv"), name: "nl-frequencies.tsv")
    } catch {
      warnings.append(String(describing: error))
      frequencies = FrequencyTable()
    }

    var dutch = ByteStringTable(capacity: 420_000)
    if let path = dutchWordList, let data = FileManager.default.contents(atPath: path) {
      Self.loadWordList([UInt8](data), into: &dutch)
      digest.add(Array("\(path):\(data.count)".utf8))
    } else {
      warnings.append(
        "Dutch word list \(dutchWordList ?? "(none)") not found: Dutch decompounding is off "
          + "(install the Debian package wdutch)")
    }
    let supplement = resource("decompound-supplement.txt")
    let supplementWords = wordSet(supplement)
    for id in 0..<Int32(supplementWords.count) {
      _ = supplementWords.withBytes(of: id) { dutch.insert($0) }
    }
    dutchLexicon = dutch
    dutchLexiconPrefixes = PrefixFilter(dutch)

    var english = ByteStringTable(capacity: 110_000)
    if let path = englishWordList, let data = FileManager.default.contents(atPath: path) {
      Self.loadWordList([UInt8](data), into: &english)
    } else {
      warnings.append(
        "English word list \(englishWordList ?? "(none)") not found: language identification "
          + "relies on stop words only (install the Debian package wbritish)")
    }
    englishLexicon = english
    wordShapes = WordShapeModel(dutchWords: dutch, englishWords: english)
    self.warnings = warnings
    fingerprint = String(digest.value, radix: 16)
  }

  /// The override stem of a folded Dutch word, if it has one.
  package func dutchStemOverride(_ word: UnsafeRawBufferPointer) -> [UInt8]? {
    let id = dutchStemOverrides.find(word)
    return id < 0 ? nil : dutchStemOverrideStems[Int(id)]
  }

  /// Adds the lower-case, letters-only entries of a word list, folded.
  static func loadWordList(_ bytes: [UInt8], into table: inout ByteStringTable) {
    var folded: [UInt8] = []
    bytes.withUnsafeBytes { raw in
      forEachLine(raw) { line in
        guard !line.isEmpty else { return true }
        var ascii = true
        for byte in line {
          if byte >= 0x80 {
            ascii = false
          } else if !(byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) {
            return true  // upper case (a name), digits, hyphens, apostrophes
          }
        }
        let word = UnsafeRawBufferPointer(rebasing: line)
        if ascii {
          table.insert(word)
        } else {
          folded.removeAll(keepingCapacity: true)
          CaseFolding.fold(word, options: [.caseFold, .marks], into: &folded)
          _ = folded.withUnsafeBytes { table.insert($0) }
        }
        return true
      }
    }
  }
}

/// FNV-1a over several buffers: a cheap fingerprint of resource bytes.
struct FNV64 {
  private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

  mutating func add(_ bytes: [UInt8]) {
    for byte in bytes {
      value ^= UInt64(byte)
      value &*= 0x100_0000_01b3
    }
  }
}
