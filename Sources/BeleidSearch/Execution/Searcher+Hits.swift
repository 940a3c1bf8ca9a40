import BeleidAnalysis
import BeleidDocuments
import BeleidIndex

extension Searcher {
  /// The hits of ranked candidates, ranks from `firstRank`: stored fields,
  /// snippets and the score split into its parts, as `request` asks.
  ///
  /// Explanations come from one scorer tree per segment, walked forward to
  /// the segment's hits in document order.
  ///
  /// - Complexity: per segment with hits, one scorer tree advanced over
  ///   its hits; per hit, one stored document decoded when fields or
  ///   snippets are asked, and for a snippet its text analysed once.
  func hits(_ ranked: [Candidate], firstRank: Int, query: PreparedQuery, _ request: Request) throws -> [SearchHit] {
    let located = ranked.map { reader.locate($0.document) }
    var hits = ranked.enumerated().map { position, candidate in
      let (segment, local) = located[position]
      return SearchHit(
        rank: firstRank + position, document: candidate.document, key: reader.segments[segment].key(local),
        rankingScore: candidate.score, score: candidate.score)
    }
    // Split the ranking score into BM25 and bonuses (not needed for runs).
    if request.fields || request.explain {
      let coordination: Bool
      if case .boolean(_, _, _, let bonus) = query.root { coordination = bonus > 0 } else { coordination = false }
      let bySegment = Dictionary(grouping: hits.indices) { located[$0].segment }
      for (segment, indices) in bySegment {
        guard let root = try query.scorer(segment: segment) else { continue }
        for index in indices.sorted(by: { ranked[$0].document < ranked[$1].document }) {
          let local = Int32(located[index].local)
          guard root.advance(to: local) == local else { continue }
          var parts: [Contribution] = []
          root.explain(into: &parts)
          if ranked[index].proximity > 0 {
            parts.append(
              Contribution(
                label: Self.proximityLabel, matched: [], titleFrequency: 0, bodyFrequency: 0, idf: 0,
                documentFrequency: 0, score: ranked[index].proximity, bonus: 0))
          }
          hits[index].score = parts.reduce(0) { $0 + $1.score }
          if coordination { hits[index].matchedClauses = parts.filter { $0.bonus > 0 }.count }
          if request.explain { hits[index].explanation = parts }
        }
        if let failure = root.failure { throw failure }
      }
    }
    // Without snippets, the fields come from the segment's columns where it
    // has them; else each stored document is decoded once, for its fields
    // and its snippet.
    var decoded = hits.indices.map { _ in request.snippets }
    if request.fields && !request.snippets {
      for index in hits.indices {
        let (segment, local) = located[index]
        let columns = reader.segments[segment]
        guard let fields = columns.hitFields(local) else {
          decoded[index] = true
          continue
        }
        hits[index].title = fields.title
        hits[index].path = fields.path
        hits[index].date = fields.date
        hits[index].language = columns.language(local)
        let source = columns.source(local)
        hits[index].source = source.isEmpty ? nil : source
        let type = columns.documentType(local)
        hits[index].type = type.isEmpty ? nil : type
        hits[index].url = fields.url
        hits[index].format = fields.format
      }
    }
    if request.fields || request.snippets {
      let generator = request.snippets ? SnippetGenerator() : nil
      let stems = request.snippets ? SnippetGenerator.stems(of: query.plan) : []
      let phrases = request.snippets ? SnippetGenerator.phrases(of: query.plan) : []
      for index in hits.indices where decoded[index] {
        let (segment, local) = located[index]
        let document = try reader.segments[segment].document(local)
        if request.fields {
          hits[index].title = document.title
          hits[index].path = document.path
          hits[index].date = document.date
          hits[index].language = document.language?.code
          hits[index].source = document.source
          hits[index].type = document.documentType
          hits[index].url = document.url
          hits[index].format = document.format
        }
        hits[index].snippet = try generator?.snippet(for: document, stems: stems, phrases: phrases)
      }
    }
    return hits
  }
}
