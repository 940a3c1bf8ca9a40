/// How many documents match a query in all, and by language, source, type
/// and year: the counts a search page shows beside its filters.
package struct Facets: Sendable, Codable, Equatable {
  /// Every matching document, not only the hits returned.
  package var total = 0
  /// Per language code ("nl", "en"); documents without one are left out.
  package var languages: [String: Int] = [:]
  /// Per source name; documents without one are left out.
  package var sources: [String: Int] = [:]
  /// Per document type ("wet", "EU directive"); documents without one are
  /// left out.
  package var types: [String: Int] = [:]
  /// Per year ("2026"); documents without a date are left out.
  package var years: [String: Int] = [:]

  package init() {}
}
