import BeleidAnalysis
import Testing

struct WebLinkTests {
  @Test(
    "only absolute http(s) addresses without quotes, brackets or spaces become links",
    arguments: [
      ("https://eur-lex.europa.eu/legal-content/NL/TXT/?uri=CELEX:32024R2847", true),
      ("HTTP://example.org/a?b=c&d=e#f", true),
      ("javascript:alert(1)", false),
      ("JavaScript:alert(1)", false),
      (" javascript:alert(1)", false),
      ("data:text/html,<script>alert(1)</script>", false),
      ("https://example.org/\"onmouseover=\"alert(1)", false),
      ("https://example.org/><script>alert(1)</script>", false),
      ("https://example.org/a b", false),
      ("https://example.org/\n", false),
      ("file:///etc/passwd", false),
      ("/relative/path", false),
      ("", false),
    ])
  func safe(url: String, kept: Bool) {
    #expect((WebLink.safe(url) != nil) == kept)
    if kept { #expect(WebLink.safe(url) == url) }
  }
}
