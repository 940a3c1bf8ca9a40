import Foundation

/// The file formats beleid reads and writes glossaries in.
package enum GlossaryFormat: String, Sendable, CaseIterable, CustomStringConvertible {
  /// beleid's own source format: one YAML file per domain.
  case yaml
  /// TBX v3 (ISO 30042:2019), TBX-Basic in the DCA style.
  case tbx
  /// TBX v2 (ISO 30042:2008, `martif`), as Weblate and older tools write.
  case tbx2
  /// A MultiTerm-style CSV: a header row, `|` between synonyms.
  case csv
  /// OmegaT's glossary: source TAB target TAB comment, no header.
  case omegat
  /// The Kiesraad NL-EN word list (TSV with the header nl, abbrev, en, note, section).
  case kiesraad
  /// The CC BY legal dictionary's `unified-dictionary.json`.
  case legalDictionary = "legal-dictionary"
  /// Solr synonyms.txt (export only).
  case solr
  /// An Elasticsearch/OpenSearch synonym_graph filter, as JSON (export only).
  case elasticsearch

  package var description: String { rawValue }

  /// Whether beleid can read this format.
  package var canRead: Bool { self != .solr && self != .elasticsearch }

  /// Whether beleid can write this format.
  package var canWrite: Bool { self != .kiesraad && self != .legalDictionary }

  /// The format a file's name and first bytes suggest.
  package static func guess(path: String, bytes: [UInt8]) -> GlossaryFormat? {
    let name = (path as NSString).lastPathComponent.lowercased()
    let ext = (name as NSString).pathExtension
    let head = String(decoding: bytes.prefix(4096), as: UTF8.self)
    switch ext {
    case "yaml", "yml": return .yaml
    case "tbx", "xml": return head.contains("<martif") ? .tbx2 : .tbx
    case "csv": return .csv
    case "json": return .legalDictionary
    case "tsv", "txt", "utf8":
      let firstLine = head.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
      return firstLine.hasPrefix("nl\tabbrev\ten") ? .kiesraad : .omegat
    default: return nil
    }
  }
}
