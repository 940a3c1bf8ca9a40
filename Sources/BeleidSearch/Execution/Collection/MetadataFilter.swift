import BeleidIndex
import Foundation

/// A query's metadata filters (`lang:`, `source:`, `type:`, `date:`, `path:`)
/// resolved against one segment's columns.
///
/// Resolving does the string work once per segment: a language becomes its
/// stored code, a source the ids of the segment's source names that
/// contain it, a type the ids of the type names equal to it. A document
/// is then tested by reading its column entries, only when a scorer
/// reaches it. `path:` is a substring of the document's
/// key, so it is the one test that reads a string per document reached.
struct MetadataFilter {
  private let segment: SegmentReader
  /// Codes the document's language must equal (every one: `lang:nl
  /// lang:en` matches nothing); nil in the list for a language no
  /// document can have.
  private let languages: [UInt8?]
  /// Per `source:` filter, which source ids pass.
  private let sources: [[Bool]]
  /// Per `type:` filter, which type ids pass.
  private let types: [[Bool]]
  /// Date ranges the document's date must fall in, ends included.
  private let dates: [ClosedRange<Int32>]
  /// Texts the document's key must contain, case-insensitively.
  private let paths: [String]

  /// The filters resolved for `segment`; nil when there are none.
  ///
  /// - Complexity: O(*s*) string tests for the segment's *s* source (or
  ///   type) names, per `source:` (or `type:`) filter.
  init?(_ filters: [Filter], segment: SegmentReader) {
    guard !filters.isEmpty else { return nil }
    self.segment = segment
    var languages: [UInt8?] = []
    var sources: [[Bool]] = []
    var types: [[Bool]] = []
    var dates: [ClosedRange<Int32>] = []
    var paths: [String] = []
    for filter in filters {
      switch filter {
      case .language(let code):
        languages.append(SegmentReader.languageCode(code))
      case .source(let text):
        sources.append(
          segment.sourceIDs { $0.range(of: text, options: [.caseInsensitive, .diacriticInsensitive]) != nil })
      case .type(let text):
        types.append(
          segment.typeIDs { $0.compare(text, options: [.caseInsensitive, .diacriticInsensitive]) == .orderedSame })
      case .path(let text):
        paths.append(text)
      case .date(let from, let to):
        // Int32.min is the column's "no date": a date filter never passes it.
        dates.append((from ?? Int32.min + 1)...(to ?? Int32.max))
      }
    }
    self.languages = languages
    self.sources = sources
    self.types = types
    self.dates = dates
    self.paths = paths
  }

  /// Whether document `doc` of the segment passes every filter.
  ///
  /// - Complexity: O(1) per language, source, type and date filter; a substring
  ///   search of the key per path filter.
  func accepts(_ doc: Int) -> Bool {
    for code in languages where code != segment.languageCode(doc) { return false }
    for allowed in sources where !allowed[segment.sourceID(doc)] { return false }
    for allowed in types where !allowed[segment.typeID(doc)] { return false }
    if !dates.isEmpty {
      let date = segment.storedDate(doc)
      for range in dates where !range.contains(date) { return false }
    }
    for text in paths where segment.key(doc).range(of: text, options: [.caseInsensitive]) == nil { return false }
    return true
  }
}
