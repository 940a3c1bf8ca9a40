import BeleidAnalysis
import BeleidDocuments
import BeleidIndex

/// Runs query plans against an index and returns the top hits.
///
/// A search runs in stages:
/// 1. **Prepare** (`PreparedQuery`): expand prefix and fuzzy words, count
///    each leaf's statistics, fix the coordination bonuses, look each term
///    up once per segment.
/// 2. **Collect** (`Searcher+Collection`): per segment, the prepared query
///    becomes a scorer tree whose root fills one top-k heap, carried across
///    segments so its threshold keeps pruning; each kind of scorer prunes
///    its own way (block-max for a term, MaxScore for a union).
/// 3. **Rerank** (`Searcher+Rerank`): a long query's best documents by
///    their best passage.
/// 4. **Hits** (`Searcher+Hits`): stored fields and explanations, from one
///    scorer tree per segment.
///
/// Ties break on the lower document number, so results are deterministic.
///
/// `Sendable`: it holds only the snapshot it reads and constants; each
/// search prepares its own query, so threads can share one searcher.
package final class Searcher: Sendable {
  /// Prefix and fuzzy expansions stop at this many forms per segment.
  package static var expansionLimit: Int { PreparedQuery.expansionLimit }

  /// The index read.
  package let reader: IndexReader
  let bm25: BM25

  /// A searcher over `reader`.
  package init(reader: IndexReader) {
    self.reader = reader
    bm25 = BM25(averageBody: reader.averageBodyLength, averageTitle: reader.averageTitleLength)
  }

  /// What to return.
  package struct Request: Sendable {
    package var limit = 10
    package var offset = 0
    /// Load stored fields (title, path, date…) for each hit.
    package var fields = true
    /// Explain each hit's score.
    package var explain = false
    /// Find each hit's best passage, with highlights: from the same decoded
    /// document as the fields, so it is read once.
    package var snippets = false
    /// Whether to count every match, by language, source, type and year
    /// (`SearchResults.facets`): a second, unpruned pass.
    package var facets = false
    /// How hits are ordered.
    package var order = Order.relevance
    /// Give up with `SearchError.timeLimit` once the search has run this
    /// long: checked between expansions and between segments, so a search
    /// can overrun it by the time of one segment's collection.
    package var timeLimit: Duration?

    package init(
      limit: Int = 10, offset: Int = 0, fields: Bool = true, explain: Bool = false, snippets: Bool = false,
      facets: Bool = false, order: Order = .relevance, timeLimit: Duration? = nil
    ) {
      self.order = order
      self.facets = facets
      self.limit = limit
      self.offset = offset
      self.fields = fields
      self.explain = explain
      self.snippets = snippets
      self.timeLimit = timeLimit
    }
  }

  /// Searches with a plan.
  ///
  /// - Complexity: document-at-a-time over the postings of the query's
  ///   terms, pruned by block maxima and MaxScore; O(*k* log *k*) for the
  ///   heap; per hit, one stored document decoded when fields are asked.
  package func search(_ plan: QueryPlan, _ request: Request = Request()) throws -> SearchResults {
    let deadline = Deadline(request.timeLimit)
    let query = try PreparedQuery(plan, reader: reader, bm25: bm25, deadline: deadline)
    let k = request.offset + request.limit
    // A long query's best documents are reranked by their best passage.
    let units = k > 0 ? Self.proximityUnits(query) : []
    let depth = units.isEmpty ? k : max(k, Proximity.depth)
    var ranked: [Candidate]
    var facets: Facets?
    if request.order == .date {
      // One pass over every match both orders and, if asked, counts.
      var counter = request.facets ? FacetCounter() : nil
      ranked = try collectByDate(query, depth: k, deadline: deadline, counter: &counter)
      facets = counter?.facets
    } else {
      ranked = try collect(query, depth: depth, deadline: deadline)
      if !units.isEmpty {
        ranked = Array(try rerank(ranked, units: units, query: query).prefix(k))
      }
      if request.facets { facets = try self.facets(query, deadline: deadline) }
    }
    let hits = try hits(Array(ranked.dropFirst(request.offset)), firstRank: request.offset + 1, query: query, request)
    return SearchResults(
      hits: hits, language: plan.language.code, notes: reader.warnings + plan.notes + query.notes,
      concepts: query.leaves.map(Self.describe), facets: facets)
  }

  /// A leaf as `SearchResults.concepts` lists it: its label and options.
  static func describe(_ leaf: QueryPlan.Leaf) -> String {
    let options = leaf.options.map { option in
      option.weight == 1 && option.provenance.isPlainQuery
        ? option.match.description : "\(option.match) (\(option.origin), ×\(option.weight))"
    }
    return (leaf.titleOnly ? "title:" : "") + leaf.label + " → " + options.joined(separator: " | ")
  }
}
