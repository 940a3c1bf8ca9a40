import BeleidDocuments
import Foundation

extension Glossary {
  /// Reads a glossary: a folder of YAML files (merged, in name order) or
  /// one file in any readable format.
  ///
  /// Problems with single rows or concepts come back as issues and those
  /// rows are left out; a file that cannot be read at all throws.
  ///
  /// - Throws: `GlossaryError` for a missing or unreadable file, text that
  ///   is not UTF-8, XML or YAML that is not well-formed, a wrong TBX
  ///   namespace.
  package static func read(_ path: String, format: GlossaryFormat? = nil) throws -> (Glossary, [GlossaryIssue]) {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw GlossaryError("no such file or folder", file: path)
    }
    if isDirectory.boolValue {
      let names = try FileManager.default.contentsOfDirectory(atPath: path).filter {
        $0.hasSuffix(".yaml") || $0.hasSuffix(".yml")
      }.sorted()
      guard !names.isEmpty else { throw GlossaryError("the folder has no .yaml glossary files", file: path) }
      var glossary = Glossary()
      var issues: [GlossaryIssue] = []
      for name in names {
        let (part, partIssues) = try read((path as NSString).appendingPathComponent(name), format: .yaml)
        glossary.concepts += part.concepts
        issues += partIssues
      }
      return (glossary, issues)
    }
    guard let bytes = FileBytes.read(path) else {
      throw GlossaryError("cannot read the file (permissions?)", file: path)
    }
    guard !bytes.isEmpty else { throw GlossaryError("the file is empty", file: path) }
    guard let format = format ?? GlossaryFormat.guess(path: path, bytes: bytes) else {
      throw GlossaryError(
        "unknown glossary format; name it .yaml, .tbx, .csv, .tsv or .json, or pass --format", file: path)
    }
    let read: (Glossary, [GlossaryIssue])
    switch format {
    case .yaml: read = try YAMLGlossary.read(bytes, file: path)
    case .tbx, .tbx2: read = try TBXGlossary.read(bytes, file: path)
    case .csv: read = try CSVGlossary.read(bytes, file: path)
    case .omegat: read = try OmegaTGlossary.read(bytes, file: path)
    case .kiesraad: read = try SourceListGlossary.readKiesraad(bytes, file: path)
    case .legalDictionary: read = try SourceListGlossary.readLegalDictionary(bytes, file: path)
    case .solr, .elasticsearch: throw GlossaryError("beleid writes \(format) files but does not read them", file: path)
    }
    return withinLimits(read.0, read.1, file: path)
  }

  /// The longest term, in characters.
  ///
  /// Terms are matched as token sequences against every query and text;
  /// an 80 KB "term" made a search use 838 MB.
  package static let maximumTermLength = 300

  /// `glossary` without the concepts that hold a term over
  /// `maximumTermLength`, each reported as an error.
  static func withinLimits(_ glossary: Glossary, _ issues: [GlossaryIssue], file: String) -> (Glossary, [GlossaryIssue])
  {
    var glossary = glossary
    var issues = issues
    glossary.concepts.removeAll { concept in
      guard
        let long = concept.terms.first(where: {
          $0.text.utf8.count > maximumTermLength && $0.text.count > maximumTermLength
        })
      else { return false }
      issues.append(
        GlossaryIssue(
          .error, .malformed,
          "concept \(concept.id): a term of \(long.text.count) characters ('\(long.text.prefix(30))…'); terms may be at most \(maximumTermLength)",
          file: concept.location?.file ?? file, line: long.line ?? concept.location?.line))
      return true
    }
    return (glossary, issues)
  }

  /// The glossary in a format.
  ///
  /// - Throws: `GlossaryError` if the format cannot be written or cannot
  ///   hold a term (a `|` in CSV).
  package func text(as format: GlossaryFormat) throws -> String {
    switch format {
    case .yaml: return YAMLGlossary.write(self)
    case .tbx: return TBXGlossary.write(self)
    case .tbx2: return TBXGlossary.write(self, version2: true)
    case .csv: return try CSVGlossary.write(self)
    case .omegat: return OmegaTGlossary.write(self)
    case .solr: return SynonymExport.solr(self)
    case .elasticsearch: return try SynonymExport.elasticsearch(self)
    case .kiesraad, .legalDictionary: throw GlossaryError("beleid reads \(format) files but does not write them")
    }
  }

  /// Writes the glossary to a file atomically: to a temporary file beside
  /// it, then renamed over it, so a reader never sees half a file and a
  /// failure leaves the old file as it was.
  package func write(to path: String, as format: GlossaryFormat) throws {
    let text = try text(as: format)
    let url = URL(fileURLWithPath: path)
    let temporary = url.deletingLastPathComponent()
      .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
    do {
      try Data(text.utf8).write(to: temporary)
      guard rename(temporary.path, path) == 0 else {
        throw GlossaryError("cannot replace the file: \(String(cString: strerror(errno)))", file: path)
      }
    } catch let error as GlossaryError {
      try? FileManager.default.removeItem(at: temporary)
      throw error
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw GlossaryError("cannot write: \(error.localizedDescription)", file: path)
    }
  }
}
