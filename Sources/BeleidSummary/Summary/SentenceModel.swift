import BeleidAnalysis
import Foundation

/// A logistic-regression sentence scorer, learned from court rulings.
///
/// It gives the probability that a sentence belongs in the summary from
/// its `SentenceFeatures`. The model is a small JSON file in
/// `Resources/sentence-model.json`, written by
/// `Benchmarks/train_summary_model.py` from the training split of
/// `../shared/data/eval/summaries-rechtspraak` (never from dev); the file
/// names its features, their scaling, the weights and how it was fitted.
/// `BELEID_SUMMARY_MODEL=PATH` reads another (cross-validation does).
struct SentenceModel: Decodable, Sendable {
  /// The feature names, which must equal `SentenceFeatures.names`.
  var features: [String]
  /// Each feature's mean and standard deviation on the training sentences.
  var mean: [Double]
  var scale: [Double]
  var weights: [Double]
  var bias: Double

  /// The model the summariser uses: `$BELEID_SUMMARY_MODEL`, else the
  /// bundled one.
  static func load() throws -> SentenceModel {
    if let path = ProcessEnvironment.value("BELEID_SUMMARY_MODEL") {
      return try read(URL(fileURLWithPath: path))
    }
    guard let folder = BeleidHome.resourceFolder(target: "BeleidSummary") else {
      throw SummaryError("the sentence model is missing: install beleid with its resources folder")
    }
    return try read(folder.appendingPathComponent("sentence-model.json"))
  }

  /// Reads and checks a model file.
  static func read(_ url: URL) throws -> SentenceModel {
    let model: SentenceModel
    do {
      model = try JSONDecoder().decode(SentenceModel.self, from: Data(contentsOf: url))
    } catch {
      throw SummaryError("cannot read the sentence model (\(error.localizedDescription))", file: url.path)
    }
    guard model.features == SentenceFeatures.names else {
      throw SummaryError(
        "the sentence model was trained on other features; retrain it with Benchmarks/train_summary_model.py",
        file: url.path)
    }
    let count = model.features.count
    guard model.mean.count == count, model.scale.count == count, model.weights.count == count,
      (model.mean + model.scale + model.weights + [model.bias]).allSatisfy(\.isFinite)
    else {
      throw SummaryError(
        "the sentence model is damaged: its vectors do not match its \(count) features", file: url.path)
    }
    return model
  }

  /// The probability that a sentence with features `x` is a summary sentence.
  ///
  /// - Complexity: O(*f*) for *f* features.
  func probability(_ x: [Double]) -> Double {
    var z = bias
    for k in x.indices { z += weights[k] * (x[k] - mean[k]) / (scale[k] > 0 ? scale[k] : 1) }
    return 1 / (1 + exp(-z))
  }
}
