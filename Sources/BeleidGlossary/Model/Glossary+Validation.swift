import BeleidAnalysis

extension Glossary {
  /// Checks the glossary and returns what it found, each with file and line.
  ///
  /// It reports duplicate concepts and terms, one term with different
  /// equivalents in different concepts, and concepts missing Dutch or English.
  ///
  /// Terms are compared by their matching key, so "NIS 2-richtlijn" and
  /// "nis2 richtlijn" count as the same term.
  ///
  /// - Complexity: O(*t*) in the number of terms, plus the size of each
  ///   group of concepts that share a term.
  package func validate() -> [GlossaryIssue] {
    var issues: [GlossaryIssue] = []
    func issue(
      _ severity: GlossaryIssue.Severity, _ kind: GlossaryIssue.Kind, _ message: String, _ concept: Concept,
      line: Int? = nil
    ) {
      issues.append(
        GlossaryIssue(severity, kind, message, file: concept.location?.file, line: line ?? concept.location?.line))
    }
    var byID: [String: Concept] = [:]
    var owners: [String: [Int]] = [:]
    for (index, concept) in concepts.enumerated() {
      if let first = byID[concept.id] {
        issue(
          .error, .duplicate,
          "concept id '\(concept.id)' is used twice (first at \(first.location?.description ?? "?"))", concept)
      } else {
        byID[concept.id] = concept
      }
      for language in [Language.dutch, .english]
      where !concept.terms(in: language).contains(where: { $0.status != .deprecated }) {
        issue(
          .error, .missingLanguage,
          "concept '\(concept.id)' has no \(language == .dutch ? "Dutch (nl)" : "English (en)") term", concept)
      }
      // Spelling variants that match alike (NIS2-richtlijn, NIS 2-richtlijn)
      // are fine; the same spelling twice is not.
      var spellings: Set<String> = []
      var keys: Set<String> = []
      for term in concept.terms {
        let key = term.languageCode + ":" + GlossaryKey.surface(term.text)
        if GlossaryKey.surface(term.text).isEmpty {
          issue(.error, .malformed, "term '\(term.text)' has no letters or digits", concept, line: term.line)
          continue
        }
        if !spellings.insert(term.languageCode + ":" + TextFolding.fold(term.text)).inserted {
          issue(
            .warning, .duplicate, "'\(term.text)' (\(term.language)) is listed twice in concept '\(concept.id)'",
            concept, line: term.line)
        }
        if keys.insert(key).inserted { owners[key, default: []].append(index) }
      }
    }
    var reported: Set<[Int]> = []
    for (key, indices) in owners.sorted(by: { $0.key < $1.key }) where indices.count > 1 {
      guard reported.insert(indices).inserted else { continue }
      let language = String(key.prefix { $0 != ":" })
      let term = concepts[indices[0]].terms.first { $0.languageCode + ":" + GlossaryKey.surface($0.text) == key }!
      let other = language == "nl" ? "en" : "nl"
      let equivalents = indices.map { Set(concepts[$0].terms(in: other).map { GlossaryKey.surface($0.text) }) }
      let places = indices.map { "'\(concepts[$0].id)' (\(concepts[$0].location?.description ?? "?"))" }
      let last = concepts[indices.last!]
      if equivalents.dropFirst().allSatisfy({ $0 == equivalents[0] }) {
        issue(
          .error, .duplicate,
          "'\(term.text)' (\(language)) is in concepts \(places.joined(separator: " and ")) with the same equivalents; merge them",
          last)
      } else {
        let preferred = indices.map { concepts[$0].preferred(in: Language(code: other) ?? .english)?.text ?? "?" }
        issue(
          .warning, .conflict,
          "'\(term.text)' (\(language)) is in concepts \(places.joined(separator: " and ")) with different equivalents: \(preferred.map { "'\($0)'" }.joined(separator: " vs "))",
          last)
      }
    }
    return issues
  }
}
