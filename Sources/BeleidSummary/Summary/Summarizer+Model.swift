import BeleidAnalysis
import BeleidDocuments
import Foundation

extension Summarizer {
  /// The learned sentence model, read once.
  func model() throws -> SentenceModel {
    if let sentenceModel { return sentenceModel }
    let model = try SentenceModel.load()
    sentenceModel = model
    return model
  }

  /// Scores by the learned model: each sentence's probability of being a
  /// summary sentence, scaled by its similarity to a query when there is one.
  ///
  /// - Complexity: as LexRank, plus O(*n*·*f*) for *f* features.
  static func score(
    _ units: [SentenceTable.Unit], model: SentenceModel, keyTerms: [Double], relevance: [Double]?
  ) -> [Scored] {
    let centrality = lexRank(units, jump: jump(units.count, relevance: relevance))
    let topCentrality = max(centrality.max() ?? 0, 1e-12)
    let features = SentenceFeatures.vectors(units, centrality: centrality, keyTerms: keyTerms)
    let topRelevance = max(relevance?.max() ?? 0, 1e-9)
    return units.indices.map { index in
      var score = model.probability(features[index])
      if let relevance { score *= 0.2 + 0.8 * relevance[index] / topRelevance }
      return Scored(score: score, centrality: centrality[index] / topCentrality, prior: 0)
    }
  }

  /// One sentence as the model sees it.
  package struct FeatureRow: Sendable {
    package var text: String
    package var features: [Double]
    /// Whether a summary may quote it (`isQuotable` and `isPrintable`).
    package var printable: Bool
  }

  /// Each sentence's text and features, as the model sees them: what
  /// `Benchmarks/train_summary_model.py` learns from.
  package func sentenceFeatures(_ document: Document) throws -> (names: [String], sentences: [FeatureRow]) {
    let language = language(of: document)
    let analyzer = try analyzer(language)
    var table = try SentenceTable(Array(document.body.utf8), splitter: try splitter(language), analyzer: analyzer)
    table.weigh(idf: table.sentenceIDF)
    let keyTerms = try keyTermShares(table, body: document.body, language: language, analyzer: analyzer)
    let centrality = Self.lexRank(table.units, jump: Self.jump(table.units.count, relevance: nil))
    let features = SentenceFeatures.vectors(table.units, centrality: centrality, keyTerms: keyTerms)
    let rows = zip(table.units, features).map {
      FeatureRow(text: $0.text, features: $1, printable: Self.isQuotable($0) && Self.isPrintable($0))
    }
    return (SentenceFeatures.names, rows)
  }
}
