import BeleidDocuments
import Foundation

extension IndexReader {
  /// The live documents that hold the same text as document `number` in
  /// another language, in order of document number.
  ///
  /// Two documents are versions of one text when:
  /// - one names the other in a `pair` metadata field, a path relative to its
  ///   own folder or to one of that folder's two parents (as the EUR-Lex and
  ///   NeRDS folders of `../shared/data/corpus` do: `pair: nl/index.md`);
  /// - or both carry one CELEX number, the EU's identifier of an act, in a
  ///   `celex` metadata field or in their EUR-Lex URL (`…?uri=CELEX:32024R2847`).
  ///
  /// Documents in the same language are not versions.
  /// Segments written before the hit-field column are searched by `pair`
  /// only, since their URLs are inside the stored documents.
  ///
  /// - Throws: when the document's stored copy is damaged.
  /// - Complexity: O(*n*) over the documents' keys and URLs; one stored
  ///   document decoded.
  package func languageVersions(of number: Int) throws -> [Int] {
    let document = try document(number)
    let (segment, local) = locate(number)
    let language = segments[segment].language(local)
    let celex = document.metadata["celex"].map { $0.uppercased() } ?? Self.celexNumber(inURL: document.url)
    let pairs = Set(Self.pairKeys(of: document))
    var versions: [Int] = []
    guard celex != nil || !pairs.isEmpty else { return versions }
    for (index, segment) in segments.enumerated() {
      for doc in 0..<segment.documentCount where !segment.isDeleted(doc) {
        guard bases[index] + doc != number, segment.language(doc) != language else { continue }
        let sameAct = celex != nil && Self.celexNumber(inURL: segment.hitFields(doc)?.url) == celex
        if sameAct || (!pairs.isEmpty && pairs.contains(segment.key(doc))) { versions.append(bases[index] + doc) }
      }
    }
    return versions
  }

  /// The CELEX number in a EUR-Lex URL (`CELEX:32024R2847`, also
  /// percent-encoded), upper-cased, or nil.
  static func celexNumber(inURL url: String?) -> String? {
    guard let url, let range = url.range(of: "CELEX(:|%3A)", options: [.regularExpression, .caseInsensitive])
    else { return nil }
    let number = url[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "(" || $0 == ")" }
    return number.isEmpty ? nil : number.uppercased()
  }

  /// The keys that the document's `pair` field may name: the path taken
  /// from the document's folder and from its two parents.
  static func pairKeys(of document: BeleidDocuments.Document) -> [String] {
    guard let pair = document.metadata["pair"], !pair.isEmpty, !pair.hasPrefix("/") else { return [] }
    var folder = (document.path as NSString).deletingLastPathComponent
    var keys: [String] = []
    for _ in 0..<3 {
      let joined = folder.isEmpty ? pair : (folder as NSString).appendingPathComponent(pair)
      keys.append((joined as NSString).standardizingPath)
      guard !folder.isEmpty else { break }
      folder = (folder as NSString).deletingLastPathComponent
    }
    return keys
  }
}
