import BeleidAnalysis
import BeleidDocuments
import Foundation
import Testing

@testable import BeleidSummary

@Suite("Key terms")
struct KeywordExtractorTests {
  @Test("glossary terms, compounds and phrases come first, with equivalents")
  func newsKeywords() throws {
    let keywords = try KeywordExtractor(matcher: bundledMatcher).keywords(of: document(newsArticle), limit: 12)
    let texts = keywords.map { $0.text.lowercased() }
    #expect(texts.contains("ketenveiligheid"))
    let keten = try #require(keywords.first { $0.text.lowercased() == "ketenveiligheid" })
    #expect(keten.equivalent == "supply chain security")
    #expect(keten.count == 2)
    #expect(keywords.contains { $0.text == "Cyberbeveiligingswet" && $0.equivalent != nil })
    #expect(keywords.contains { $0.text.split(separator: " ").count > 1 }, "\(texts)")
  }

  @Test(
    "stop words, numbers and short words are never key terms",
    arguments: ["de", "het", "van", "2026", "om", "ook"])
  func noNoise(_ word: String) throws {
    let keywords = try KeywordExtractor().keywords(of: document(newsArticle + " In 2026 om 12 uur."), limit: 50)
    #expect(!keywords.contains { $0.text.lowercased() == word })
  }

  @Test("an English document's terms get Dutch equivalents; a Dutch term in it is not glossed by itself")
  func english() throws {
    let text = """
      The cabinet wants better supply chain security. Supply chain security is hard for small firms. \
      The Dutch call it ketenveiligheid.
      """
    let keywords = try KeywordExtractor(matcher: bundledMatcher).keywords(of: document(text, language: .english))
    let chain = try #require(keywords.first { $0.text.lowercased() == "supply chain security" })
    #expect(["ketenveiligheid", "beveiliging van de toeleveringsketen"].contains(chain.equivalent ?? ""))
    #expect(!keywords.contains { $0.equivalent?.lowercased() == $0.text.lowercased() })
  }

  @Test("an empty document has no key terms")
  func empty() throws {
    #expect(try KeywordExtractor().keywords(of: document("")).isEmpty)
  }
}
