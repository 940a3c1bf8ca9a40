import BeleidTestSupport
import Foundation
import Testing

@testable import BeleidAnalysis

@Suite("Splitting only the compounds that may hold a wanted part")
struct CompoundSplitFilterTests {
  static let resources = AnalysisResources.shared

  /// Every override pair the analyzer hands the filter.
  static var overrides: [([UInt8], [UInt8])] { CompoundSplitFilter.overrides(resources) }

  @Test("every word of the decompounder's word list holds a fragment of its own stem")
  func wordListHoldsItsStem() throws {
    // A compound's parts are words of this list, so a word whose stem is
    // wanted is never skipped.
    let lexicon = Self.resources.dutchLexicon
    try #require(lexicon.count > 1_000, "install wdutch: the word list is missing")
    let stemmer = try DutchStemmer(resources: Self.resources)
    let overrides = Self.overrides
    var output: [UInt8] = []
    var missed: [String] = []
    for id in 0..<Int32(lexicon.count) {
      let word = lexicon.withBytes(of: id) { Array($0) }
      guard word.count > 3, word.allSatisfy({ $0 >= 97 && $0 <= 122 }) else { continue }
      output.removeAll(keepingCapacity: true)
      word.withUnsafeBytes { stemmer.stem($0, into: &output) }
      let filter = CompoundSplitFilter(stems: [output], overrides: overrides)
      if !word.withUnsafeBytes(filter.admits) {
        missed.append("\(String(decoding: word, as: UTF8.self)) → \(String(decoding: output, as: UTF8.self))")
      }
    }
    #expect(missed.isEmpty, "\(missed.count) words: \(missed.prefix(20))")
  }

  @Test(
    "fragments",
    arguments: [
      (["veilig"], "ketenveiligheid", ["veil"]),
      (["lid"], "kamerleden", ["leden", "li"]),
      (["rijksoverheid"], "rijksoverheden", ["rijksoverhe"]),
      (["financieel"], "financiele", ["financie"]),
      (["brod"], "broodjes", ["br"]),
      (["veilig", "veiligheid"], "veiligheid", ["veil"]),
    ])
  func fragments(_ stems: [String], _ word: String, _ expected: [String]) {
    let filter = CompoundSplitFilter(stems: stems.map { Array($0.utf8) }, overrides: Self.overrides)
    #expect(Set(filter.fragments.map { String(decoding: $0, as: UTF8.self) }) == Set(expected))
    #expect(Array(word.utf8).withUnsafeBytes(filter.admits))
  }

  @Test("a word with no fragment is left whole")
  func skipsOtherWords() throws {
    let analyzer = try Analyzer(language: .dutch)
    analyzer.restrictCompoundSplitting(toStems: ["cloud"])
    var tokens: [Token] = []
    try Array("de ketenveiligheid van clouddiensten".utf8).withUnsafeBytes {
      _ = try analyzer.analyze($0, into: &tokens)
    }
    let parts = tokens.filter { $0.kind == .compoundPart }.map { analyzer.form($0.form) }
    #expect(parts == ["cloud", "diensten"])
  }

  @Test("the bundled Corpus: restricted analysis finds the same tokens of each wanted part stem")
  func sameTokensOnCorpus() throws {
    let folder = BundledData.corpus.appendingPathComponent("nl")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    let full = try Analyzer(language: .dutch)
    let restricted = try Analyzer(language: .dutch)
    var checked = 0
    for name in names {
      let bytes = Array(try Data(contentsOf: folder.appendingPathComponent(name)))
      var tokens: [Token] = []
      try bytes.withUnsafeBytes { _ = try full.analyze($0, into: &tokens) }
      let partStems = Set(tokens.filter { $0.kind == .compoundPart }.map { full.stem($0.stem) })
      // Five part stems per document, a different spread for each, and all together.
      let sample = partStems.sorted().enumerated().filter { $0.offset % max(1, partStems.count / 5) == 0 }.map(
        \.element)
      for wanted in sample.map({ Set([$0]) }) + [partStems] {
        restricted.restrictCompoundSplitting(toStems: wanted)
        var narrow: [Token] = []
        try bytes.withUnsafeBytes { _ = try restricted.analyze($0, into: &narrow) }
        let expected = tokens.filter { wanted.contains(full.stem($0.stem)) }.map { "\($0.range) \($0.kind)" }
        let got = narrow.filter { wanted.contains(restricted.stem($0.stem)) }.map { "\($0.range) \($0.kind)" }
        #expect(got == expected, "\(name), \(wanted.sorted().prefix(3))")
        checked += 1
      }
    }
    #expect(checked > 50)
  }
}
