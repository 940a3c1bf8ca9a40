import BeleidAnalysis
import Foundation

/// Reads PDF files with poppler's `pdftotext` (Debian package poppler-utils).
///
/// Each page's text is kept, and `pageStarts` records where pages begin in
/// the body, so hits and summaries can cite "p. 12". Words hyphenated at a
/// line end are joined (ketenveilig-/heid → ketenveiligheid); a hyphen after
/// a digit or capital stays (NIS2-/richtlijn → NIS2-richtlijn). Lines that
/// repeat at the top or bottom of most pages (running headers, footers,
/// page numbers) are removed. A damaged PDF, a password-protected one, and
/// one without a text layer (a scan: it needs OCR) are reported per file.
package struct PDFReader: DocumentReader {
  package var format: String { "pdf" }
  /// Seconds one PDF may take.
  package static let timeout: TimeInterval = 120

  /// Creates the reader.
  package init() {}

  package func accepts(_ file: SourceFile) -> Bool {
    file.head.prefix(1024).starts(with: Array("%PDF-".utf8))
      || (file.pathExtension == "pdf" && TextDecoding.looksBinary(file.head[...]))
  }

  package func read(_ file: SourceFile, emit: (Document) throws -> Void) throws -> [String] {
    guard file.head.prefix(1024).starts(with: Array("%PDF-".utf8)) else {
      throw DocumentError(path: file.path, .malformed("not a PDF (no %PDF header)"))
    }
    let info = try Self.run("pdfinfo", [file.path], path: file.path)
    let infoText = String(decoding: info.output, as: UTF8.self)
    if info.status != 0 {
      let message = String(decoding: info.error, as: UTF8.self)
      if message.lowercased().contains("password") { throw DocumentError(path: file.path, .encrypted) }
      throw DocumentError(path: file.path, .malformed("damaged PDF: \(Self.firstLine(message))"))
    }
    let fields = Self.fields(infoText)
    let pageCount = Int(fields["Pages"] ?? "") ?? 0
    // Pages convert independently: longer PDFs run one pdftotext per core
    // on a range of pages, at the same time.
    let parts = pageCount >= 16 ? max(1, min(ProcessInfo.processInfo.activeProcessorCount, 4)) : 1
    let ranges = (0..<parts).map { part -> [String] in
      guard parts > 1 else { return [] }
      let first = part * pageCount / parts + 1
      let last = (part + 1) * pageCount / parts
      return ["-f", String(first), "-l", String(last)]
    }
    let outputs = Locked([Output?](repeating: nil, count: parts))
    let failures = Locked([DocumentError?](repeating: nil, count: parts))
    DispatchQueue.concurrentPerform(iterations: parts) { part in
      do {
        let output = try Self.run("pdftotext", ranges[part] + ["-enc", "UTF-8", file.path, "-"], path: file.path)
        outputs.withLock { $0[part] = output }
      } catch let error as DocumentError {
        failures.withLock { $0[part] = error }
      } catch {}
    }
    if let failure = failures.withLock { $0 }.compactMap({ $0 }).first { throw failure }
    var pages: [String] = []
    for output in outputs.withLock({ $0 }) {
      guard let text = output else { throw DocumentError(path: file.path, .toolFailed("pdftotext gave no output")) }
      if text.status != 0 {
        let message = String(decoding: text.error, as: UTF8.self)
        if message.lowercased().contains("password") || fields["Encrypted"]?.hasPrefix("yes") == true {
          throw DocumentError(path: file.path, .encrypted)
        }
        throw DocumentError(path: file.path, .malformed("damaged PDF: \(Self.firstLine(message))"))
      }
      var partPages = String(decoding: text.output, as: UTF8.self).components(separatedBy: "\u{0C}")
      if partPages.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true && partPages.count > 1 {
        partPages.removeLast()
      }
      pages += partPages
    }
    guard pages.contains(where: { $0.contains(where: \.isLetter) }) else {
      throw DocumentError(path: file.path, .needsOCR)
    }
    pages = Self.removeRunningLines(pages).map(Self.joinLines)
    var body = ""
    var starts: [Int] = []
    for page in pages {
      if !body.isEmpty { body += "\n\n" }
      starts.append(body.utf8.count)
      body += page
    }
    var document = Document(
      key: file.path, path: file.path,
      title: fields["Title"].flatMap { $0.isEmpty ? nil : $0 } ?? PlainTextReader.title(of: body) ?? file.path.fileStem,
      body: body, pageStarts: starts, format: format)
    if let created = fields["CreationDate"] { document.date = Self.date(created) }
    if let author = fields["Author"], !author.isEmpty { document.metadata["author"] = author }
    document.metadata["pages"] = String(pages.count)
    try emit(document)
    return []
  }

  /// A subprocess's exit status and output.
  struct Output {
    var status: Int32
    var output: [UInt8]
    var error: [UInt8]
  }

  static func run(_ tool: String, _ arguments: [String], path: String) throws -> Output {
    let process = Process()
    let candidates = ["/usr/bin/\(tool)", "/usr/local/bin/\(tool)"]
    guard let executable = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
      throw DocumentError(path: path, .toolFailed("\(tool) not found: install the Debian package poppler-utils"))
    }
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardOutput = stdout
    process.standardError = stderr
    do {
      try process.run()
    } catch {
      throw DocumentError(path: path, .toolFailed("cannot run \(tool): \(error)"))
    }
    // Read both pipes concurrently so a full pipe cannot block the tool.
    let errorData = Locked(Data())
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      let data = stderr.fileHandleForReading.readDataToEndOfFile()
      errorData.withLock { $0 = data }
      group.leave()
    }
    let timer = DispatchWorkItem { if process.isRunning { process.terminate() } }
    DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: timer)
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    group.wait()
    timer.cancel()
    if process.terminationReason == .uncaughtSignal {
      throw DocumentError(path: path, .toolFailed("\(tool) took longer than \(Int(timeout)) s"))
    }
    return Output(status: process.terminationStatus, output: [UInt8](output), error: [UInt8](errorData.withLock { $0 }))
  }

  static func fields(_ info: String) -> [String: String] {
    var result: [String: String] = [:]
    for line in info.split(whereSeparator: \.isNewline) {
      guard let colon = line.firstIndex(of: ":") else { continue }
      result[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    return result
  }

  static func firstLine(_ text: String) -> String {
    text.split(whereSeparator: \.isNewline).first.map(String.init) ?? "pdftotext failed"
  }

  /// "Thu Dec 16 10:12:04 2021 CET" or ISO dates → YYYY-MM-DD.
  static func date(_ text: String) -> String? {
    if DocumentDate.days(String(text.prefix(10))) != nil { return String(text.prefix(10)) }
    let parts = text.split(separator: " ")
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    guard parts.count >= 5, let month = months.firstIndex(of: String(parts[1])), let day = Int(parts[2]),
      let year = parts.dropFirst(3).compactMap({ Int($0) }).first(where: { $0 > 1900 })
    else { return nil }
    return String(format: "%04d-%02d-%02d", year, month + 1, day)
  }

  /// Removes lines that repeat at the top or bottom of most pages, with
  /// digits counted as equal (so "p. 3" and "p. 4" repeat), and lines that
  /// are only a page number.
  static func removeRunningLines(_ pages: [String]) -> [String] {
    let split = pages.map { $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
    func key(_ line: String) -> String {
      String(line.trimmingCharacters(in: .whitespaces).map { $0.isNumber ? "#" : $0 })
    }
    var counts: [String: Int] = [:]
    for lines in split {
      let content = lines.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
      var edge = Set<String>()
      for line in content.prefix(3) + content.suffix(3) { edge.insert(key(line)) }
      for line in edge { counts[line, default: 0] += 1 }
    }
    let threshold = max(3, pages.count / 2)
    let running = Set(counts.filter { $0.value >= threshold && !$0.key.isEmpty }.keys)
    return split.map { lines in
      let content = lines.enumerated().filter { !$0.element.trimmingCharacters(in: .whitespaces).isEmpty }
      let edges = Set((content.prefix(3) + content.suffix(3)).map(\.offset))
      return lines.enumerated().filter { index, line in
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.allSatisfy(\.isNumber) && !trimmed.isEmpty && edges.contains(index) { return false }
        return !(edges.contains(index) && running.contains(key(line)))
      }.map(\.element).joined(separator: "\n")
    }
  }

  /// Joins a page's lines: hyphenated word ends are joined, other line ends
  /// inside a paragraph become spaces, blank lines stay paragraph breaks.
  static func joinLines(_ page: String) -> String {
    var paragraphs: [String] = []
    var current = ""
    for raw in page.split(separator: "\n", omittingEmptySubsequences: false) {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.isEmpty {
        if !current.isEmpty { paragraphs.append(current) }
        current = ""
        continue
      }
      if current.isEmpty {
        current = line
      } else if current.hasSuffix("-"), let next = line.first, next.isLowercase {
        let before = current.dropLast().last
        if let before, before.isLowercase {
          current = String(current.dropLast()) + line  // ketenveilig- heid
        } else {
          current += line  // NIS2- richtlijn
        }
      } else if SentenceListMarker.starts(line) {
        current += "\n" + line
      } else {
        current += " " + line
      }
    }
    if !current.isEmpty { paragraphs.append(current) }
    return paragraphs.joined(separator: "\n\n")
  }
}

/// Whether a line starts a list item: "- ", "• ", "1. ", "a) ".
enum SentenceListMarker {
  static func starts(_ line: String) -> Bool {
    if line.hasPrefix("- ") || line.hasPrefix("• ") || line.hasPrefix("* ") || line.hasPrefix("– ") { return true }
    let head = line.prefix(5)
    guard let close = head.firstIndex(where: { $0 == "." || $0 == ")" }) else { return false }
    let marker = head[..<close]
    return !marker.isEmpty && (marker.allSatisfy(\.isNumber) || (marker.count == 1 && marker.first!.isLetter))
      && line[close...].dropFirst().first == " "
  }
}
