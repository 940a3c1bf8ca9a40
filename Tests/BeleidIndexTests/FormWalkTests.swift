import BeleidAnalysis
import BeleidTestSupport
import Foundation
import Testing

@testable import BeleidIndex

/// The walk of a segment's form dictionary that finds the forms near a
/// word (spelling hints, `word~2`): the same forms as comparing the word
/// with every form, across dictionary blocks.
@Suite("Forms near a word")
struct FormWalkTests {
  /// The bundled Corpus indexed once: thousands of forms, many blocks.
  static let reader = Result {
    let folder = try makeTemporaryDirectory("beleid-forms").appendingPathComponent("index").path
    let writer = try IndexWriter(folder: folder)
    _ = try writer.index(paths: [BundledData.corpus.path])
    return try IndexReader(folder: folder)
  }

  /// Byte Levenshtein distance, the plain way.
  static func distance(_ a: [UInt8], _ b: [UInt8]) -> Int { EditDistance.between(a, b) }

  @Test(
    "the walk finds exactly the forms within the distance",
    arguments: [
      ("ketenveiligheid", 1), ("ketenveilgheid", 2), ("kettenveiligheid", 2), ("supply", 1), ("suplly", 2),
      ("cyberbeveiligingswet", 2), ("zorgpllicht", 1), ("meldplicth", 2), ("nis2", 1), ("xqzv", 2), ("a", 1),
      ("overheid", 2), ("öffentlich", 2), ("zzzzzzzz", 2),
    ])
  func walk(word: String, distance: Int) throws {
    let segment = try #require(try Self.reader.get().segments.first)
    let every = try segment.forms(withinDistance: 1_000, of: "", limit: .max)
    #expect(every.count > 1_000, "a dictionary of many blocks")
    let expected = every.filter { Self.distance(Array($0.form.utf8), Array(word.utf8)) <= distance }.map(\.form)
    let found = try segment.forms(withinDistance: distance, of: word, limit: .max)
    #expect(found.map(\.form) == expected)
    #expect(found.allSatisfy { $0.distance == Self.distance(Array($0.form.utf8), Array(word.utf8)) })
    // Only those that start with the word's first character, when asked.
    let initial = try segment.forms(withinDistance: distance, of: word, limit: .max, sameFirstCharacter: true)
    #expect(initial.map(\.form) == expected.filter { $0.first == word.first })
    // A limit stops the walk early, keeping key order.
    let first = try segment.forms(withinDistance: distance, of: word, limit: 2)
    #expect(first.map(\.form) == Array(expected.prefix(2)))
  }
}
