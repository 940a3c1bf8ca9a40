import BeleidAnalysis
import Foundation

/// Reads HTML pages: the main text, without navigation, scripts and boilerplate.
///
/// A tolerant tokenizer (real pages are rarely valid) walks the tags. Text
/// inside script, style, nav, header, footer, aside, form and similar
/// elements is dropped, as is text in elements whose class or id names
/// navigation, menus, breadcrumbs, cookies or footers. When the page has a
/// `<main>` or `<article>`, only its text counts. Block elements end lines.
/// The title comes from `<title>` or the Dublin Core and Open Graph meta
/// tags; the date and language from meta tags and `<html lang>`.
package struct HTMLReader: DocumentReader {
  package var format: String { "html" }

  /// Creates the reader.
  package init() {}

  package func accepts(_ file: SourceFile) -> Bool {
    let head = String(decoding: file.head.prefix(2048), as: UTF8.self).lowercased()
    let looksLikeHTML =
      head.contains("<html") || head.contains("<!doctype html") || head.contains("<body")
      || head.contains("<head")
    if ["html", "htm", "xhtml"].contains(file.pathExtension) { return looksLikeHTML }
    return looksLikeHTML && !head.hasPrefix("<?xml")
  }

  package func read(_ file: SourceFile, emit: (Document) throws -> Void) throws -> [String] {
    guard let decoded = TextDecoding.decode(try file.bytes()) else { throw DocumentError(path: file.path, .binary) }
    let page = HTMLText.extract(decoded.text)
    guard page.text.contains(where: { $0.isLetter }) else {
      throw DocumentError(path: file.path, .malformed("no text after removing scripts, styles and navigation"))
    }
    var document = Document(
      key: file.path, path: file.path, title: page.title ?? PlainTextReader.title(of: page.text) ?? file.path.fileStem,
      body: page.text, format: format)
    document.date = page.date
    document.language = page.language
    document.source = page.meta["dc.publisher"] ?? page.meta["dcterms.publisher"] ?? page.meta["og:site_name"]
    document.url = page.meta["og:url"] ?? page.meta["dc.identifier"].flatMap { $0.hasPrefix("http") ? $0 : nil }
    for key in ["description", "dc.description", "keywords", "dc.subject"] {
      if let value = page.meta[key] { document.metadata[key] = value }
    }
    if let type = page.meta["dc.type"] ?? page.meta["dcterms.type"] { document.metadata["type"] = type }
    try emit(document)
    var notes = decoded.converted ? ["converted from \(decoded.encoding)"] : []
    let unknown = HTMLText.unknownEntities(in: decoded.text)
    if !unknown.isEmpty {
      notes.append(
        "\(unknown.count) unknown entit\(unknown.count == 1 ? "y" : "ies") kept as text: \(unknown.prefix(5).joined(separator: " "))"
      )
    }
    return notes
  }
}

/// Extracts the readable text and metadata of an HTML page.
enum HTMLText {
  struct Page {
    var text: String
    var title: String?
    var date: String?
    var language: Language?
    var meta: [String: String]
  }

  /// Dropped with their content. Not `form`: ASP.NET pages wrap the
  /// whole page in one.
  static let dropped: Set<String> = [
    "script", "style", "noscript", "nav", "header", "footer", "aside", "button", "select", "textarea", "svg",
    "template", "iframe", "object", "canvas", "head",
  ]
  static let blocks: Set<String> = [
    "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section", "article", "main", "dd", "dt",
    "blockquote", "pre", "hr", "ul", "ol", "dl", "figcaption", "caption", "td", "th",
  ]
  static let voids: Set<String> = [
    "br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "wbr",
  ]
  static let boilerplateWords: Set<String> = [
    "nav", "navigation", "navbar", "menu", "breadcrumb", "breadcrumbs", "footer", "header", "cookie", "cookies",
    "sidebar", "skip", "share", "banner", "toolbar",
  ]

  static func extract(_ html: String) -> Page {
    let characters = Array(html.unicodeScalars)
    let lower = html.lowercased()
    let restrict = lower.contains("<main") ? "main" : (lower.contains("<article") ? "article" : nil)
    var text = String.UnicodeScalarView()
    var title = ""
    var meta: [String: String] = [:]
    var language: String?
    var stack: [(name: String, dropped: Bool)] = []
    var dropDepth = 0
    var inTitle = false
    var inside = restrict == nil ? 1 : 0
    var pre = 0
    var i = 0

    func newline() {
      while let last = text.last, last == " " { text.removeLast() }
      if let last = text.last, last != "\n" { text.append("\n") }
    }

    while i < characters.count {
      let c = characters[i]
      if c == "<" {
        // Comments and CDATA.
        if match(characters, i, "<!--") {
          i = find(characters, from: i + 4, "-->").map { $0 + 3 } ?? characters.count
          continue
        }
        guard let close = find(characters, from: i + 1, ">") else { break }
        let tag = String(String.UnicodeScalarView(characters[(i + 1)..<close]))
        i = close + 1
        if tag.hasPrefix("!") || tag.hasPrefix("?") { continue }
        let isEnd = tag.hasPrefix("/")
        let body = isEnd ? String(tag.dropFirst()) : tag
        let name = String(body.prefix { !$0.isWhitespace && $0 != "/" && $0 != ">" }).lowercased()
        guard !name.isEmpty else { continue }
        if isEnd {
          if let index = stack.lastIndex(where: { $0.name == name }) {
            for element in stack[index...] where element.dropped { dropDepth -= 1 }
            for element in stack[index...] where element.name == restrict { inside -= 1 }
            for element in stack[index...] where element.name == "pre" { pre -= 1 }
            stack.removeSubrange(index...)
          }
          if name == "title" { inTitle = false }
          if blocks.contains(name) { newline() }
          continue
        }
        let attributes = parseAttributes(body)
        if name == "html", let lang = attributes["lang"] { language = lang }
        if name == "meta" {
          let key = (attributes["name"] ?? attributes["property"] ?? "").lowercased()
          if !key.isEmpty, let content = attributes["content"] { meta[key] = decodeEntities(content) }
          continue
        }
        if name == "title" && title.isEmpty { inTitle = true }
        if blocks.contains(name) { newline() }
        if voids.contains(name) || body.hasSuffix("/") { continue }
        let words = ((attributes["class"] ?? "") + " " + (attributes["id"] ?? "") + " " + (attributes["role"] ?? ""))
          .lowercased().split(whereSeparator: { !$0.isLetter })
        let drop =
          dropped.contains(name)
          || words.contains { boilerplateWords.contains(String($0)) }
            && name != "body" && name != "main" && name != "article"
        if drop { dropDepth += 1 }
        if name == restrict { inside += 1 }
        if name == "pre" { pre += 1 }
        stack.append((name, drop))
        if ["script", "style"].contains(name) {
          // Raw text: skip to the end tag.
          if let end = find(characters, from: i, "</" + name) {
            i = end
          }
        }
        continue
      }
      // Text.
      var j = i
      while j < characters.count && characters[j] != "<" { j += 1 }
      let raw = decodeEntities(String(String.UnicodeScalarView(characters[i..<j])))
      i = j
      if inTitle {
        title += raw
        continue
      }
      guard dropDepth == 0 && inside > 0 else { continue }
      if pre > 0 {
        text.append(contentsOf: raw.unicodeScalars)
        continue
      }
      for scalar in raw.unicodeScalars {
        if scalar.properties.isWhitespace || scalar == "\u{A0}" {
          if let last = text.last, last != " " && last != "\n" { text.append(" ") }
        } else {
          text.append(scalar)
        }
      }
    }
    let cleaned = String(text).split(separator: "\n", omittingEmptySubsequences: false)
      .map { $0.trimmingCharacters(in: .whitespaces) }
      .reduce(into: [String]()) { lines, line in
        if line.isEmpty && (lines.last?.isEmpty ?? true) { return }
        lines.append(line)
      }
      .joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    let metaTitle = meta["dc.title"] ?? meta["dcterms.title"] ?? meta["og:title"]
    let pageTitle = title.trimmingCharacters(in: .whitespacesAndNewlines)
    var date: String?
    for key in [
      "dcterms.issued", "dc.date", "dcterms.date", "dcterms.created", "article:published_time", "date",
      "dcterms.modified", "overheid.datum",
    ] {
      if let value = meta[key], DocumentDate.days(String(value.prefix(10))) != nil {
        date = String(value.prefix(10))
        break
      }
    }
    let languageCode = language ?? meta["dc.language"] ?? meta["dcterms.language"] ?? meta["language"]
    return Page(
      text: cleaned, title: metaTitle ?? (pageTitle.isEmpty ? nil : pageTitle), date: date,
      language: languageCode.flatMap { Language(code: String($0.prefix(2))) }, meta: meta)
  }

  private static func match(_ characters: [Unicode.Scalar], _ at: Int, _ text: String) -> Bool {
    var k = at
    for scalar in text.unicodeScalars {
      guard k < characters.count, characters[k] == scalar else { return false }
      k += 1
    }
    return true
  }

  /// The index of `needle` at or after `from`, case-insensitive for ASCII.
  private static func find(_ characters: [Unicode.Scalar], from: Int, _ needle: String) -> Int? {
    let target = Array(needle.lowercased().unicodeScalars)
    guard !target.isEmpty else { return nil }
    var i = from
    while i + target.count <= characters.count {
      var k = 0
      while k < target.count {
        let a = characters[i + k].value
        let lowered = a >= 65 && a <= 90 ? a + 32 : a
        if lowered != target[k].value { break }
        k += 1
      }
      if k == target.count { return i }
      i += 1
    }
    return nil
  }

  /// Attributes of a start tag's text (after the name).
  static func parseAttributes(_ tag: String) -> [String: String] {
    var result: [String: String] = [:]
    let scalars = Array(tag.unicodeScalars)
    var i = 0
    while i < scalars.count && !scalars[i].properties.isWhitespace { i += 1 }
    while i < scalars.count {
      while i < scalars.count && (scalars[i].properties.isWhitespace || scalars[i] == "/") { i += 1 }
      var name = ""
      while i < scalars.count && !scalars[i].properties.isWhitespace && scalars[i] != "=" && scalars[i] != "/" {
        name.unicodeScalars.append(scalars[i])
        i += 1
      }
      while i < scalars.count && scalars[i].properties.isWhitespace { i += 1 }
      var value = ""
      if i < scalars.count && scalars[i] == "=" {
        i += 1
        while i < scalars.count && scalars[i].properties.isWhitespace { i += 1 }
        if i < scalars.count && (scalars[i] == "\"" || scalars[i] == "'") {
          let quote = scalars[i]
          i += 1
          while i < scalars.count && scalars[i] != quote {
            value.unicodeScalars.append(scalars[i])
            i += 1
          }
          i += 1
        } else {
          while i < scalars.count && !scalars[i].properties.isWhitespace {
            value.unicodeScalars.append(scalars[i])
            i += 1
          }
        }
      }
      if !name.isEmpty { result[name.lowercased()] = value }
    }
    return result
  }

  static let namedEntities: [String: String] = [
    "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "eacute": "é", "euml": "ë",
    "iuml": "ï", "ouml": "ö", "uuml": "ü", "auml": "ä", "egrave": "è", "agrave": "à", "ccedil": "ç", "ecirc": "ê",
    "ndash": "–", "mdash": "—", "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”", "hellip": "…", "euro": "€",
    "copy": "©", "reg": "®", "sect": "§", "deg": "°", "laquo": "«", "raquo": "»", "bull": "•", "middot": "·",
    "shy": "", "zwnj": "", "Eacute": "É", "ij": "ĳ", "oacute": "ó", "aacute": "á", "iacute": "í", "uacute": "ú",
  ]

  /// The character a numeric reference stands for; U+FFFD, as HTML
  /// parsers do, for NUL, surrogates, values past U+10FFFF and numbers
  /// too long to read.
  static func characterReference(_ value: UInt32?) -> String {
    guard let value, value != 0, let scalar = Unicode.Scalar(value) else { return "\u{FFFD}" }
    return String(scalar)
  }

  /// The named references in `text` that `decodeEntities` does not know
  /// and keeps as text (`&nope;`), each once, in order of appearance.
  static func unknownEntities(in text: String) -> [String] {
    guard text.utf8.contains(UInt8(ascii: "&")) else { return [] }
    var found: [String] = []
    var rest = Substring(text)
    while let ampersand = rest.firstIndex(of: "&") {
      let after = rest[rest.index(after: ampersand)...]
      rest = after
      guard let semicolon = after.prefix(12).firstIndex(of: ";") else { continue }
      let name = after[..<semicolon]
      guard let first = name.first, first.isLetter, name.allSatisfy({ $0.isLetter || $0.isNumber }),
        namedEntities[String(name)] == nil, !found.contains("&\(name);")
      else { continue }
      found.append("&\(name);")
    }
    return found
  }

  /// Replaces character references (&amp;, &#233;, &#xE9;).
  static func decodeEntities(_ text: String) -> String {
    guard text.contains("&") else { return text }
    var result = ""
    var rest = Substring(text)
    while let ampersand = rest.firstIndex(of: "&") {
      result += rest[..<ampersand]
      let after = rest[rest.index(after: ampersand)...]
      guard let semicolon = after.prefix(12).firstIndex(of: ";") else {
        result += "&"
        rest = after
        continue
      }
      let name = String(after[..<semicolon])
      var replacement: String?
      if name.hasPrefix("#x") || name.hasPrefix("#X") {
        replacement = characterReference(UInt32(name.dropFirst(2), radix: 16))
      } else if name.hasPrefix("#") {
        replacement = characterReference(UInt32(name.dropFirst()))
      } else {
        replacement = namedEntities[name]
      }
      if let replacement {
        result += replacement
        rest = after[after.index(after: semicolon)...]
      } else {
        result += "&"
        rest = after
      }
    }
    return result + rest
  }
}
