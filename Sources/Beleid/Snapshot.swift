internal import BeleidAnalysis
internal import BeleidDocuments
internal import BeleidIndex
internal import BeleidSearch
internal import BeleidTranslation

/// An open, immutable view of one commit of an index, to search.
///
/// Any number of threads can search one snapshot at once. A writer's later
/// commits do not change it, even when they merge its files away; take a
/// new snapshot (`Index.snapshot(glossary:)`) to see them.
public final class Snapshot: Sendable {
  let reader: IndexReader
  let searcher: Searcher
  /// The glossary that translates queries, if any.
  public let glossary: Glossary?
  /// Idle query planners by translation setting: planners own analyzers
  /// and caches and are not thread-safe, so each search takes one.
  private let planners = Locked<[PlannerKind: [QueryPlanner]]>([:])

  init(reader: IndexReader, glossary: Glossary?) {
    self.reader = reader
    self.searcher = Searcher(reader: reader)
    self.glossary = glossary
  }

  /// The commit's number: it grows with every commit of the index.
  public var generation: UInt64 { reader.manifest.generation }

  /// How many documents the commit holds.
  public var documentCount: Int { reader.liveDocumentCount }

  /// Problems found while opening it; searching still works.
  ///
  /// An index built with other analysis data is one.
  public var warnings: [String] { reader.warnings }

  /// Searches the snapshot.
  ///
  /// - Throws: `BeleidError` of kind `.timeLimit` when the request's time
  ///   limit passes, `.index` for a damaged index, `.other` for a negative
  ///   limit or offset.
  /// - Complexity: document-at-a-time over the postings of the query's
  ///   terms, pruned by block maxima; O(*k* log *k*) for the top *k* =
  ///   `offset + limit` hits, and one stored document decoded per hit.
  public func search(_ request: SearchRequest) throws(BeleidError) -> SearchResult {
    guard request.limit >= 0, request.offset >= 0 else {
      throw BeleidError(.other, "limit and offset must be 0 or more, not \(request.limit) and \(request.offset)")
    }
    return try BeleidError.catching {
      let plan = try self.plan(request)
      var results = try searcher.search(
        plan,
        .init(
          limit: request.limit, offset: request.offset, explain: request.explain, snippets: request.snippets,
          facets: request.facets, order: request.order == .date ? .date : .relevance, timeLimit: request.timeLimit))
      // "Did you mean" only when nothing matched: the suggester compares the
      // word with the dictionary, tens of milliseconds on a large index.
      let suggestions = results.hits.isEmpty ? try SpellingSuggester(reader: reader).suggestions(for: plan) : []
      for suggestion in suggestions {
        let documents = suggestion.documentFrequency == 1 ? "1 document" : "\(suggestion.documentFrequency) documents"
        results.notes.append(
          "'\(suggestion.word)' is in no document; did you mean '\(suggestion.suggestion)' (\(documents))?")
      }
      return SearchResult(results: results, glossaryConcepts: Self.glossaryConcepts(plan))
    }
  }

  /// The byte ranges of `document.text` that `request`'s query matches, as
  /// a hit's snippet highlights them: inflected forms, compound parts,
  /// phrases where their words stand together and, when the request
  /// translates, the glossary's and dictionary's words in the other
  /// language.
  ///
  /// - Throws: `BeleidError` of kind `.query` for a query that cannot be
  ///   planned.
  /// - Complexity: O(*n*) over the document's tokens, analysed again.
  public func highlights(in document: Document, for request: SearchRequest) throws(BeleidError) -> [Range<Int>] {
    try BeleidError.catching {
      let plan = try self.plan(request)
      return try SnippetGenerator().highlights(
        for: document.stored, stems: SnippetGenerator.stems(of: plan), phrases: SnippetGenerator.phrases(of: plan))
    }
  }

  /// The request's query, analysed and expanded by a planner of its kind.
  private func plan(_ request: SearchRequest) throws -> QueryPlan {
    let kind = PlannerKind(translate: request.translate, dictionary: request.translate && request.dictionary)
    let planner = takePlanner(kind)
    defer { planners.withLock { $0[kind, default: []].append(planner) } }
    return try planner.plan(request.query.node, language: request.language?.analysis)
  }

  /// The document with this key (as `SearchResult.Hit.key` gives it), or nil.
  ///
  /// - Throws: `BeleidError` of kind `.index` when its stored copy is damaged.
  public func document(_ key: String) throws(BeleidError) -> Document? {
    guard let number = reader.documentNumber(matching: key) else { return nil }
    return try BeleidError.catching { Document(try reader.document(number)) }
  }

  /// The same text in another language, as this commit holds it.
  public struct LanguageVersion: Sendable, Equatable, Encodable {
    /// Its key, as `document(_:)` takes it.
    public var key: String
    /// Its language, when known.
    public var language: Language?
    /// Its title.
    public var title: String
  }

  /// The documents that hold the text of document `key` in another
  /// language: an EU act in Dutch for the English one, a page and its
  /// translation.
  ///
  /// Versions share a CELEX number (a `celex` field or their EUR-Lex URL),
  /// or one names the other's path in a `pair` field.
  ///
  /// - Throws: `BeleidError` of kind `.index` when a stored copy is damaged.
  /// - Complexity: O(*n*) over the keys and URLs of the commit's documents.
  public func languageVersions(of key: String) throws(BeleidError) -> [LanguageVersion] {
    guard let number = reader.documentNumber(matching: key) else { return [] }
    return try BeleidError.catching {
      try reader.languageVersions(of: number).map { version in
        let document = try reader.document(version)
        let (segment, local) = reader.locate(version)
        let language = reader.segments[segment].language(local).flatMap(BeleidAnalysis.Language.init(rawValue:))
        return LanguageVersion(key: document.key, language: language.map(Language.init), title: document.title)
      }
    }
  }

  /// The ids of the glossary concepts the plan's options come from, each
  /// once, in the order of the leaves.
  static func glossaryConcepts(_ plan: QueryPlan) -> [String] {
    func concept(_ provenance: Provenance) -> String? {
      switch provenance {
      case .glossary(let concept, _): concept
      case .expansion(_, let base): concept(base)
      default: nil
      }
    }
    var seen: Set<String> = []
    return plan.leaves.flatMap { $0.options.compactMap { concept($0.provenance) } }.filter { seen.insert($0).inserted }
  }

  /// An idle planner of `kind`, or a new one.
  private func takePlanner(_ kind: PlannerKind) -> QueryPlanner {
    if let planner = planners.withLock({ $0[kind]?.popLast() }) { return planner }
    let planner = QueryPlanner()
    if kind.translate {
      let expander = CrossLanguageExpander(glossary: glossary?.glossary, dictionary: kind.dictionary)
      expander.collection = reader
      planner.expander = expander
    }
    return planner
  }
}

/// How a planner translates.
private struct PlannerKind: Hashable {
  var translate: Bool
  var dictionary: Bool
}
