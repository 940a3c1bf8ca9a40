import BeleidAnalysis
import Testing

@Suite("Dutch verb forms")
struct DutchVerbFormsTests {
  @Test(
    "an infinitive gives its present, past and participle forms by the spelling rules",
    arguments: [
      ("bepalen", ["bepaal", "bepaalt", "bepaalde", "bepaalden", "bepaald"]),
      ("verlenen", ["verleen", "verleent", "verleende", "verleend"]),
      ("openen", ["open", "opent", "opende", "geopend"]),
      ("stellen", ["stel", "stelt", "stelde", "gesteld"]),
      ("zetten", ["zet", "zette", "gezet"]),
      ("leven", ["leef", "leeft", "leefde", "geleefd"]),
      ("reizen", ["reis", "reist", "reisde", "gereisd"]),
      ("lachen", ["lach", "lacht", "lachte", "gelacht"]),
      ("werken", ["werk", "werkt", "werkte", "gewerkt"]),
      ("vinden", ["vind", "vindt"]),
    ])
  func forms(infinitive: String, expected: [String]) {
    let forms = DutchVerbForms.forms(ofInfinitive: infinitive)
    #expect(Set(expected).isSubset(of: Set(forms)), "\(forms)")
    #expect(!forms.contains(infinitive))
  }

  @Test(
    "a stressed a, o or u always doubles, so its single spelling is not offered",
    arguments: [("lonen", "londe"), ("bepalen", "bepalt"), ("huren", "hurt")])
  func stressedVowels(infinitive: String, wrong: String) {
    #expect(!DutchVerbForms.forms(ofInfinitive: infinitive).contains(wrong))
  }

  @Test(
    "words that do not look like an infinitive give nothing",
    arguments: ["wet", "gaan", "doen", "zien", "ideeën", "NIS2", "een", "", "overheden2"])
  func notInfinitives(word: String) {
    #expect(DutchVerbForms.forms(ofInfinitive: word).isEmpty)
  }
}
