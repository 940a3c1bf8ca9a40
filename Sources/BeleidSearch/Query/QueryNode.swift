/// A parsed query, before analysis: what the user typed, structured.
package indirect enum QueryNode: Sendable, Equatable {
  /// A bare word; `column` is where it starts (1-based, in characters).
  case word(String, column: Int)
  /// A prefix query: word*.
  case prefix(String, column: Int)
  /// A fuzzy query: word~1 or word~2.
  case fuzzy(String, distance: Int, column: Int)
  /// A phrase with an optional slop: "…"~3.
  case phrase(String, slop: Int, column: Int)
  /// A query on the title only: title:word or title:"…".
  case title(QueryNode)
  /// A filter: lang:, source:, type:, path:, date:.
  case filter(Filter)
  /// Juxtaposed clauses: the default operator.
  case sequence([QueryNode])
  /// Clauses joined by AND: all must match.
  case and([QueryNode])
  /// Clauses joined by OR: any may match.
  case or([QueryNode])
  /// +clause: must match.
  case must(QueryNode)
  /// -clause or NOT clause: must not match.
  case mustNot(QueryNode)

  /// How deep the tree is (a leaf is 1), found without recursion.
  ///
  /// - Complexity: O(*n*) in the number of nodes.
  package var depth: Int {
    var deepest = 0
    var stack: [(QueryNode, Int)] = [(self, 1)]
    while let (node, level) = stack.popLast() {
      deepest = max(deepest, level)
      switch node {
      case .title(let inner), .must(let inner), .mustNot(let inner): stack.append((inner, level + 1))
      case .sequence(let children), .and(let children), .or(let children):
        for child in children { stack.append((child, level + 1)) }
      case .word, .prefix, .fuzzy, .phrase, .filter: break
      }
    }
    return deepest
  }
}

/// A filter on document metadata; it selects documents without scoring them.
package enum Filter: Sendable, Equatable, CustomStringConvertible {
  /// lang:nl or lang:en.
  case language(String)
  /// source:text: the source contains the text (case-insensitive).
  case source(String)
  /// type:text: the document's type is the text (ignoring case and
  /// accents): `type:wet` finds laws, not `rijkswet`.
  case type(String)
  /// path:text: the path contains the text.
  case path(String)
  /// date:2025-01-01..2026-12-31; either end may be open ("2025-01-01..").
  case date(from: Int32?, to: Int32?)

  package var description: String {
    switch self {
    case .language(let code): "lang:\(code)"
    case .source(let text): "source:\(text)"
    case .type(let text): "type:\(text)"
    case .path(let text): "path:\(text)"
    case .date(let from, let to): "date:\(from.map(String.init) ?? "")..\(to.map(String.init) ?? "")"
    }
  }
}

/// Why a query could not be understood, and where.
package struct QueryParseError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The message.
  package var message: String
  /// The 1-based column (in characters) where the problem is.
  package var column: Int

  /// Creates an error at `column`.
  package init(_ message: String, column: Int) {
    self.message = message
    self.column = column
  }

  package var description: String { "query error at column \(column): \(message)" }
}
