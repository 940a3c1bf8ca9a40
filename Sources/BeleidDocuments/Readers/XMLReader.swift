import BeleidAnalysis
import Foundation

/// Reads official Dutch XML: BWB laws, Staatsblad, Staatscourant,
/// Gemeenteblad, Provinciaal blad, CVDR local regulations, court rulings,
/// and metadata records.
///
/// The root element decides the profile: which elements hold the title,
/// date, identifier and source, and which subtrees are metadata to leave out
/// of the text. Other XML is read generically (its text content). A
/// malformed file is reported with the parser's line number.
package struct XMLReader: DocumentReader {
  package var format: String { "xml" }

  /// Creates the reader.
  package init() {}

  package func accepts(_ file: SourceFile) -> Bool {
    var head = file.head.prefix(512)
    if head.starts(with: [0xEF, 0xBB, 0xBF]) { head = head.dropFirst(3) }
    let text = String(decoding: head, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    if text.hasPrefix("<?xml") && !text.lowercased().contains("<html") { return true }
    return file.pathExtension == "xml" && text.hasPrefix("<")
  }

  package func read(_ file: SourceFile, emit: (Document) throws -> Void) throws -> [String] {
    guard let decoded = TextDecoding.decode(try file.bytes()) else { throw DocumentError(path: file.path, .binary) }
    let extractor = XMLTextExtractor()
    do {
      try XMLScanner.scan(decoded.text) { extractor.handle($0) }
    } catch let failure as XMLScanner.Failure {
      throw DocumentError(path: file.path, line: failure.line, .malformed("XML is not well-formed: \(failure.message)"))
    }
    let profile = XMLProfile.profile(for: extractor.root)
    let text = extractor.text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard text.contains(where: { $0.isLetter }) else { throw DocumentError(path: file.path, .empty) }
    var document = Document(
      key: file.path, path: file.path,
      title: profile.title(extractor) ?? PlainTextReader.title(of: text) ?? file.path.fileStem, body: text,
      format: "xml-\(profile.name)")
    document.date = profile.date(extractor)
    document.language = extractor.language.flatMap { Language(code: String($0.prefix(2))) }
    document.source = profile.source(extractor)
    document.url = extractor.first(["dcterms:identifier", "identifier"]).flatMap { $0.hasPrefix("http") ? $0 : nil }
    if let identifier = profile.identifier(extractor) { document.metadata["identifier"] = identifier }
    if let type = XMLProfile.type(extractor) { document.metadata["type"] = type }
    try emit(document)
    return []
  }
}

/// Collects an XML document's text and the values of interesting elements.
final class XMLTextExtractor {
  /// Elements whose subtree is metadata, left out of the text.
  static let metadataElements: Set<String> = [
    "meta-data", "metadata", "bwb-inputbestand", "bwb-wijzigingen", "redactionele-correcties", "rdf:RDF",
    "brondata", "illustratie", "plaatje", "meta", "owmskern", "owmsmantel", "cvdripm", "jcis", "jci",
  ]
  /// Elements that end a line.
  static let blocks: Set<String> = [
    "al", "p", "para", "parablock", "lid", "artikel", "kop", "titel", "intitule", "li", "tr", "considerans.al",
    "wij", "afkondiging", "slotformulering", "ondertekening", "hoofdstuk", "paragraaf", "afdeling", "sectie",
    "inhoudsindicatie", "uitspraak", "conclusie", "title", "section", "div", "table", "row", "entry", "item",
    "tekst", "aanhef", "nota-toelichting", "toelichting", "lijst", "regeling-tekst", "citeertitel",
  ]

  private(set) var root = ""
  private(set) var text = ""
  private(set) var language: String?
  /// Values of elements, by name, in document order (first 50 per name).
  private(set) var values: [String: [String]] = [:]
  /// Attributes of elements, by element name (first occurrence).
  private(set) var attributes: [String: [String: String]] = [:]
  private var stack: [String] = []
  private var skipDepth = 0
  private var current: [String] = []
  /// The skip depth when each open element started: its value takes only
  /// text at that depth, not text of metadata nested inside it.
  private var currentSkip: [Int] = []

  func handle(_ event: XMLScanner.Event) {
    switch event {
    case .start(let name, let attributes): start(name, attributes)
    case .end(let name): end(name)
    case .text(let text): characters(text)
    }
  }

  private func start(_ name: String, _ attributeDict: [String: String]) {
    if stack.isEmpty {
      root = name
      // Metadata records are all metadata: keep their text.
    }
    if attributes[name] == nil { attributes[name] = attributeDict }
    // <meta name="DC.title" content="…"/>: a value named by its attribute.
    if let key = attributeDict["name"], let content = attributeDict["content"], !content.isEmpty {
      if values[key, default: []].count < 50 { values[key, default: []].append(content) }
      if XMLProfile.isMetadataRecord(root) || stack.isEmpty {
        newline()
        text += "\(key): \(content)"
        newline()
      }
    }
    if language == nil, let lang = attributeDict["xml:lang"] { language = lang }
    if XMLProfile.isMetadataRecord(root) == false && Self.metadataElements.contains(name) && !stack.isEmpty {
      skipDepth += 1
    }
    stack.append(name)
    current.append("")
    currentSkip.append(skipDepth)
    if Self.blocks.contains(name) { newline() }
  }

  private func end(_ name: String) {
    currentSkip.removeLast()
    let value = current.popLast()?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    if !value.isEmpty, values[name, default: []].count < 50 { values[name, default: []].append(value) }
    stack.removeLast()
    if XMLProfile.isMetadataRecord(root) == false && Self.metadataElements.contains(name) && !stack.isEmpty {
      skipDepth -= 1
    }
    if Self.blocks.contains(name) {
      newline()
    } else if skipDepth == 0, let last = text.unicodeScalars.last, !last.properties.isWhitespace {
      text.unicodeScalars.append(" ")
    }
  }

  private func characters(_ string: String) {
    // Every open element collects its text, for metadata values (up to
    // 2,000 bytes; utf8.count is O(1), count would be O(n)).
    for index in current.indices where current[index].utf8.count < 2_000 && currentSkip[index] == skipDepth {
      current[index] += string
    }
    guard skipDepth == 0 else { return }
    var last = text.unicodeScalars.last
    for scalar in string.unicodeScalars {
      if scalar.properties.isWhitespace {
        if let previous = last, !previous.properties.isWhitespace {
          text.unicodeScalars.append(" ")
          last = " "
        }
      } else {
        text.unicodeScalars.append(scalar)
        last = scalar
      }
    }
  }

  private func newline() {
    while text.unicodeScalars.last == " " { text.unicodeScalars.removeLast() }
    if let last = text.unicodeScalars.last, last != "\n" { text.unicodeScalars.append("\n") }
  }

  /// The first value of any of `names`.
  func first(_ names: [String]) -> String? {
    for name in names { if let value = values[name]?.first { return value } }
    return nil
  }
}

/// What differs between official XML formats.
struct XMLProfile {
  let name: String
  let titles: [String]
  let dates: [String]
  let dateAttributes: [(element: String, attribute: String)]
  let identifiers: [String]
  let identifierAttribute: (element: String, attribute: String)?
  let sources: [String]
  let fixedSource: String?

  static let metadataRoots: Set<String> = [
    "wetstechnische-informatie", "work", "metadata_gegevens", "owms-metadata", "record", "searchRetrieveResponse",
  ]

  static func isMetadataRecord(_ root: String) -> Bool { metadataRoots.contains(root) }

  static func profile(for root: String) -> XMLProfile {
    switch root {
    case "toestand":
      return XMLProfile(
        name: "bwb", titles: ["citeertitel", "intitule", "officiele-titel"], dates: [],
        dateAttributes: [("toestand", "inwerkingtreding"), ("wetgeving", "inwerkingtredingsdatum")], identifiers: [],
        identifierAttribute: ("toestand", "bwb-id"), sources: [], fixedSource: "BWB (wetten.overheid.nl)")
    case "officiele-publicatie":
      return XMLProfile(
        name: "officiele-publicatie", titles: ["intitule", "officiele-titel", "titel"],
        dates: ["datumOndertekening", "dcterms:issued", "dcterms:available"], dateAttributes: [], identifiers: [],
        identifierAttribute: nil, sources: ["dcterms:creator"], fixedSource: nil)
    case "open-rechtspraak":
      return XMLProfile(
        name: "rechtspraak", titles: ["dcterms:title"], dates: ["dcterms:date", "dcterms:issued"], dateAttributes: [],
        identifiers: ["dcterms:identifier"], identifierAttribute: nil, sources: ["dcterms:creator"],
        fixedSource: "Rechtspraak")
    case "cvdr":
      return XMLProfile(
        name: "cvdr", titles: ["dcterms:title", "citeertitel", "intitule"],
        dates: ["dcterms:issued", "dcterms:modified", "dcterms:available"], dateAttributes: [],
        identifiers: ["dcterms:identifier"], identifierAttribute: nil, sources: ["dcterms:creator"],
        fixedSource: "CVDR (lokaleregelgeving.overheid.nl)")
    default:
      return XMLProfile(
        name: isMetadataRecord(root) ? "metadata" : "generic",
        titles: ["dcterms:title", "DC.title", "citeertitel", "titel", "title", "intitule"],
        dates: [
          "dcterms:issued", "DCTERMS.issued", "dcterms:modified", "DCTERMS.modified", "dcterms:available", "datum",
          "date",
        ],
        dateAttributes: [],
        identifiers: ["dcterms:identifier", "identifier"], identifierAttribute: ("toestand", "bwb-id"),
        sources: ["dcterms:creator", "DC.creator", "dcterms:publisher"], fixedSource: nil)
    }
  }

  /// The mastheads of official gazettes: a masthead names the gazette, not
  /// the publication.
  static let mastheads: Set<String> = [
    "staatsblad", "staatscourant", "gemeenteblad", "provinciaal blad", "waterschapsblad",
    "blad gemeenschappelijke regeling", "tractatenblad",
  ]

  func title(_ extractor: XMLTextExtractor) -> String? {
    for name in titles {
      for value in extractor.values[name] ?? [] where !Self.mastheads.contains(value.lowercased()) {
        return value.split(whereSeparator: \.isNewline).first.map(String.init) ?? value
      }
    }
    return nil
  }

  func date(_ extractor: XMLTextExtractor) -> String? {
    for (element, attribute) in dateAttributes {
      if let value = extractor.attributes[element]?[attribute], DocumentDate.days(String(value.prefix(10))) != nil {
        return String(value.prefix(10))
      }
    }
    for name in dates {
      for value in extractor.values[name] ?? [] where DocumentDate.days(String(value.prefix(10))) != nil {
        return String(value.prefix(10))
      }
    }
    // Official publications often carry their date only in words:
    // "Besluit van 9 maart 2018".
    if name == "officiele-publicatie" {
      return DutchDate.first(in: title(extractor) ?? "") ?? DutchDate.first(in: String(extractor.text.prefix(3_000)))
    }
    return nil
  }

  /// The document's type: a BWB law's `soort` ("wet", "AMvB"), else a
  /// `dcterms:type` or `DC.type` value ("regeling", "Uitspraak").
  static func type(_ extractor: XMLTextExtractor) -> String? {
    if let soort = extractor.attributes["wetgeving"]?["soort"], !soort.isEmpty { return soort }
    return extractor.first(["dcterms:type", "DC.type", "DCTERMS.type"])
  }

  func identifier(_ extractor: XMLTextExtractor) -> String? {
    if let (element, attribute) = identifierAttribute, let value = extractor.attributes[element]?[attribute] {
      return value
    }
    return extractor.first(identifiers)
  }

  func source(_ extractor: XMLTextExtractor) -> String? {
    if let source = extractor.first(sources) { return source }
    if name == "officiele-publicatie",
      let masthead = extractor.values["titel"]?.first(where: { Self.mastheads.contains($0.lowercased()) })
    {
      return masthead.prefix(1).uppercased() + masthead.dropFirst().lowercased() + " (officielebekendmakingen.nl)"
    }
    return fixedSource
  }
}

/// Dates written in Dutch words: "9 maart 2018".
enum DutchDate {
  static let months = [
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november",
    "december",
  ]

  /// The first "D maand YYYY" in `text`, as YYYY-MM-DD.
  static func first(in text: String) -> String? {
    let words = text.lowercased().split(whereSeparator: { $0.isWhitespace || $0 == "," || $0 == "\u{A0}" })
    guard words.count >= 3 else { return nil }
    for index in 1..<(words.count - 1) {
      guard let month = months.firstIndex(of: String(words[index])), let day = Int(words[index - 1]),
        (1...31).contains(day), let year = Int(words[index + 1].prefix(4)), (1800...2100).contains(year)
      else { continue }
      let date = String(format: "%04d-%02d-%02d", year, month + 1, day)
      if DocumentDate.days(date) != nil { return date }
    }
    return nil
  }
}
