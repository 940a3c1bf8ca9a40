import BeleidAnalysis
import Testing

@testable import BeleidSearch

@Suite("Query plans")
struct QueryPlanTests {
  /// An error thrown while leaves are replaced (a damaged page met while a
  /// prefix is expanded) reaches the caller: on fdeb881 it jumped to a
  /// null pointer, the batch crash of C6.
  @Test("an error thrown from mapLeaves reaches the caller")
  func throwsThrough() throws {
    let plan = try QueryPlanner().plan("cloud (beleid OR toezicht) -dora", language: .dutch)
    #expect(throws: SearchError(.timeLimit(.zero))) {
      _ = try plan.mapLeaves { _ in throw SearchError(.timeLimit(.zero)) }
    }
    let renamed = plan.mapLeaves { leaf in
      var leaf = leaf
      leaf.label = leaf.label.uppercased()
      return leaf
    }
    #expect(renamed.leaves.map(\.label) == plan.leaves.map { $0.label.uppercased() })
  }
}
