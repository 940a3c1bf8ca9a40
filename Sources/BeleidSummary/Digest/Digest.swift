/// A newsletter digest.
///
/// A lead across the items, a contents list and a short summary per item.
/// Templates render it; JSON is its encoding.
///
/// Every field a template may use is a stored property, so a user's own
/// Mustache template sees the same names the README lists.
package struct Digest: Sendable, Codable {
  /// A key term and its equivalent in the other language.
  package struct Term: Sendable, Codable, Equatable {
    package var term: String
    /// Empty when the glossary does not know the term.
    package var equivalent: String
    package var hasEquivalent: Bool
  }

  /// A sentence of the lead, from one of the items.
  package struct LeadSentence: Sendable, Codable, Equatable {
    /// As in the source, glossed when asked.
    package var text: String
    /// The same, HTML-escaped, glosses in grey.
    package var html: String
    /// The number of the item it comes from (1-based).
    package var item: Int
    /// Its item's language, nl or en, for the HTML's `lang`.
    package var language: String
  }

  /// One document of the digest.
  package struct Item: Sendable, Codable, Equatable {
    /// 1-based, as in the contents list.
    package var number: Int
    /// An anchor for links within the digest: "item-1".
    package var anchor: String
    /// The display title: an EU act's short form, or the title cut at a
    /// natural break after at most 12 words (`DisplayTitle`).
    package var title: String
    /// The document's title in full, for metadata and hover text.
    package var fullTitle: String
    package var date: String
    /// The publisher (`Publisher`), or "".
    package var source: String
    /// The date and the publisher, those known, joined by " · ".
    package var byline: String
    /// The document's URL, else the `linkBase` URL of a local file, else "".
    package var link: String
    /// The same, for links.
    package var href: String
    /// Whether there is a link: a local file without `linkBase` has none.
    package var hasLink: Bool
    /// Other versions of the document grouped with it, by format or date
    /// ("PDF", "2025-12-08").
    package var versions: [String]
    package var hasVersions: Bool
    package var path: String
    /// nl or en.
    package var language: String
    /// The summary's sentences, verbatim (glossed when asked).
    package var sentences: [String]
    /// The sentences as one paragraph.
    package var summary: String
    /// The paragraph HTML-escaped, glosses in grey.
    package var summaryHTML: String
    /// Key terms, those with glossary equivalents first.
    package var keyTerms: [Term]
    package var hasKeyTerms: Bool
    /// "nl: term (equivalent); …" for text formats.
    package var keyTermsText: String
  }

  package var title: String
  /// What the digest covers: "5 items · query: digitale autonomie".
  package var subtitle: String
  /// The day it was made, YYYY-MM-DD.
  package var generated: String
  package var query: String?
  /// The language glosses were written in, if any.
  package var gloss: String?
  package var lead: [LeadSentence]
  package var hasLead: Bool
  /// The text a mail reader shows beside the subject: the lead's first
  /// sentence (else the subtitle), cut to about 140 characters.
  package var preheader: String
  /// Optional text above the title, below the items, and an unsubscribe
  /// URL, from `DigestBuilder.Options` (`--header`, `--footer`,
  /// `--unsubscribe`); templates leave out those not given.
  package var header: String?
  package var footer: String?
  package var unsubscribe: String?
  package var items: [Item]
  /// Things the reader of the digest need not see but its maker should:
  /// duplicates dropped, a query ignored.
  package var notes: [String]
}
