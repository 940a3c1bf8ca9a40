import Foundation

/// TBX, the ISO 30042 TermBase eXchange format, read and written.
///
/// Reads TBX v3 (`tbx/text/body/conceptEntry/langSec/termSec`, in either
/// namespace the 2019 standard's schemas and the current TBX-Basic dialect
/// use) and TBX v2 (`martif/text/body/termEntry/langSet/tig`). Writes
/// TBX-Basic in the DCA style, v3 or v2. Data categories beleid does not
/// interpret are kept as properties and written back, so a round trip
/// loses nothing.
enum TBXGlossary {
  /// The namespaces of TBX v3: the 2019 schemas' and TBX-Basic 1.2's.
  static let namespaces = ["urn:iso:std:iso:30042:ed-2", "urn:iso:std:iso:30042:ed:3.0"]

  // MARK: - Reading

  /// Reads a TBX file of either version.
  static func read(_ bytes: [UInt8], file: String) throws -> (Glossary, [GlossaryIssue]) {
    let (text, decodingIssues) = try GlossaryText.decode(bytes, file: file)
    var issues = decodingIssues
    guard text.drop(while: { $0.isWhitespace }).first == "<" else {
      throw GlossaryError("not XML: a TBX file starts with '<?xml' or '<tbx'", file: file, line: 1)
    }
    let root = try XMLTree.parse(text, file: file)
    let version2: Bool
    switch root.localName {
    case "tbx":
      version2 = false
      if let namespace = root.attributes["xmlns"] {
        guard namespaces.contains(namespace) else {
          throw GlossaryError(
            "wrong namespace '\(namespace)' for TBX v3; expected \(namespaces.joined(separator: " or "))", file: file,
            line: root.line)
        }
      } else {
        issues.append(
          GlossaryIssue(.warning, .malformed, "<tbx> has no xmlns; read as TBX v3", file: file, line: root.line))
      }
    case "martif":
      version2 = true
    default:
      throw GlossaryError(
        "not TBX: the root element is <\(root.name)>, not <tbx> or <martif>", file: file, line: root.line)
    }
    let header = root.child(version2 ? "martifHeader" : "tbxHeader")
    let title =
      header?.child("fileDesc")?.child("sourceDesc")?.child("p")?.text
      ?? header?.child("fileDesc")?.child("titleStmt")?.child("title")?.text
    guard let body = root.child("text")?.child("body") else {
      throw GlossaryError("no <text><body> in the TBX file", file: file, line: root.line)
    }
    var concepts: [Concept] = []
    for (index, entry) in body.children(version2 ? "termEntry" : "conceptEntry").enumerated() {
      do {
        concepts.append(try concept(entry, number: index + 1, version2: version2, file: file, issues: &issues))
      } catch let error as GlossaryError {
        issues.append(GlossaryIssue(.error, .malformed, error.reason, file: file, line: error.line))
      }
    }
    for other in body.children where other.localName != (version2 ? "termEntry" : "conceptEntry") {
      issues.append(
        GlossaryIssue(
          .error, .malformed,
          "unexpected <\(other.name)> in <body>; TBX \(version2 ? "v2" : "v3") expects <\(version2 ? "termEntry" : "conceptEntry")>",
          file: file,
          line: other.line))
    }
    return (Glossary(title: title, concepts: concepts), issues)
  }

  private static func concept(
    _ entry: XMLTree, number: Int, version2: Bool, file: String, issues: inout [GlossaryIssue]
  ) throws -> Concept {
    var concept = Concept(id: entry.attributes["id"] ?? "", location: SourceLocation(file: file, line: entry.line))
    if concept.id.isEmpty {
      concept.id = "c\(number)"
      issues.append(
        GlossaryIssue(
          .warning, .malformed, "a concept entry has no id; called it \(concept.id)", file: file, line: entry.line))
    }
    for child in entry.children {
      switch (child.localName, child.type) {
      case ("descrip", "subjectField"), ("subjectField", _): concept.domain = child.text
      case ("note", _): concept.note = child.text
      case ("admin", "source"), ("source", _): concept.source = child.text
      case ("descrip", "definition"), ("definition", _): concept.definitions["en"] = child.text
      case ("langSec", _), ("langSet", _):
        guard let language = child.language, !language.isEmpty else {
          throw GlossaryError(
            "a <\(child.name)> has no xml:lang, so its language is unknown", file: file, line: child.line)
        }
        try readLanguageSection(child, language: language, into: &concept, version2: version2, file: file)
      default:
        concept.properties += properties(child, language: nil)
      }
    }
    guard !concept.terms.isEmpty else {
      throw GlossaryError("concept \(concept.id) has no terms", file: file, line: entry.line)
    }
    return concept.normalized()
  }

  private static func readLanguageSection(
    _ section: XMLTree, language: String, into concept: inout Concept, version2: Bool, file: String
  ) throws {
    for child in Self.ungrouped(section.children) {
      switch (child.localName, child.type) {
      case ("descrip", "definition"), ("definition", _):
        concept.definitions[language] = child.text
      case ("termSec", _), ("tig", _):
        concept.terms.append(try term(child, language: language, file: file))
      case ("ntig", _):
        // TBX v2's ntig nests the term and its notes in a termGrp.
        guard let group = child.child("termGrp") else {
          throw GlossaryError("an <ntig> has no <termGrp>", file: file, line: child.line)
        }
        var term = try term(group, language: language, file: file)
        for extra in child.children where extra.localName != "termGrp" {
          term.properties += properties(extra, language: nil)
        }
        concept.terms.append(term)
      default:
        concept.properties += properties(child, language: language)
      }
    }
  }

  private static func term(_ section: XMLTree, language: String, file: String) throws -> Term {
    guard let termElement = section.child("term"), !termElement.text.isEmpty else {
      throw GlossaryError("a <\(section.name)> has no <term> text", file: file, line: section.line)
    }
    var term = Term(termElement.text, language: language, status: .admitted, line: termElement.line)
    for child in Self.ungrouped(section.children) where child !== termElement {
      switch (child.localName, child.type) {
      case ("termNote", "administrativeStatus"), ("administrativeStatus", _):
        guard let status = Term.Status(tbx: child.text) else {
          throw GlossaryError(
            "unknown administrativeStatus '\(child.text)' (expected preferredTerm-admn-sts, admittedTerm-admn-sts, deprecatedTerm-admn-sts)",
            file: file, line: child.line)
        }
        term.status = status
      case ("termNote", "termType"), ("termType", _): term.type = child.text
      case ("termNote", "partOfSpeech"), ("partOfSpeech", _): term.partOfSpeech = child.text
      case ("descrip", "context"), ("context", _): term.context = child.text
      case ("note", _): term.note = child.text
      case ("admin", "source"), ("source", _): term.source = child.text
      default: term.properties += properties(child, language: nil)
      }
    }
    return term
  }

  /// Children with the `descrip` of each `descripGrp` lifted out, so a
  /// grouped definition or context reads like a plain one; the group's
  /// other members (its source) stay in the group.
  private static func ungrouped(_ children: [XMLTree]) -> [XMLTree] {
    children.flatMap { child -> [XMLTree] in
      guard child.localName == "descripGrp", let descrip = child.child("descrip") else { return [child] }
      let rest = XMLTree(name: child.name, attributes: child.attributes, line: child.line)
      for other in child.children where other !== descrip { rest.append(other) }
      return rest.children.isEmpty ? [descrip] : [descrip, rest]
    }
  }

  /// An uninterpreted element as properties: itself, or for a group
  /// (`descripGrp`, `transacGrp`) each of its children, named by path.
  private static func properties(_ element: XMLTree, language: String?, prefix: String = "") -> [Property] {
    let path = prefix + element.name
    if element.children.isEmpty {
      return [Property(element: path, type: element.type, value: element.text, language: language)]
    }
    return element.children.flatMap { properties($0, language: language, prefix: path + "/") }
  }

  // MARK: - Writing

  /// The glossary as TBX-Basic, DCA style: v3, or v2 (`martif`) if asked.
  static func write(_ glossary: Glossary, version2: Bool = false) -> String {
    let (entry, section, group) = version2 ? ("termEntry", "langSet", "tig") : ("conceptEntry", "langSec", "termSec")
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    if version2 {
      out += "<martif type=\"TBX-Basic\" xml:lang=\"en\">\n  <martifHeader>\n"
    } else {
      out += "<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"en\" xmlns=\"\(namespaces[0])\">\n  <tbxHeader>\n"
    }
    let title = glossary.title ?? "beleid glossary"
    out +=
      "    <fileDesc>\n      <sourceDesc>\n        <p>\(title.xmlEscaped)</p>\n      </sourceDesc>\n    </fileDesc>\n"
    out += version2 ? "  </martifHeader>\n" : "  </tbxHeader>\n"
    out += "  <text>\n    <body>\n"
    for concept in glossary.concepts {
      out += "      <\(entry) id=\"\(concept.id.xmlEscaped)\">\n"
      let pad = "        "
      if let domain = concept.domain { out += "\(pad)<descrip type=\"subjectField\">\(domain.xmlEscaped)</descrip>\n" }
      if let note = concept.note { out += "\(pad)<note>\(note.xmlEscaped)</note>\n" }
      if let source = concept.source { out += "\(pad)<admin type=\"source\">\(source.xmlEscaped)</admin>\n" }
      for property in concept.properties where property.language == nil { out += element(property, pad: pad) }
      var languages = concept.terms.reduce(into: [String]()) { if !$0.contains($1.language) { $0.append($1.language) } }
      for language in concept.definitions.keys.sorted() where !languages.contains(language) {
        languages.append(language)
      }
      for language in concept.properties.compactMap(\.language) where !languages.contains(language) {
        languages.append(language)
      }
      for language in languages {
        out += "\(pad)<\(section) xml:lang=\"\(language.xmlEscaped)\">\n"
        let inner = pad + "  "
        if let definition = concept.definitions[language] {
          out += "\(inner)<descrip type=\"definition\">\(definition.xmlEscaped)</descrip>\n"
        }
        for property in concept.properties where property.language == language { out += element(property, pad: inner) }
        for term in concept.terms where term.language == language {
          let fields = inner + "  "
          out += "\(inner)<\(group)>\n"
          out += "\(fields)<term>\(term.text.xmlEscaped)</term>\n"
          out += "\(fields)<termNote type=\"administrativeStatus\">\(term.status.tbxValue)</termNote>\n"
          if let type = term.type { out += "\(fields)<termNote type=\"termType\">\(type.xmlEscaped)</termNote>\n" }
          if let pos = term.partOfSpeech {
            out += "\(fields)<termNote type=\"partOfSpeech\">\(pos.xmlEscaped)</termNote>\n"
          }
          if let context = term.context {
            out += "\(fields)<descrip type=\"context\">\(context.xmlEscaped)</descrip>\n"
          }
          if let note = term.note { out += "\(fields)<note>\(note.xmlEscaped)</note>\n" }
          if let source = term.source { out += "\(fields)<admin type=\"source\">\(source.xmlEscaped)</admin>\n" }
          for property in term.properties { out += element(property, pad: fields) }
          out += "\(inner)</\(group)>\n"
        }
        out += "\(pad)</\(section)>\n"
      }
      out += "      </\(entry)>\n"
    }
    out += "    </body>\n  </text>\n"
    out += version2 ? "</martif>\n" : "</tbx>\n"
    return out
  }

  /// A property as an element, nested in its groups: `descripGrp/admin`
  /// becomes `<descripGrp><admin>…</admin></descripGrp>`.
  private static func element(_ property: Property, pad: String) -> String {
    let path = property.element.split(separator: "/").map(String.init)
    let type = property.type.map { " type=\"\($0.xmlEscaped)\"" } ?? ""
    var out = pad
    for group in path.dropLast() { out += "<\(group)>" }
    out += "<\(path.last ?? "note")\(type)>\(property.value.xmlEscaped)</\(path.last ?? "note")>"
    for group in path.dropLast().reversed() { out += "</\(group)>" }
    return out + "\n"
  }
}
