import Foundation

/// Synonym files for search engines: Solr's synonyms.txt and an
/// Elasticsearch/OpenSearch `synonym_graph` filter.
///
/// Each concept gives one line of equivalent terms (Dutch and English,
/// preferred and admitted); its deprecated terms map one way onto those
/// (`old => new, …`). Use them at query time with `synonym_graph`, so that
/// multi-word terms stay phrases.
enum SynonymExport {
  /// The synonym lines, one or two per concept.
  static func lines(_ glossary: Glossary) -> [String] {
    var lines: [String] = []
    for concept in glossary.concepts {
      let usable = unique(concept.terms.filter { $0.status != .deprecated }.map(\.text))
      let old = unique(concept.terms.filter { $0.status == .deprecated }.map(\.text))
      if usable.count >= 2 { lines.append(usable.map(escape).joined(separator: ", ")) }
      if !old.isEmpty && !usable.isEmpty {
        lines.append(old.map(escape).joined(separator: ", ") + " => " + usable.map(escape).joined(separator: ", "))
      }
    }
    return lines
  }

  /// Solr's format, with a comment per concept.
  static func solr(_ glossary: Glossary) -> String {
    var out = "# \(glossary.title ?? "beleid glossary"): Solr/Elasticsearch synonyms, written by beleid\n"
    for concept in glossary.concepts {
      let concept = Glossary(concepts: [concept])
      let conceptLines = lines(concept)
      guard !conceptLines.isEmpty else { continue }
      out += "# \(concept.concepts[0].id)\n" + conceptLines.joined(separator: "\n") + "\n"
    }
    return out
  }

  /// Index settings with a `synonym_graph` filter named
  /// `beleid_glossary`, for Elasticsearch and OpenSearch.
  static func elasticsearch(_ glossary: Glossary) throws -> String {
    let settings: [String: Any] = [
      "settings": [
        "analysis": [
          "filter": [
            "beleid_glossary": ["type": "synonym_graph", "lenient": true, "synonyms": lines(glossary)] as [String: Any]
          ]
        ]
      ]
    ]
    let data = try JSONSerialization.data(
      withJSONObject: settings, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  private static func unique(_ terms: [String]) -> [String] {
    var seen: Set<String> = []
    return terms.filter { seen.insert($0.lowercased()).inserted }
  }

  /// A term with the characters the synonym syntax uses escaped.
  static func escape(_ term: String) -> String {
    var out = ""
    for character in term {
      if character == "," || character == "\\" || character == "=" || character == ">" { out.append("\\") }
      out.append(character)
    }
    return out
  }
}
