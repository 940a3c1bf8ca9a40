import BeleidIndex
import Foundation

/// A query's metadata filters (`lang:`, `source:`, `date:`, `path:`)
/// resolved against one segment's columns.
///
/// Resolving does the string work once per segment: a language becomes its
/// stored code, a source the ids of the segment's source names that
/// contain it. A document is then tested by reading its column entries,
/// only when a scorer reaches it. `path:` is a substring of the document's
/// key, so it is the one test that reads a string per document reached.
struct MetadataFilter {
  private let segment: SegmentReader
  /// Codes the document's language must equal (every one: `lang:nl
  /// lang:en` matches nothing); nil in the list for a language no
  /// document can have.
  private let languages: [UInt8?]
  /// Per `source:` filter, which source ids pass.
  private let sources: [[Bool]]
  /// Date ranges the document's date must fall in, ends included.
  private let dates: [ClosedRange<Int32>]
  /// Texts the document's key must contain, case-insensitively.
  private let paths: [String]

  /// The filters resolved for `segment`; nil when there are none.
  ///
  /// - Complexity: O(*s*) string tests for the segment's *s* source names,
  ///   per `source:` filter.
  init?(_ filters: [Filter], segment: SegmentReader) {
    guard !filters.isEmpty else { return nil }
    self.segment = segment
    var languages: [UInt8?] = []
    var sources: [[Bool]] = []
    var dates: [ClosedRange<Int32>] = []
    var paths: [String] = []
    for filter in filters {
      switch filter {
      case .language(let code):
        languages.append(SegmentReader.languageCode(code))
      case .source(let text):
        sources.append(
          segment.sourceIDs { $0.range(of: text, options: [.caseInsensitive, .diacriticInsensitive]) != nil })
      case .path(let text):
        paths.append(text)
      case .date(let from, let to):
        // Int32.min is the column's "no date": a date filter never passes it.
        dates.append((from ?? Int32.min + 1)...(to ?? Int32.max))
      }
    }
    self.languages = languages
    self.sources = sources
    self.dates = dates
    self.paths = paths
  }

  /// Whether document `doc` of the segment passes every filter.
  ///
  /// - Complexity: O(1) per language, source and date filter; a substring
  ///   search of the key per path filter.
  func accepts(_ doc: Int) -> Bool {
    for code in languages where code != segment.languageCode(doc) { return false }
    for allowed in sources where !allowed[segment.sourceID(doc)] { return false }
    if !dates.isEmpty {
      let date = segment.storedDate(doc)
      for range in dates where !range.contains(date) { return false }
    }
    for text in paths where segment.key(doc).range(of: text, options: [.caseInsensitive]) == nil { return false }
    return true
  }
}
