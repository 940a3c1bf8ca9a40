import Foundation
import Testing

@testable import BeleidServer

struct QueryParametersTests {
  @Test(
    "form decoding: + is a space, %XX a byte; a stray % or bytes that are not UTF-8 stay as written",
    arguments: [
      ("supply+chain+security", "supply chain security"),
      ("ketenveiligheid", "ketenveiligheid"),
      ("a%2Bb", "a+b"),
      ("%22digitale+autonomie%22+date%3A2026", "\"digitale autonomie\" date:2026"),
      ("co%C3%B6rdinatie", "coördinatie"),
      ("%e2%82%ac", "€"),
      ("100%", "100%"),
      ("50%+korting", "50% korting"),
      ("%zz", "%zz"),
      ("%C3", "%C3"),
      ("%FF%FE", "%FF%FE"),
      ("", ""),
    ])
  func formDecoded(raw: String, decoded: String) {
    #expect(QueryParameters.formDecoded(Substring(raw)) == decoded)
    // As Foundation decodes it, where Foundation can.
    if let foundation = raw.replacingOccurrences(of: "+", with: " ").removingPercentEncoding {
      #expect(QueryParameters.formDecoded(Substring(raw)) == foundation)
    }
  }
}
