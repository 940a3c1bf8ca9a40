import BeleidAnalysis

/// An analysed query: leaves of terms, phrases and expansions, combined by
/// boolean nodes, plus metadata filters.
package struct QueryPlan: Sendable {
  /// A node of the plan.
  package indirect enum Node: Sendable {
    case leaf(Leaf)
    case boolean(Boolean)
    /// Spelling variants of one word (a compound and its parts, a
    /// hyphenated word and its joined form): the best-scoring variant
    /// counts, times its weight.
    case variants([Node], weights: [Double])
    /// Every document (a query of filters only), unscored.
    case all
  }

  /// Clauses that must, may or must not match.
  package struct Boolean: Sendable {
    package var must: [Node]
    package var should: [Node]
    package var mustNot: [Node]
    /// Documents matching more `should` clauses rank first (the default
    /// operator on short queries); see the README's query language.
    package var coordination: Bool
  }

  /// One concept of the query: alternatives scored as a single pseudo-term
  /// (their term frequencies summed, the documents of any alternative
  /// counted once), after Pirkola's structured queries.
  package struct Leaf: Sendable {
    /// What the user wrote, for explanations.
    package var label: String
    /// The ways a document can match.
    package var options: [Option]
    /// Only the title counts.
    package var titleOnly: Bool
    /// Where in the query it came from (1-based column).
    package var column: Int
  }

  /// One way to match a leaf, with a weight on its term frequency.
  package struct Option: Sendable, Hashable {
    package var match: Match
    /// Multiplies this option's term frequency (1 for the query's own words).
    package var weight: Double
    /// Why it is there: the query, a glossary concept, a dictionary translation.
    package var provenance: Provenance

    /// How `--explain` names the provenance ("query", "glossary ketenveiligheid").
    package var origin: String { provenance.description }

    package init(_ match: Match, weight: Double = 1, provenance: Provenance = .query) {
      self.match = match
      self.weight = weight
      self.provenance = provenance
    }
  }

  /// What an option matches.
  package enum Match: Sendable, Hashable, CustomStringConvertible {
    /// One stem.
    case term(String)
    /// Stems at relative positions, within `slop`.
    case phrase([PhraseTerm], slop: Int)
    /// All these stems in the document (a compound's parts).
    case allOf([String])
    /// Every form starting with a folded prefix.
    case prefix(String)
    /// Every form within an edit distance of a folded word.
    case fuzzy(String, distance: Int)

    package var description: String {
      switch self {
      case .term(let stem): stem
      case .phrase(let terms, let slop):
        "\"" + terms.map(\.stem).joined(separator: " ") + "\"" + (slop > 0 ? "~\(slop)" : "")
      case .allOf(let stems): stems.joined(separator: "+")
      case .prefix(let prefix): prefix + "*"
      case .fuzzy(let word, let distance): "\(word)~\(distance)"
      }
    }
  }

  /// A stem at an offset within a phrase.
  package struct PhraseTerm: Sendable, Hashable {
    package var offset: Int
    package var stem: String
  }

  /// The query's structure.
  package var root: Node
  /// Filters every hit must pass.
  package var filters: [Filter]
  /// The language the words were analysed as.
  package var language: Language
  /// Notes for the user from planning (a dictionary that is missing).
  package var notes: [String] = []

  /// Every leaf, depth first.
  package var leaves: [Leaf] {
    var result: [Leaf] = []
    func walk(_ node: Node) {
      switch node {
      case .leaf(let leaf): result.append(leaf)
      case .boolean(let boolean): (boolean.must + boolean.should + boolean.mustNot).forEach(walk)
      case .variants(let nodes, _): nodes.forEach(walk)
      case .all: break
      }
    }
    walk(root)
    return result
  }

  /// Replaces every leaf with `transform(leaf)`.
  ///
  /// A static function, not a local `walk` passed to `map`: with Swift
  /// 6.3.1 an error thrown by `transform` through a nested rethrowing
  /// function given to `Array.map` jumped to a null pointer (the batch
  /// crash after a damaged page, C6); `QueryPlanTests` holds the case.
  package func mapLeaves(_ transform: (Leaf) throws -> Leaf) rethrows -> QueryPlan {
    var plan = self
    plan.root = try Self.mapLeaves(root, transform)
    return plan
  }

  private static func mapLeaves(_ node: Node, _ transform: (Leaf) throws -> Leaf) rethrows -> Node {
    func mapAll(_ nodes: [Node]) throws -> [Node] {
      var result: [Node] = []
      result.reserveCapacity(nodes.count)
      for node in nodes { result.append(try mapLeaves(node, transform)) }
      return result
    }
    switch node {
    case .leaf(let leaf):
      return .leaf(try transform(leaf))
    case .boolean(var boolean):
      boolean.must = try mapAll(boolean.must)
      boolean.should = try mapAll(boolean.should)
      boolean.mustNot = try mapAll(boolean.mustNot)
      return .boolean(boolean)
    case .variants(let nodes, let weights):
      return .variants(try mapAll(nodes), weights: weights)
    case .all:
      return .all
    }
  }
}
