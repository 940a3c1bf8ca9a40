import BeleidDocuments
import Foundation
import Yams

/// beleid's own glossary format: YAML, one file per domain.
///
/// ```yaml
/// domain: supply chain
/// concepts:
///   - id: ketenveiligheid
///     nl: ["beveiliging van de toeleveringsketen", "ketenveiligheid"]
///     en: ["supply chain security"]
///     deprecated: {en: ["chain security"]}
///     definition: "Managing the security risks of suppliers."
///     source: "NIS 2 art. 21(2)(d)"
/// ```
///
/// In a language's list the first term is preferred and the others are
/// admitted; a term written as a mapping (`{term: "CRA", type: acronym}`)
/// may state its own status and fields. Glossary/README.md has the rest.
enum YAMLGlossary {
  static let conceptKeys: Set<String> = [
    "id", "domain", "definition", "note", "source", "deprecated", "general", "properties",
  ]
  static let termKeys: Set<String> = ["term", "status", "type", "pos", "context", "note", "source", "properties"]

  /// Reads one YAML glossary file; bad concepts are reported and skipped.
  static func read(_ bytes: [UInt8], file: String) throws -> (Glossary, [GlossaryIssue]) {
    let (text, decodingIssues) = try GlossaryText.decode(bytes, file: file)
    var issues = decodingIssues
    let root: Node?
    if let (message, line) = YAMLLimits.problem(in: text) {
      throw GlossaryError(message, file: file, line: line)
    }
    do {
      // The basic resolver reads every scalar as text, skipping Yams's
      // regular expressions for numbers and dates (most of the load time).
      root = try Yams.compose(yaml: text, .basic)
    } catch let error as YamlError {
      throw GlossaryError("not valid YAML: \(Self.describe(error))", file: file, line: Self.line(of: error))
    }
    guard let root else { return (Glossary(), issues) }
    guard let mapping = root.mapping else {
      throw GlossaryError("the file should be a mapping with 'domain:' and 'concepts:'", file: file, line: line(root))
    }
    var domain: String?
    var title: String?
    var conceptNodes: [Node] = []
    for (key, value) in mapping {
      switch key.string ?? "" {
      case "domain": domain = value.string
      case "title": title = value.string
      case "concepts":
        guard let sequence = value.sequence else {
          throw GlossaryError("'concepts' should be a list", file: file, line: line(value))
        }
        conceptNodes = Array(sequence)
      default:
        issues.append(
          GlossaryIssue(
            .error, .malformed, "unknown key '\(key.string ?? "?")' (expected domain, title, concepts)", file: file,
            line: line(key)))
      }
    }
    var concepts: [Concept] = []
    for node in conceptNodes {
      do {
        concepts.append(try concept(node, domain: domain, file: file))
      } catch let error as GlossaryError {
        issues.append(GlossaryIssue(.error, .malformed, error.reason, file: file, line: error.line))
      }
    }
    return (Glossary(title: title, concepts: concepts), issues)
  }

  private static func concept(_ node: Node, domain: String?, file: String) throws -> Concept {
    guard let mapping = node.mapping else {
      throw GlossaryError("a concept should be a mapping with id, nl, en…", file: file, line: line(node))
    }
    var concept = Concept(id: "", domain: domain, location: SourceLocation(file: file, line: line(node) ?? 0))
    var terms: [Term] = []
    var general = false
    for (key, value) in mapping {
      let name = key.string ?? ""
      switch name {
      case "id": concept.id = try string(value, "id", file: file)
      case "domain": concept.domain = try optionalString(value, "domain", file: file)
      case "note": concept.note = try optionalString(value, "note", file: file)
      case "source": concept.source = try optionalString(value, "source", file: file)
      case "definition":
        if let text = value.string, value.mapping == nil {
          concept.definitions["en"] = text
        } else if let map = value.mapping {
          for (language, text) in map {
            concept.definitions[language.string ?? ""] = try string(text, "definition", file: file)
          }
        } else {
          throw GlossaryError(
            "'definition' should be text, or a mapping from language to text", file: file, line: line(value))
        }
      case "deprecated":
        guard let map = value.mapping else {
          throw GlossaryError(
            "'deprecated' should map languages to lists: {en: [\"…\"]}", file: file, line: line(value))
        }
        for (language, list) in map {
          let code = language.string ?? ""
          guard isLanguage(code) else {
            throw GlossaryError("'\(code)' is not a language code", file: file, line: line(language))
          }
          terms += try termList(list, language: code, deprecated: true, file: file)
        }
      case "general":
        guard let flag = value.bool else {
          throw GlossaryError("'general' should be true or false", file: file, line: line(value))
        }
        general = flag
      case "properties":
        concept.properties = try properties(value, file: file)
      default:
        guard isLanguage(name) else {
          throw GlossaryError(
            "unknown key '\(name)' (expected id, nl, en, deprecated, definition, note, source, domain, general)",
            file: file,
            line: line(key))
        }
        terms += try termList(value, language: name, deprecated: false, file: file)
      }
    }
    guard !concept.id.isEmpty else { throw GlossaryError("a concept has no 'id'", file: file, line: line(node)) }
    concept.terms = terms
    if general { concept.isMarkedGeneral = true }
    return concept.normalized()
  }

  private static func termList(_ node: Node, language: String, deprecated: Bool, file: String) throws -> [Term] {
    let items: [Node] = node.sequence.map(Array.init) ?? [node]
    var terms: [Term] = []
    for (index, item) in items.enumerated() {
      let positional: Term.Status = deprecated ? .deprecated : (index == 0 ? .preferred : .admitted)
      if let map = item.mapping {
        var term = Term("", language: language, status: positional, line: line(item))
        for (key, value) in map {
          let name = key.string ?? ""
          switch name {
          case "term": term.text = try string(value, "term", file: file)
          case "status":
            let word = try string(value, "status", file: file)
            guard let status = Term.Status(tbx: word) else {
              throw GlossaryError(
                "unknown status '\(word)' (expected preferred, admitted or deprecated)", file: file, line: line(value))
            }
            term.status = status
          case "type": term.type = try string(value, "type", file: file)
          case "pos": term.partOfSpeech = try string(value, "pos", file: file)
          case "context": term.context = try string(value, "context", file: file)
          case "note": term.note = try string(value, "note", file: file)
          case "source": term.source = try string(value, "source", file: file)
          case "properties": term.properties = try properties(value, file: file)
          default:
            throw GlossaryError(
              "unknown key '\(name)' in a term (expected \(termKeys.sorted().joined(separator: ", ")))", file: file,
              line: line(key))
          }
        }
        guard term.text.contains(where: { !$0.isWhitespace }) else {
          throw GlossaryError("a term mapping has no 'term'", file: file, line: line(item))
        }
        terms.append(term)
      } else {
        let text = try string(item, "a \(language) term", file: file)
        guard text.contains(where: { !$0.isWhitespace }) else {
          throw GlossaryError("an empty \(language) term", file: file, line: line(item))
        }
        terms.append(Term(text, language: language, status: positional, line: line(item)))
      }
    }
    return terms
  }

  private static func properties(_ node: Node, file: String) throws -> [Property] {
    guard let items = node.sequence else {
      throw GlossaryError("'properties' should be a list of {element, type, value}", file: file, line: line(node))
    }
    return try items.map { item in
      guard let map = item.mapping, let element = map["element"]?.string, let value = map["value"]?.string else {
        throw GlossaryError("a property needs 'element' and 'value'", file: file, line: line(item))
      }
      return Property(element: element, type: map["type"]?.string, value: value, language: map["language"]?.string)
    }
  }

  /// Text, or nil for an empty value, `~` or `null` written without quotes.
  private static func optionalString(_ node: Node, _ what: String, file: String) throws -> String? {
    let text = try string(node, what, file: file)
    if node.scalar?.style == .plain && ["", "~", "null", "Null", "NULL"].contains(text) { return nil }
    return text
  }

  private static func string(_ node: Node, _ what: String, file: String) throws -> String {
    guard let scalar = node.scalar else {
      throw GlossaryError("\(what) should be text, not a list or mapping", file: file, line: line(node))
    }
    return scalar.string
  }

  static func isLanguage(_ key: String) -> Bool {
    let parts = key.split(separator: "-", omittingEmptySubsequences: false)
    guard let first = parts.first, (2...3).contains(first.count),
      first.allSatisfy({ $0.isASCII && $0.isLowercase })
    else { return false }
    return parts.dropFirst().allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
  }

  static func line(_ node: Node) -> Int? { node.mark?.line }

  private static func line(of error: YamlError) -> Int? {
    switch error {
    case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
    default: nil
    }
  }

  private static func describe(_ error: YamlError) -> String {
    switch error {
    case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
      .composer(let context, let problem, _, _):
      [context.map { "\($0.text)" }, problem].compactMap { $0 }.joined(separator: ": ")
    case .reader(let problem, _, _, _): problem
    default: "\(error)"
    }
  }

  // MARK: - Writing

  /// The glossary as YAML, in the layout of the curated files.
  ///
  /// Concepts of another domain than the file's carry their own `domain:`.
  static func write(_ glossary: Glossary, domain: String? = nil) -> String {
    let fileDomain = domain ?? mostCommonDomain(glossary)
    var out = "# Written by beleid glossary export; format: Glossary/README.md.\n"
    if let title = glossary.title { out += "title: \(quote(title))\n" }
    if let fileDomain { out += "domain: \(quote(fileDomain))\n" }
    out += "concepts:\n"
    for concept in glossary.concepts {
      out += "  - id: \(quote(concept.id))\n"
      if concept.domain != fileDomain, let conceptDomain = concept.domain {
        out += "    domain: \(quote(conceptDomain))\n"
      }
      var deprecated: [(String, [Term])] = []
      for language in concept.languages {
        let terms = concept.terms(in: language).filter { $0.status != .deprecated }
        let tag = concept.terms.first { $0.languageCode == language }!.language
        let old = concept.terms(in: language).filter { $0.status == .deprecated }
        if !old.isEmpty { deprecated.append((tag, old)) }
        guard !terms.isEmpty else { continue }
        let items = terms.enumerated().map { index, term in
          item(term, positional: index == 0 ? .preferred : .admitted)
        }
        out += "    \(tag): [\(items.joined(separator: ", "))]\n"
      }
      if !deprecated.isEmpty {
        let lists = deprecated.map { tag, terms in
          "\(tag): [" + terms.map { item($0, positional: .deprecated) }.joined(separator: ", ") + "]"
        }
        out += "    deprecated: {\(lists.joined(separator: ", "))}\n"
      }
      if concept.definitions.count == 1, let english = concept.definitions["en"] {
        out += "    definition: \(quote(english))\n"
      } else if !concept.definitions.isEmpty {
        let pairs = concept.definitions.sorted { $0.key < $1.key }.map { "\($0.key): \(quote($0.value))" }
        out += "    definition: {\(pairs.joined(separator: ", "))}\n"
      }
      if let note = concept.note { out += "    note: \(quote(note))\n" }
      if let source = concept.source { out += "    source: \(quote(source))\n" }
      if concept.isMarkedGeneral { out += "    general: true\n" }
      let properties = concept.properties.filter { $0 != Concept.generalProperty }
      if !properties.isEmpty { out += "    properties: \(propertyList(properties))\n" }
    }
    return out
  }

  private static func item(_ term: Term, positional: Term.Status) -> String {
    let plain =
      term.status == positional && term.type == nil && term.partOfSpeech == nil && term.context == nil
      && term.note == nil && term.source == nil && term.properties.isEmpty
    if plain { return quote(term.text) }
    var fields = ["term: \(quote(term.text))"]
    if term.status != positional { fields.append("status: \(term.status.rawValue)") }
    if let type = term.type { fields.append("type: \(quote(type))") }
    if let pos = term.partOfSpeech { fields.append("pos: \(quote(pos))") }
    if let context = term.context { fields.append("context: \(quote(context))") }
    if let note = term.note { fields.append("note: \(quote(note))") }
    if let source = term.source { fields.append("source: \(quote(source))") }
    if !term.properties.isEmpty { fields.append("properties: \(propertyList(term.properties))") }
    return "{" + fields.joined(separator: ", ") + "}"
  }

  private static func propertyList(_ properties: [Property]) -> String {
    "["
      + properties.map { property in
        var fields = ["element: \(quote(property.element))"]
        if let type = property.type { fields.append("type: \(quote(type))") }
        if let language = property.language { fields.append("language: \(quote(language))") }
        fields.append("value: \(quote(property.value))")
        return "{" + fields.joined(separator: ", ") + "}"
      }.joined(separator: ", ") + "]"
  }

  private static func mostCommonDomain(_ glossary: Glossary) -> String? {
    var counts: [String: Int] = [:]
    for concept in glossary.concepts { if let domain = concept.domain { counts[domain, default: 0] += 1 } }
    return counts.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
  }

  /// A double-quoted YAML scalar.
  static func quote(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0xFEFF {
          out += String(format: "\\u%04X", scalar.value)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}
