internal import BeleidAnalysis
internal import BeleidDocuments

/// A document: its text and the metadata beleid keeps for it.
public struct Document: Sendable, Equatable, Codable {
  /// Its key in an index: its path, or `FILE.jsonl#id`.
  public var key: String
  /// Its title.
  public var title: String
  /// Its text.
  public var text: String
  /// Its date (`YYYY-MM-DD` or a prefix), when known.
  public var date: String?
  /// Its language, when known; nil lets beleid detect it.
  public var language: Language?
  /// Where it comes from (a publisher, a collection), when known.
  public var source: String?
  /// What kind of document it is ("wet", "EU directive"), when known.
  public var type: String?
  /// Its web address, when known.
  public var url: String?

  /// Creates a document from text, to summarise it.
  public init(
    key: String, title: String = "", text: String, date: String? = nil, language: Language? = nil,
    source: String? = nil, type: String? = nil, url: String? = nil
  ) {
    self.key = key
    self.title = title
    self.text = text
    self.date = date
    self.language = language
    self.source = source
    self.type = type
    self.url = url
  }

  /// The public view of a document that an index stored or a reader read.
  init(_ document: BeleidDocuments.Document) {
    self.init(
      key: document.key, title: document.title, text: document.body, date: document.date,
      language: document.language.map(Language.init), source: document.source,
      type: document.documentType, url: document.url)
  }

  /// The documents module's document.
  var stored: BeleidDocuments.Document {
    BeleidDocuments.Document(
      key: key, path: key, title: title, body: text, date: date, language: language?.analysis, source: source,
      url: url, format: "text", metadata: type.map { ["type": $0] } ?? [:])
  }
}
