import BeleidAnalysis
import Foundation
import ZIPFoundation

/// Reads Word (.docx) and OpenDocument text (.odt) files.
///
/// Both are zip archives of XML: the text is `word/document.xml` or
/// `content.xml` (paragraphs end lines, tabs and breaks become white space),
/// the title, date and language come from `docProps/core.xml` or `meta.xml`.
/// A file that is not a zip, or a zip without the document inside, is
/// reported as such. What is inflated is bounded (`Limits`): a 2 MB file
/// whose document.xml inflates to 2 GiB is skipped with a reason before it
/// can exhaust memory.
package struct OfficeReader: DocumentReader {
  /// Bounds on what one file may inflate to.
  package struct Limits: Sendable {
    /// The most one entry may inflate to, in bytes (256 MiB).
    package var entryBytes: Int
    /// The most all entries read from one file may inflate to (512 MiB).
    package var fileBytes: Int
    /// The largest inflated-to-compressed ratio of an entry over 1 MiB
    /// (zip bombs reach 1,000 and more; real documents stay below 100).
    package var ratio: Int

    /// Limits in bytes and a ratio.
    package init(entryBytes: Int = 256 << 20, fileBytes: Int = 512 << 20, ratio: Int = 200) {
      self.entryBytes = entryBytes
      self.fileBytes = fileBytes
      self.ratio = ratio
    }
  }

  /// The two formats this reader handles.
  package enum Kind: Sendable {
    case docx, odt
  }

  package let kind: Kind
  package let limits: Limits
  package var format: String { kind == .docx ? "docx" : "odt" }

  /// Creates a reader for `kind`.
  package init(_ kind: Kind, limits: Limits = Limits()) {
    self.kind = kind
    self.limits = limits
  }

  package func accepts(_ file: SourceFile) -> Bool {
    file.pathExtension == (kind == .docx ? "docx" : "odt")
  }

  package func read(_ file: SourceFile, emit: (Document) throws -> Void) throws -> [String] {
    let name = kind == .docx ? "Word document" : "OpenDocument text"
    guard file.head.starts(with: [0x50, 0x4B, 0x03, 0x04]) else {
      throw DocumentError(path: file.path, .malformed("not a \(name) (not a zip archive)"))
    }
    let archive: Archive
    do {
      archive = try Archive(url: URL(fileURLWithPath: file.path), accessMode: .read)
    } catch {
      throw DocumentError(path: file.path, .malformed("not a \(name) (damaged zip archive)"))
    }
    let contentPath = kind == .docx ? "word/document.xml" : "content.xml"
    guard let contentEntry = archive[contentPath] else {
      throw DocumentError(path: file.path, .malformed("not a \(name): the zip has no \(contentPath)"))
    }
    var inflated = 0
    let content = try extract(archive, contentEntry, file.path, inflated: &inflated)
    let text = try Self.text(of: content, kind: kind, path: file.path)
    guard text.contains(where: \.isLetter) else { throw DocumentError(path: file.path, .empty) }
    var document = Document(
      key: file.path, path: file.path, title: PlainTextReader.title(of: text) ?? file.path.fileStem, body: text,
      format: format)
    let metaPath = kind == .docx ? "docProps/core.xml" : "meta.xml"
    if let metaEntry = archive[metaPath], let meta = try? extract(archive, metaEntry, file.path, inflated: &inflated) {
      let fields = Self.fields(of: meta)
      if let title = fields["dc:title"], !title.isEmpty { document.title = title }
      for key in ["dcterms:created", "meta:creation-date", "dc:date", "dcterms:modified"] {
        if let date = fields[key], DocumentDate.days(String(date.prefix(10))) != nil {
          document.date = String(date.prefix(10))
          break
        }
      }
      if let language = fields["dc:language"] { document.language = Language(code: String(language.prefix(2))) }
      if let creator = fields["dc:creator"] ?? fields["meta:initial-creator"] { document.metadata["author"] = creator }
    }
    try emit(document)
    return []
  }

  /// An entry's bytes, inflated within `limits`; `inflated` counts what
  /// the file has inflated so far.
  private func extract(_ archive: Archive, _ entry: Entry, _ path: String, inflated: inout Int) throws -> Data {
    let declared = Int(clamping: entry.uncompressedSize)
    let compressed = max(1, Int(clamping: entry.compressedSize))
    func tooLarge(_ size: Int) -> DocumentError {
      DocumentError(
        path: path,
        .tooLarge(
          "\(entry.path) inflates to \(size > declared ? "over " : "")\(size >> 20) MiB from \(compressed >> 10) KiB (limits: \(limits.entryBytes >> 20) MiB an entry, \(limits.fileBytes >> 20) MiB a file, a ratio of \(limits.ratio))"
        ))
    }
    func allowed(_ size: Int) -> Bool {
      size <= limits.entryBytes && inflated + size <= limits.fileBytes
        && (size <= 1 << 20 || size / compressed <= limits.ratio)
    }
    // The sizes the archive declares are checked first, then what actually
    // comes out, since a crafted archive can declare anything.
    guard allowed(declared) else { throw tooLarge(declared) }
    var data = Data()
    var exceeded = false
    do {
      _ = try archive.extract(entry, skipCRC32: false) { chunk in
        data.append(chunk)
        if !allowed(data.count) {
          exceeded = true
          throw CocoaError(.fileReadTooLarge)
        }
      }
    } catch {
      if exceeded { throw tooLarge(data.count) }
      throw DocumentError(path: path, .malformed("damaged zip entry \(entry.path)"))
    }
    inflated += data.count
    return data
  }

  /// The text of document.xml or content.xml.
  static func text(of data: Data, kind: Kind, path: String) throws -> String {
    let collector = OfficeTextCollector(kind: kind)
    do {
      try XMLScanner.scan(String(decoding: data, as: UTF8.self)) { collector.handle($0) }
    } catch let failure as XMLScanner.Failure {
      throw DocumentError(
        path: path, line: failure.line, .malformed("the document XML is not well-formed: \(failure.message)"))
    }
    return collector.text.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// Simple element values of core.xml or meta.xml.
  static func fields(of data: Data) -> [String: String] {
    let collector = OfficeTextCollector(kind: nil)
    try? XMLScanner.scan(String(decoding: data, as: UTF8.self)) { collector.handle($0) }
    return collector.fields
  }
}

/// Collects paragraph text (or, without a kind, element values).
final class OfficeTextCollector {
  let kind: OfficeReader.Kind?
  private(set) var text = ""
  private(set) var fields: [String: String] = [:]
  private var inText = 0
  private var value = ""

  init(kind: OfficeReader.Kind?) { self.kind = kind }

  func handle(_ event: XMLScanner.Event) {
    switch event {
    case .start(let name, _): start(name)
    case .end(let name): end(name)
    case .text(let text): characters(text)
    }
  }

  private func start(_ name: String) {
    value = ""
    switch (kind, name) {
    case (.docx, "w:t"): inText += 1
    case (.docx, "w:tab"), (.odt, "text:tab"), (.odt, "text:s"): text += " "
    case (.docx, "w:br"), (.odt, "text:line-break"): text += "\n"
    default: break
    }
  }

  private func end(_ name: String) {
    switch (kind, name) {
    case (.docx, "w:t"): inText -= 1
    case (.docx, "w:p"), (.odt, "text:p"), (.odt, "text:h"), (.odt, "text:list-item"): text += "\n"
    case (nil, _): fields[name] = value.trimmingCharacters(in: .whitespacesAndNewlines)
    default: break
    }
  }

  private func characters(_ string: String) {
    switch kind {
    case .docx: if inText > 0 { text += string }
    case .odt: text += string
    case nil: value += string
    }
  }
}
