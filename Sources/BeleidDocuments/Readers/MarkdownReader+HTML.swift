extension MarkdownReader {
  /// The Markdown body with its raw HTML read as text.
  ///
  /// Markdown may hold HTML: NeRDS pages hold cards of `<div class="…">`,
  /// buttons and links. Kept raw, their tag and attribute names (*div*,
  /// *class*, *action-card*) were indexed, ranked as key terms and shown in
  /// snippets. An HTML block (a line that opens with a tag or a comment,
  /// running until its elements close and a blank line follows) becomes the
  /// text `HTMLText` reads from it, scripts, buttons and banners dropped;
  /// tags within a line of text go, their text stays. Fenced code blocks
  /// and code spans are left as written.
  ///
  /// - Complexity: O(*n*) in the length of the body.
  static func readingHTML(in body: String) -> String {
    guard body.contains("<") else { return body }
    let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
    var output: [Substring] = []
    var fence: Substring?
    var index = 0
    while index < lines.count {
      let line = lines[index]
      let indent = line.prefix { $0 == " " || $0 == "\t" }
      let trimmed = line.dropFirst(indent.count)
      if let open = fence {
        if trimmed.hasPrefix(open) { fence = nil }
        output.append(line)
        index += 1
        continue
      }
      if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
        fence = trimmed.prefix(3)
        output.append(line)
        index += 1
        continue
      }
      guard indent.count <= 3, opensHTMLBlock(trimmed) else {
        output.append(line.contains("<") ? Substring(withoutInlineTags(line)) : line)
        index += 1
        continue
      }
      let end = blockEnd(lines, from: index)
      let html = lines[index..<end].joined(separator: "\n")
      let text = HTMLText.extract(html).text
      // Each block element's text is a paragraph of its own: a card's
      // badge, heading and text are not one phrase.
      for paragraph in text.split(separator: "\n") {
        if let last = output.last, !last.allSatisfy(\.isWhitespace) { output.append("") }
        output.append(paragraph)
      }
      if !text.isEmpty { output.append("") }
      index = end
    }
    return output.joined(separator: "\n")
  }

  /// Whether a line (without its indentation) opens an HTML block, as in
  /// CommonMark: a comment, a block element's tag, or any tag alone on its
  /// line; not an autolink (`<https://…>`) or a line of text that opens
  /// with `<em>`.
  private static func opensHTMLBlock(_ line: Substring) -> Bool {
    if line.hasPrefix("<!--") { return true }
    guard let tag = tag(at: line.startIndex, in: line) else { return false }
    let text = line[tag]
    let name = text.dropFirst(text.hasPrefix("</") ? 2 : 1).prefix { $0.isLetter || $0.isNumber }.lowercased()
    return HTMLText.blocks.contains(name) || HTMLText.dropped.contains(name) || blockNames.contains(name)
      || line[tag.upperBound...].allSatisfy(\.isWhitespace)
  }

  /// Block elements beyond those `HTMLText` breaks lines at.
  private static let blockNames: Set<String> = ["details", "summary", "figure", "center", "form", "fieldset", "dialog"]

  /// The index after the last line of the HTML block that starts at `start`:
  /// a comment runs to its `-->`; elements run until they are closed and a
  /// blank line (or the end) follows.
  private static func blockEnd(_ lines: [Substring], from start: Int) -> Int {
    let limit = min(lines.count, start + 2_000)
    if lines[start].drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("<!--") {
      var index = start
      while index < limit {
        if lines[index].contains("-->") { return index + 1 }
        index += 1
      }
      return limit
    }
    var depth = 0
    var index = start
    while index < limit {
      let line = lines[index]
      if line.allSatisfy(\.isWhitespace) && depth <= 0 { return index }
      depth += nesting(of: line)
      index += 1
    }
    return index
  }

  /// Start tags minus end tags in a line; void and self-closing tags count
  /// nothing.
  private static func nesting(of line: Substring) -> Int {
    var depth = 0
    var position = line.startIndex
    while let open = line[position...].firstIndex(of: "<") {
      guard let tag = tag(at: open, in: line) else {
        position = line.index(after: open)
        continue
      }
      let text = line[tag]
      let name = text.dropFirst(text.hasPrefix("</") ? 2 : 1).prefix { $0.isLetter || $0.isNumber }.lowercased()
      if text.hasPrefix("</") {
        depth -= 1
      } else if !text.hasSuffix("/>") && !HTMLText.voids.contains(name) {
        depth += 1
      }
      position = tag.upperBound
    }
    return depth
  }

  /// A line of text with its tags removed (a `<br>` becomes a space);
  /// code spans are kept as written.
  private static func withoutInlineTags(_ line: Substring) -> String {
    var result = ""
    var position = line.startIndex
    var inCode = false
    while position < line.endIndex {
      let character = line[position]
      if character == "`" { inCode.toggle() }
      if !inCode, character == "<", let tag = tag(at: position, in: line) {
        if line[tag].lowercased().hasPrefix("<br") { result.append(" ") }
        position = tag.upperBound
        continue
      }
      result.append(character)
      position = line.index(after: position)
    }
    return result
  }

  /// The names of HTML elements; anything else in angle brackets is text
  /// (a placeholder such as `<organisatie>`, `<Naam van de dienst>`).
  private static let elementNames: Set<String> = HTMLText.blocks.union(HTMLText.dropped).union(HTMLText.voids)
    .union(blockNames).union([
      "a", "abbr", "b", "bdi", "bdo", "big", "body", "cite", "code", "data", "del", "dfn", "em", "font", "html", "i",
      "ins", "kbd", "label", "mark", "picture", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup",
      "time", "tt", "u", "var", "video", "audio", "tbody", "thead", "tfoot", "colgroup", "legend", "option",
      "optgroup", "output", "progress", "meter", "map", "track", "param", "ruby", "rt", "rp", "nobr",
    ])

  /// The range of the HTML tag that starts at `start` (`<div class="x">`,
  /// `</span>`, `<br/>`), or nil: the name must be an HTML element's and
  /// end at white space, `/` or `>`, and the tag must close on this line.
  private static func tag(at start: Substring.Index, in line: Substring) -> Range<Substring.Index>? {
    guard start < line.endIndex, line[start] == "<" else { return nil }
    var position = line.index(after: start)
    if position < line.endIndex && line[position] == "/" { position = line.index(after: position) }
    guard position < line.endIndex, line[position].isASCII, line[position].isLetter else { return nil }
    while position < line.endIndex, line[position].isASCII,
      line[position].isLetter || line[position].isNumber
        || line[position] == "-"
    {
      position = line.index(after: position)
    }
    guard position < line.endIndex else { return nil }
    let nameStart = line[start...].dropFirst(line[line.index(after: start)] == "/" ? 2 : 1).startIndex
    guard elementNames.contains(line[nameStart..<position].lowercased()) else { return nil }
    let next = line[position]
    guard next == ">" || next == "/" || next == " " || next == "\t" else { return nil }
    var quote: Character?
    while position < line.endIndex {
      let character = line[position]
      if let open = quote {
        if character == open { quote = nil }
      } else if character == "\"" || character == "'" {
        quote = character
      } else if character == ">" {
        return start..<line.index(after: position)
      } else if character == "<" {
        return nil
      }
      position = line.index(after: position)
    }
    return nil
  }
}
