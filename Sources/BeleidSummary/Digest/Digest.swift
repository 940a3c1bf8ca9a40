/// A newsletter digest.
///
/// A lead across the items, a contents list and a short summary per item.
/// Templates render it; JSON is its encoding.
///
/// Every field a template may use is a stored property, so a user's own
/// Mustache template sees the same names the README lists.
public struct Digest: Sendable, Codable {
  /// A key term and its equivalent in the other language.
  public struct Term: Sendable, Codable, Equatable {
    public var term: String
    /// Empty when the glossary does not know the term.
    public var equivalent: String
    public var hasEquivalent: Bool
  }

  /// A sentence of the lead, from one of the items.
  public struct LeadSentence: Sendable, Codable, Equatable {
    /// As in the source, glossed when asked.
    public var text: String
    /// The same, HTML-escaped, glosses in grey.
    public var html: String
    /// The number of the item it comes from (1-based).
    public var item: Int
  }

  /// One document of the digest.
  public struct Item: Sendable, Codable, Equatable {
    /// 1-based, as in the contents list.
    public var number: Int
    /// An anchor for links within the digest: "item-1".
    public var anchor: String
    public var title: String
    public var date: String
    public var source: String
    /// The document's URL, else its path.
    public var link: String
    /// The document's URL, else its path as a file: URL, for links.
    public var href: String
    public var path: String
    /// nl or en.
    public var language: String
    /// The summary's sentences, verbatim (glossed when asked).
    public var sentences: [String]
    /// The sentences as one paragraph.
    public var summary: String
    /// The paragraph HTML-escaped, glosses in grey.
    public var summaryHTML: String
    /// Key terms, those with glossary equivalents first.
    public var keyTerms: [Term]
    public var hasKeyTerms: Bool
    /// "nl: term (equivalent); …" for text formats.
    public var keyTermsText: String
  }

  public var title: String
  /// What the digest covers: "5 items · query: digitale autonomie".
  public var subtitle: String
  /// The day it was made, YYYY-MM-DD.
  public var generated: String
  public var query: String?
  /// The language glosses were written in, if any.
  public var gloss: String?
  public var lead: [LeadSentence]
  public var hasLead: Bool
  public var items: [Item]
  /// Things the reader of the digest need not see but its maker should:
  /// duplicates dropped, a query ignored.
  public var notes: [String]
}
