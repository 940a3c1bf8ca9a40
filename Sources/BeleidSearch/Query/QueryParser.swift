import BeleidAnalysis
import BeleidDocuments
import Foundation

/// Parses beleid's query language into a `QueryNode`.
///
/// Grammar (lowest precedence first):
///
///     query     := or
///     or        := and ("OR" and)*
///     and       := sequence ("AND" sequence)*
///     sequence  := unary+                       the default operator
///     unary     := "NOT" unary | "+" primary | "-" primary | primary
///     primary   := "(" or ")" | phrase | field | word
///     phrase    := '"' text '"' ["~" N]
///     field     := ("title" | "lang" | "source" | "type" | "path" | "date") ":" (word | phrase)
///     word      := text ["*" | "~" [1|2]]
///
/// AND, OR and NOT count as operators only in capitals. Errors name the
/// column (1-based, in characters) where the problem is. Groups and
/// operators nest at most `maximumDepth` deep: the parser and the planner
/// recurse over the tree, and a query of 15,000 parentheses must be an
/// error, not a stack overflow.
///
/// - Complexity: O(*n*) in the length of the query.
package struct QueryParser: Sendable {
  /// Creates a parser.
  package init() {}

  private enum Token: Equatable {
    case word(String)
    case phrase(String, slop: Int)
    case open, close, and, or, not, plus, minus
    case field(String)
  }

  private struct Lexeme {
    var token: Token
    var column: Int
  }

  static let fields: Set<String> = ["title", "lang", "source", "type", "path", "date"]

  /// Dutch names users type for the fields.
  static let dutchFieldNames = [
    "titel": "title", "taal": "lang", "bron": "source", "soort": "type", "pad": "path", "datum": "date",
  ]

  /// The name before the colon of `word` when it looks like a field that
  /// is not one (`titel:cloud`): two or more ASCII letters, then a colon and
  /// more text that is not a URL's `//`.
  static func unknownField(_ word: String) -> String? {
    guard let colon = word.firstIndex(of: ":") else { return nil }
    let name = word[..<colon]
    let rest = word[word.index(after: colon)...]
    guard name.count >= 2, name.allSatisfy({ $0.isASCII && $0.isLetter }), !rest.isEmpty, !rest.hasPrefix("/"),
      !fields.contains(name.lowercased())
    else { return nil }
    return String(name)
  }

  /// The known field a misspelt or Dutch field name most likely means.
  static func nearestField(_ name: String) -> String? {
    let lowered = name.lowercased()
    if let english = dutchFieldNames[lowered] { return english }
    return fields.sorted().map { ($0, EditDistance.between(lowered, $0)) }.filter { $0.1 <= 2 }
      .min { $0.1 < $1.1 }?.0
  }

  /// How deep parentheses, NOT, + and - may nest, counted together.
  package static let maximumDepth = 64

  /// How many prefix (`word*`) and fuzzy (`word~2`) words one query may
  /// hold: each walks the term dictionary of every segment.
  package static let maximumExpansions = 16

  /// The longest query, in characters.
  package static let maximumLength = 10_000

  /// Parses `text`.
  package func parse(_ text: String) throws -> QueryNode {
    try checkLength(text)
    let lexemes = try lex(text)
    guard !lexemes.isEmpty else { throw QueryParseError("the query is empty", column: 1) }
    var expansions = 0
    for lexeme in lexemes {
      guard case .word(let word) = lexeme.token, word.hasSuffix("*") || word.dropFirst().contains("~") else {
        continue
      }
      expansions += 1
      if expansions > Self.maximumExpansions {
        throw QueryParseError(
          "a query may hold at most \(Self.maximumExpansions) prefix (*) and fuzzy (~) words", column: lexeme.column)
      }
    }
    var index = 0
    let node = try parseOr(lexemes, &index, depth: 0)
    if index < lexemes.count {
      let lexeme = lexemes[index]
      if lexeme.token == .close { throw QueryParseError("unbalanced ')': no '(' opens it", column: lexeme.column) }
      throw QueryParseError("unexpected \(describe(lexeme.token))", column: lexeme.column)
    }
    return node
  }

  /// Reads `text` as plain words, without operators, phrases or fields:
  /// for pasted sentences and evaluation queries, where "1)" or a stray
  /// quote is text, not syntax.
  package func parseLiteral(_ text: String) throws -> QueryNode {
    try checkLength(text)
    var words: [QueryNode] = []
    var column = 1
    var current = ""
    var start = 1
    for character in text {
      if character.isWhitespace {
        if !current.isEmpty { words.append(.word(current, column: start)) }
        current = ""
      } else {
        if current.isEmpty { start = column }
        current.append(character)
      }
      column += 1
    }
    if !current.isEmpty { words.append(.word(current, column: start)) }
    guard !words.isEmpty else { throw QueryParseError("the query is empty", column: 1) }
    return words.count == 1 ? words[0] : .sequence(words)
  }

  /// Throws for a query longer than `maximumLength` characters.
  private func checkLength(_ text: String) throws {
    // Counting bytes first keeps the common case free of a character count.
    guard text.utf8.count > Self.maximumLength, text.count > Self.maximumLength else { return }
    throw QueryParseError(
      "the query is longer than \(Self.maximumLength) characters", column: Self.maximumLength + 1)
  }

  // MARK: - Lexing

  /// Splits a query into lexemes, with 1-based columns in characters.
  ///
  /// Characters are classified by a code: their ASCII value where they have
  /// one, else `nonASCII` and the `Character` itself is asked. Reading
  /// `Character.asciiValue`, comparing `Character`s and building strings
  /// from them took most of the time of parsing a short query. In ASCII
  /// without a carriage return (which joins a following line feed into one
  /// character) every byte is a character, and no `Character` is made.
  /// Words are cut from `text` by index.
  ///
  /// - Complexity: O(*n*) in the query's length.
  private func lex(_ text: String) throws -> [Lexeme] {
    let ascii = text.utf8.allSatisfy { $0 < 0x80 && $0 != 13 }
    let characters = ascii ? [] : Array(text)
    let nonASCII: UInt8 = 0x80
    let codes = ascii ? Array(text.utf8) : characters.map { $0.asciiValue ?? nonASCII }
    // Where each character starts in `text`, and its end.
    let starts = (ascii ? Array(text.utf8.indices) : Array(text.indices)) + [text.endIndex]
    var lexemes: [Lexeme] = []
    var i = 0
    func isSpace(_ i: Int) -> Bool {
      let code = codes[i]
      return code == nonASCII ? characters[i].isWhitespace : code == 32 || (9...13).contains(code)
    }
    func isQuote(_ i: Int) -> Bool {
      codes[i] == nonASCII ? characters[i] == "“" || characters[i] == "”" : codes[i] == 34
    }
    func endsWord(_ i: Int) -> Bool { codes[i] == 40 || codes[i] == 41 || isQuote(i) || isSpace(i) }
    while i < codes.count {
      let column = i + 1
      if isSpace(i) {
        i += 1
        continue
      }
      let code = codes[i]
      if code == 40 {  // (
        lexemes.append(Lexeme(token: .open, column: column))
        i += 1
      } else if code == 41 {  // )
        lexemes.append(Lexeme(token: .close, column: column))
        i += 1
      } else if isQuote(i) || (code == nonASCII && characters[i] == "„") {
        var j = i + 1
        while j < codes.count && !isQuote(j) { j += 1 }
        guard j < codes.count else {
          throw QueryParseError("unbalanced quote: no closing '\"'", column: column)
        }
        let inner = String(text[starts[i + 1]..<starts[j]])
        j += 1
        var slop = 0
        if j < codes.count && codes[j] == 126 {  // ~
          var k = j + 1
          while k < codes.count && (48...57).contains(codes[k]) { k += 1 }
          guard let value = Int(text[starts[j + 1]..<starts[k]]), value <= 100 else {
            throw QueryParseError("a phrase's slop must be a number up to 100: \"…\"~3", column: j + 1)
          }
          slop = value
          j = k
        }
        lexemes.append(Lexeme(token: .phrase(inner, slop: slop), column: column))
        i = j
      } else if code == 43 || code == 45 {  // + -
        // At the start of a token these are operators; alone, the parser
        // reports that they need something after them.
        lexemes.append(Lexeme(token: code == 43 ? .plus : .minus, column: column))
        i += 1
      } else {
        var j = i
        while j < codes.count && !endsWord(j) { j += 1 }
        let word = String(text[starts[i]..<starts[j]])
        switch word.utf8.count <= 3 ? word : "" {
        case "AND", "&&": lexemes.append(Lexeme(token: .and, column: column))
        case "OR", "||": lexemes.append(Lexeme(token: .or, column: column))
        case "NOT": lexemes.append(Lexeme(token: .not, column: column))
        default:
          if word.utf8.contains(58), let colon = word.firstIndex(of: ":"),
            Self.fields.contains(word[..<colon].lowercased())
          {
            let name = word[..<colon].lowercased()
            lexemes.append(Lexeme(token: .field(name), column: column))
            let rest = String(word[word.index(after: colon)...])
            if !rest.isEmpty {
              lexemes.append(Lexeme(token: .word(rest), column: column + name.count + 1))
            }
          } else {
            if word.utf8.contains(58), let field = Self.unknownField(word) {
              throw QueryParseError(
                "unknown field '\(field)'; "
                  + (Self.nearestField(field).map { "did you mean \($0):? " } ?? "")
                  + "(fields: title, lang, source, path, date; put the word in quotes to search it as text)",
                column: column)
            }
            lexemes.append(Lexeme(token: .word(word), column: column))
          }
        }
        i = j
      }
    }
    return lexemes
  }

  private func describe(_ token: Token) -> String {
    switch token {
    case .word(let text): "'\(text)'"
    case .phrase: "a phrase"
    case .open: "'('"
    case .close: "')'"
    case .and: "AND"
    case .or: "OR"
    case .not: "NOT"
    case .plus: "'+'"
    case .minus: "'-'"
    case .field(let name): "'\(name):'"
    }
  }

  // MARK: - Parsing

  private func parseOr(_ lexemes: [Lexeme], _ index: inout Int, depth: Int) throws -> QueryNode {
    var clauses = [try parseAnd(lexemes, &index, depth: depth)]
    while index < lexemes.count, lexemes[index].token == .or {
      let column = lexemes[index].column
      index += 1
      guard index < lexemes.count, startsClause(lexemes[index].token) else {
        throw QueryParseError("OR needs something on both sides", column: column)
      }
      clauses.append(try parseAnd(lexemes, &index, depth: depth))
    }
    return clauses.count == 1 ? clauses[0] : .or(clauses)
  }

  private func parseAnd(_ lexemes: [Lexeme], _ index: inout Int, depth: Int) throws -> QueryNode {
    var clauses = [try parseSequence(lexemes, &index, depth: depth)]
    while index < lexemes.count, lexemes[index].token == .and {
      let column = lexemes[index].column
      index += 1
      guard index < lexemes.count, startsClause(lexemes[index].token) else {
        throw QueryParseError("AND needs something on both sides", column: column)
      }
      clauses.append(try parseSequence(lexemes, &index, depth: depth))
    }
    return clauses.count == 1 ? clauses[0] : .and(clauses)
  }

  private func startsClause(_ token: Token) -> Bool {
    switch token {
    case .and, .or, .close: false
    default: true
    }
  }

  private func parseSequence(_ lexemes: [Lexeme], _ index: inout Int, depth: Int) throws -> QueryNode {
    var clauses: [QueryNode] = []
    while index < lexemes.count, startsClause(lexemes[index].token) {
      clauses.append(try parseUnary(lexemes, &index, depth: depth))
    }
    guard !clauses.isEmpty else {
      let lexeme = index < lexemes.count ? lexemes[index] : lexemes[lexemes.count - 1]
      switch lexeme.token {
      case .and, .or:
        throw QueryParseError("\(describe(lexeme.token)) needs something on both sides", column: lexeme.column)
      case .close:
        throw QueryParseError("unbalanced ')': no '(' opens it", column: lexeme.column)
      default:
        throw QueryParseError("expected a word or phrase", column: lexeme.column)
      }
    }
    return clauses.count == 1 ? clauses[0] : .sequence(clauses)
  }

  private func parseUnary(_ lexemes: [Lexeme], _ index: inout Int, depth: Int) throws -> QueryNode {
    let lexeme = lexemes[index]
    switch lexeme.token {
    case .not, .plus, .minus:
      try checkDepth(depth + 1, lexeme)
      index += 1
      guard index < lexemes.count, startsClause(lexemes[index].token),
        ![.not, .plus, .minus].contains(lexemes[index].token) || lexeme.token == .not
      else {
        throw QueryParseError("\(describe(lexeme.token)) needs a word, phrase or group after it", column: lexeme.column)
      }
      let operand =
        lexeme.token == .not
        ? try parseUnary(lexemes, &index, depth: depth + 1) : try parsePrimary(lexemes, &index, depth: depth + 1)
      return lexeme.token == .plus ? .must(operand) : .mustNot(operand)
    default:
      return try parsePrimary(lexemes, &index, depth: depth)
    }
  }

  /// Throws when a group or operator at `lexeme` would nest deeper than
  /// `maximumDepth`.
  private func checkDepth(_ depth: Int, _ lexeme: Lexeme) throws {
    guard depth <= Self.maximumDepth else {
      throw QueryParseError(
        "the query nests more than \(Self.maximumDepth) levels deep (parentheses, NOT, + and - counted together)",
        column: lexeme.column)
    }
  }

  private func parsePrimary(_ lexemes: [Lexeme], _ index: inout Int, depth: Int) throws -> QueryNode {
    let lexeme = lexemes[index]
    index += 1
    switch lexeme.token {
    case .open:
      try checkDepth(depth + 1, lexeme)
      guard index < lexemes.count else {
        throw QueryParseError("unbalanced '(': no ')' closes it", column: lexeme.column)
      }
      if lexemes[index].token == .close { throw QueryParseError("empty parentheses", column: lexeme.column) }
      let inner = try parseOr(lexemes, &index, depth: depth + 1)
      guard index < lexemes.count, lexemes[index].token == .close else {
        throw QueryParseError("unbalanced '(': no ')' closes it", column: lexeme.column)
      }
      index += 1
      return inner
    case .phrase(let text, let slop):
      guard text.contains(where: { !$0.isWhitespace }) else {
        throw QueryParseError("empty phrase", column: lexeme.column)
      }
      return .phrase(text, slop: slop, column: lexeme.column)
    case .word(let text):
      return try word(text, column: lexeme.column)
    case .field(let name):
      guard index < lexemes.count else {
        throw QueryParseError("\(name): needs a value", column: lexeme.column)
      }
      let value = lexemes[index]
      index += 1
      if name == "title" {
        switch value.token {
        case .word(let text): return .title(try word(text, column: value.column))
        case .phrase(let text, let slop): return .title(.phrase(text, slop: slop, column: value.column))
        default: throw QueryParseError("title: needs a word or a phrase", column: value.column)
        }
      }
      let text: String
      switch value.token {
      case .word(let word): text = word
      case .phrase(let phrase, _): text = phrase
      default: throw QueryParseError("\(name): needs a value", column: value.column)
      }
      return .filter(try filter(name, text, column: value.column))
    default:
      throw QueryParseError("unexpected \(describe(lexeme.token))", column: lexeme.column)
    }
  }

  private func word(_ text: String, column: Int) throws -> QueryNode {
    if text.hasSuffix("*") {
      let stem = String(text.dropLast()).trimmingCharacters(in: CharacterSet(charactersIn: "*"))
      guard stem.count >= 2 else {
        throw QueryParseError("a prefix needs at least 2 characters before '*'", column: column)
      }
      return .prefix(stem, column: column)
    }
    if let tilde = text.lastIndex(of: "~"), tilde != text.startIndex {
      let suffix = text[text.index(after: tilde)...]
      let distance = suffix.isEmpty ? 2 : Int(suffix)
      guard let distance, (1...2).contains(distance) else {
        throw QueryParseError(
          "fuzzy distance must be 1 or 2: word~1", column: column + text.distance(from: text.startIndex, to: tilde))
      }
      return .fuzzy(String(text[..<tilde]), distance: distance, column: column)
    }
    return .word(text, column: column)
  }

  private func filter(_ name: String, _ value: String, column: Int) throws -> Filter {
    switch name {
    case "lang":
      guard
        let code = ["nl", "en"].first(where: { $0 == value.lowercased() })
          ?? (value.lowercased().hasPrefix("dut") || value.lowercased() == "nederlands" ? "nl" : nil)
          ?? (value.lowercased().hasPrefix("eng") ? "en" : nil)
      else { throw QueryParseError("lang: takes nl or en, not '\(value)'", column: column) }
      return .language(code)
    case "source": return .source(value)
    case "type": return .type(value)
    case "path": return .path(value)
    default:
      let parts = value.components(separatedBy: "..")
      guard parts.count <= 2 else { throw QueryParseError("date: takes YYYY-MM-DD..YYYY-MM-DD", column: column) }
      func day(_ text: String, end: Bool) throws -> Int32? {
        if text.isEmpty { return nil }
        guard let period = DocumentDate.period(text) else {
          throw QueryParseError(
            "'\(text)' is not a date (YYYY-MM-DD, YYYY-MM or YYYY, a day that exists)", column: column)
        }
        // "2026" ends on 2026-12-31, "2026-02" on the last of February.
        return end ? period.upperBound : period.lowerBound
      }
      if parts.count == 1 { return .date(from: try day(parts[0], end: false), to: try day(parts[0], end: true)) }
      let from = try day(parts[0], end: false)
      let to = try day(parts[1], end: true)
      if let from, let to, from > to { throw QueryParseError("the date range ends before it starts", column: column) }
      return .date(from: from, to: to)
    }
  }
}
