import BeleidDocuments
import BeleidTestSupport
import Foundation
import Testing

@testable import BeleidIndex

/// The segment builder's memory valve: dropping the analyzers' caches in the
/// middle of a segment changes nothing in what it writes.
@Suite("Segment builder")
struct SegmentBuilderTests {
  static let bodies = [
    "De ketenveiligheid van toeleveringsketens vraagt om zorgplicht en meldplicht.",
    "Supply chain security and incident reporting obligations under the NIS2 Directive.",
    "Ketenveiligheid, ketens en de meldplichten van essentiële entiteiten; cloudbeveiliging.",
    "The supply chains of cloud providers, and the Cyberbeveiligingswet in the Netherlands.",
  ]

  /// The bytes of a segment built from `bodies`, dropping the analyzer
  /// caches before every document when `releasing`.
  static func segment(releasing: Bool) throws -> [UInt8] {
    let builder = try SegmentBuilder()
    for (number, body) in bodies.enumerated() {
      if releasing { builder.releaseAnalyzerCaches() }
      try builder.add(
        Document(key: "d\(number)", path: "d\(number).txt", title: "Titel \(number)", body: body, format: "text"))
    }
    let folder = try makeTemporaryDirectory().path
    let info = try builder.write(to: folder, id: 1)
    return [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder).appendingPathComponent(info.file)))
  }

  @Test("a segment is the same byte for byte when the analyzer caches go between documents")
  func releasingCachesKeepsTheSegment() throws {
    let plain = try Self.segment(releasing: false)
    #expect(!plain.isEmpty)
    #expect(try Self.segment(releasing: false) == plain, "deterministic")
    #expect(try Self.segment(releasing: true) == plain)
  }
}
