import BeleidAnalysis
import BeleidIndex
import BeleidTestSupport
import Foundation
import Testing
import ZIPFoundation

@testable import BeleidDocuments

#if canImport(Glibc)
  import Glibc
#endif

/// Reads one file with the reader beleid picks, returning documents and notes.
func readFile(_ path: String) throws -> (documents: [Document], notes: [String], format: String) {
  let file = try SourceFile(path: path)
  guard let reader = DocumentReaders.reader(for: file) else {
    throw DocumentError(path: path, file.size == 0 ? .empty : .binary)
  }
  var documents: [Document] = []
  let notes = try reader.read(file) { documents.append($0) }
  return (documents, notes, reader.format)
}

func fixture(_ name: String) throws -> String {
  try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures")).path
}

func write(_ bytes: [UInt8], _ name: String, in folder: URL) throws -> String {
  let url = folder.appendingPathComponent(name)
  try Data(bytes).write(to: url)
  return url.path
}

func write(_ text: String, _ name: String, in folder: URL) throws -> String {
  try write(Array(text.utf8), name, in: folder)
}

@Suite("Document readers")
struct ReaderTests {
  @Test("PDF: pages kept, hyphenation undone, running headers and page numbers removed")
  func pdf() throws {
    let (documents, _, format) = try readFile(try fixture("kamerbrief.pdf"))
    #expect(format == "pdf")
    let document = try #require(documents.first)
    #expect(document.pageStarts.count == 4)
    #expect(document.title == "Kamerbrief over digitale zaken")
    #expect(document.body.contains("ketenveiligheid van de overheid"))
    #expect(!document.body.contains("Kamerbrief digitale zaken"))
    #expect(document.page(atOffset: document.body.utf8.count - 5) == 4)
    let second = Array(document.body.utf8)[document.pageStarts[1]...]
    #expect(String(decoding: second, as: UTF8.self).hasPrefix("De NIS2"))
    #expect(!document.body.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces) == "2" })
  }

  @Test(
    "bad PDFs are reported, each with its reason",
    arguments: [("scan.pdf", "needs OCR"), ("encrypted.pdf", "password-protected")])
  func badPDF(_ example: (String, String)) throws {
    do {
      _ = try readFile(try fixture(example.0))
      Issue.record("read \(example.0)")
    } catch let error as DocumentError {
      #expect(error.summary.contains(example.1), "\(error)")
    }
  }

  @Test("a truncated PDF is reported as damaged")
  func truncatedPDF() throws {
    let folder = try makeTemporaryDirectory()
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: try fixture("kamerbrief.pdf"))))
    let path = try write(Array(bytes.prefix(bytes.count / 3)), "truncated.pdf", in: folder)
    #expect(throws: DocumentError.self) { try readFile(path) }
  }

  @Test("a file named .pdf that holds text is read as text")
  func textNamedPDF() throws {
    let folder = try makeTemporaryDirectory()
    let path = try write("Dit is gewoon tekst over ketenveiligheid.\n", "notitie.pdf", in: folder)
    let (documents, _, format) = try readFile(path)
    #expect(format == "text")
    #expect(documents.first?.body.contains("ketenveiligheid") == true)
  }

  @Test("HTML: main text without scripts and navigation; title, date and language from meta tags")
  func html() throws {
    let folder = try makeTemporaryDirectory()
    let page = """
      <!DOCTYPE html><html lang="nl"><head><title>Kamerbrief &amp; cloud</title>
      <meta name="DCTERMS.issued" content="2026-02-03"><script>var x = "<p>geen</p>";</script>
      <style>p { color: red }</style></head>
      <body><nav class="hoofd-navigatie"><a href="/">Home</a> <a>Contact</a></nav>
      <div class="cookie-banner">Wij gebruiken cookies</div>
      <main><h1>Cloudbeleid</h1><p>De overheid kiest voor digitale autonomie&nbsp;en open&#8209;source.</p>
      <p>Leveranciers&#x2019; afspraken staan in de <em>aanbesteding</em>.</p></main>
      <footer>© Rijksoverheid</footer></body></html>
      """
    let (documents, _, format) = try readFile(try write(page, "brief.html", in: folder))
    #expect(format == "html")
    let document = try #require(documents.first)
    #expect(document.title == "Kamerbrief & cloud")
    #expect(document.date == "2026-02-03")
    #expect(document.language == .dutch)
    #expect(document.body.contains("De overheid kiest voor digitale autonomie"))
    #expect(document.body.contains("Leveranciers’ afspraken staan in de aanbesteding."))
    for dropped in ["Home", "cookies", "Rijksoverheid", "var x", "color"] {
      #expect(!document.body.contains(dropped), "\(dropped)")
    }
  }

  @Test("an HTML page of only scripts is reported")
  func scriptOnlyHTML() throws {
    let folder = try makeTemporaryDirectory()
    let path = try write(
      "<html><head><script>alert(1)</script></head><body><script>x()</script></body></html>", "s.html", in: folder)
    #expect(throws: DocumentError.self) { try readFile(path) }
  }

  /// Markdown whose raw HTML must be read as text (as NeRDS pages hold it), and what must stay.
  static let markdownWithHTML: [(markdown: String, kept: [String], gone: [String])] = [
    (
      """
      # Data

      <div class="action-cards">
          <div class="action-card">

              <h4 >Open Data</h4>
              <p >Het open dataportaal van de overheid</p>
              <a href="https://data.overheid.nl/" class="action-button" target="_blank">Verkennen</a>
              <button disabled class="action-button">Starten</button>
          </div>
      </div>

      Meer over **datakwaliteit** volgt.
      """,
      ["# Data", "Open Data", "Het open dataportaal van de overheid", "Meer over **datakwaliteit** volgt."],
      ["div", "class", "action-card", "https://data.overheid.nl", "_blank", "Starten"]
    ),
    (
      "Een regel met <span class=\"wip\">nieuwe</span> tekst<br>en meer.\n<!-- verborgen\nnotitie -->\nSlot.",
      ["Een regel met nieuwe tekst en meer.", "Slot."], ["span", "wip", "verborgen", "notitie"]
    ),
    (
      "Code blijft: `<div>` en\n\n```html\n<div class=\"x\">voorbeeld</div>\n```\n\nZie <https://example.org> of a < b > c.",
      ["`<div>`", "<div class=\"x\">voorbeeld</div>", "<https://example.org>", "a < b > c"], []
    ),
    (
      "Vul in: <naam organisatie> en <Datum>.\n\n<organisatie>\n\nSlot.",
      ["<naam organisatie>", "<Datum>", "<organisatie>", "Slot."], []
    ),
  ]

  @Test("Markdown: raw HTML is read as text, code and autolinks stay", arguments: markdownWithHTML)
  func markdownHTML(_ example: (markdown: String, kept: [String], gone: [String])) throws {
    let folder = try makeTemporaryDirectory()
    let (documents, _, format) = try readFile(try write(example.markdown, "pagina.md", in: folder))
    #expect(format == "markdown")
    let body = try #require(documents.first).body
    for text in example.kept { #expect(body.contains(text), "\(text) in \(body)") }
    for text in example.gone { #expect(!body.contains(text), "\(text) in \(body)") }
  }

  @Test("official XML: title, date, source and text by profile")
  func officialXML() throws {
    let folder = try makeTemporaryDirectory()
    let stb = """
      <?xml version="1.0" encoding="utf-8"?>
      <officiele-publicatie><metadata><meta name="x" content="y"/></metadata>
      <kop><titel>Staatsblad</titel></kop><staatsblad><intitule>Besluit van 9 maart 2026, houdende regels over ketenveiligheid</intitule>
      <wettekst><artikel><kop><label>Artikel</label><nr>1</nr></kop><al>Dit besluit regelt de zorgplicht.</al></artikel></wettekst>
      </staatsblad></officiele-publicatie>
      """
    let (documents, _, format) = try readFile(try write(stb, "stb.xml", in: folder))
    #expect(format == "xml")
    let document = try #require(documents.first)
    #expect(document.format == "xml-officiele-publicatie")
    #expect(document.title.hasPrefix("Besluit van 9 maart 2026"))
    #expect(document.date == "2026-03-09")
    #expect(document.source == "Staatsblad (officielebekendmakingen.nl)")
    #expect(document.body.contains("Artikel 1"))
    #expect(document.body.contains("Dit besluit regelt de zorgplicht."))

    let ruling = """
      <?xml version="1.0"?><open-rechtspraak><rdf:RDF><rdf:Description>
      <dcterms:identifier>ECLI:NL:RBAMS:2026:1</dcterms:identifier><dcterms:date>2026-01-15</dcterms:date>
      <dcterms:creator>Rechtbank Amsterdam</dcterms:creator><dcterms:title>ECLI:NL:RBAMS:2026:1 Rechtbank Amsterdam</dcterms:title>
      </rdf:Description></rdf:RDF><inhoudsindicatie><para>Datalek bij een leverancier.</para></inhoudsindicatie>
      <uitspraak><para>De rechtbank oordeelt over de meldplicht.</para></uitspraak></open-rechtspraak>
      """
    let rulingDocument = try #require(try readFile(try write(ruling, "r.xml", in: folder)).documents.first)
    #expect(rulingDocument.format == "xml-rechtspraak")
    #expect(rulingDocument.date == "2026-01-15")
    #expect(rulingDocument.source == "Rechtbank Amsterdam")
    #expect(rulingDocument.metadata["identifier"] == "ECLI:NL:RBAMS:2026:1")
    #expect(!rulingDocument.body.contains("ECLI:NL:RBAMS:2026:1 Rechtbank"))  // metadata is not body text
    #expect(rulingDocument.body.contains("De rechtbank oordeelt over de meldplicht."))
  }

  /// Files whose metadata names a document type, and the type beleid
  /// reads from each (nil: none).
  static let typedFiles: [(name: String, text: String, type: String?)] = [
    ("wet.md", "---\ntitle: Wet\ntype: \"  ministeriele-regeling \"\n---\nTekst.", "ministeriele-regeling"),
    ("lines.jsonl", #"{"id": "1", "text": "Tekst.", "type": "AMvB-BES"}"#, "AMvB-BES"),
    (
      "bwb.xml",
      #"<?xml version="1.0"?><toestand bwb-id="BWBR1"><wetgeving soort="wet"><intitule>Wet x</intitule><al>Tekst.</al></wetgeving></toestand>"#,
      "wet"
    ),
    (
      "cvdr.xml",
      #"<?xml version="1.0"?><cvdr><meta><owmskern><dcterms:type scheme="overheid:Informatietype">regeling</dcterms:type></owmskern></meta><regeling><al>Tekst.</al></regeling></cvdr>"#,
      "regeling"
    ),
    (
      "page.html",
      #"<html lang="nl"><head><title>Brief</title><meta name="DC.type" content="Kamerbrief"></head><body><p>Tekst.</p></body></html>"#,
      "Kamerbrief"
    ),
    ("eu-l.md", "---\ntitle: NIS2\ncelex: 32022L2555\n---\nTekst.", "EU directive"),
    ("eu-r.md", "---\ntitle: CRA\ncelex: \"3 2024 R 2847\"\n---\nTekst.", "EU regulation"),
    ("eu-d.md", "---\ntitle: Besluit\ncelex: 32011D0833\n---\nTekst.", "EU decision"),
    // A proposal (sector 5) and a type that wins over the CELEX number.
    ("eu-pc.md", "---\ntitle: Voorstel\ncelex: 52020PC0823\n---\nTekst.", nil),
    ("eu-typed.md", "---\ntitle: NIS2\ncelex: 32022L2555\ntype: richtlijn\n---\nTekst.", "richtlijn"),
    ("blank.md", "---\ntitle: Leeg\ntype: \"  \"\n---\nTekst.", nil),
    ("plain.txt", "Tekst zonder metadata.", nil),
  ]

  @Test("document types: from metadata in each format, else from a CELEX number", arguments: typedFiles)
  func documentTypes(_ example: (name: String, text: String, type: String?)) throws {
    let folder = try makeTemporaryDirectory()
    let document = try #require(try readFile(try write(example.text, example.name, in: folder)).documents.first)
    #expect(document.documentType == example.type, "\(example.name)")
  }

  @Test("a long type is cut and its white space made single")
  func longType() {
    let document = Document(
      key: "k", path: "k", title: "t", body: "b", format: "text",
      metadata: ["type": "regeling\n\t van " + String(repeating: "x", count: 200)])
    #expect(document.documentType?.hasPrefix("regeling van xx") == true)
    #expect(document.documentType?.count == 80)
  }

  @Test(
    "malformed XML names the line",
    arguments: [("<a><b></a>", 1), ("<?xml version=\"1.0\"?>\n<a>\n<b>\n</a>", 4), ("<a>", 1)])
  func malformedXML(_ example: (String, Int)) throws {
    let folder = try makeTemporaryDirectory()
    do {
      _ = try readFile(try write(example.0, "bad.xml", in: folder))
      Issue.record("read malformed XML")
    } catch let error as DocumentError {
      #expect(error.line == example.1, "\(error)")
    }
  }

  /// A minimal .docx or .odt built here.
  static func office(_ kind: OfficeReader.Kind, in folder: URL, broken: Bool = false) throws -> String {
    let url = folder.appendingPathComponent(kind == .docx ? "nota.docx" : "nota.odt")
    let archive = try Archive(url: url, accessMode: .create)
    func add(_ path: String, _ text: String) throws {
      let data = Data(text.utf8)
      try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count)) { position, size in
        data.subdata(in: Int(position)..<Int(position) + size)
      }
    }
    if broken {
      try add("notes.txt", "not a document")
    } else if kind == .docx {
      try add(
        "word/document.xml",
        #"<?xml version="1.0"?><w:document xmlns:w="x"><w:body><w:p><w:r><w:t>Nota over de </w:t></w:r><w:r><w:t>Cyberbeveiligingswet</w:t></w:r></w:p><w:p><w:r><w:t>De zorgplicht</w:t><w:tab/><w:t>geldt.</w:t></w:r></w:p></w:body></w:document>"#
      )
      try add(
        "docProps/core.xml",
        #"<?xml version="1.0"?><cp:coreProperties xmlns:cp="x" xmlns:dc="y" xmlns:dcterms="z"><dc:title>Nota Cbw</dc:title><dcterms:created>2026-02-01T10:00:00Z</dcterms:created><dc:language>nl-NL</dc:language></cp:coreProperties>"#
      )
    } else {
      try add(
        "content.xml",
        #"<?xml version="1.0"?><office:document-content xmlns:office="x" xmlns:text="y"><office:body><office:text><text:h>Nota over de Cyberbeveiligingswet</text:h><text:p>De zorgplicht<text:s/>geldt.</text:p></office:text></office:body></office:document-content>"#
      )
      try add(
        "meta.xml",
        #"<?xml version="1.0"?><office:document-meta xmlns:office="x" xmlns:dc="y" xmlns:meta="z"><office:meta><dc:title>Nota Cbw</dc:title><meta:creation-date>2026-02-01T10:00:00</meta:creation-date></office:meta></office:document-meta>"#
      )
    }
    return url.path
  }

  @Test("Word and OpenDocument: text and properties", arguments: [OfficeReader.Kind.docx, .odt])
  func office(kind: OfficeReader.Kind) throws {
    let folder = try makeTemporaryDirectory()
    let (documents, _, _) = try readFile(try Self.office(kind, in: folder))
    let document = try #require(documents.first)
    #expect(document.title == "Nota Cbw")
    #expect(document.date == "2026-02-01")
    #expect(document.body.contains("Nota over de Cyberbeveiligingswet"))
    #expect(document.body.contains("De zorgplicht geldt."))
  }

  @Test("a .docx that is a zip of something else is reported")
  func brokenDocx() throws {
    let folder = try makeTemporaryDirectory()
    do {
      _ = try readFile(try Self.office(.docx, in: folder, broken: true))
      Issue.record("read a broken docx")
    } catch let error as DocumentError {
      #expect(error.description.contains("not a Word document"))
    }
  }

  @Test(
    "encodings are detected and conversions reported",
    arguments: [
      ([0xEF, 0xBB, 0xBF] + Array("Één café".utf8), "utf-8-bom", false),
      ([0xFF, 0xFE] + Array("Één café".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }, "utf-16le", true),
      ([0xFE, 0xFF] + Array("Één café".utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }, "utf-16be", true),
      ([0xC9, 0xE9, 0x6E, 0x20, 0x63, 0x61, 0x66, 0xE9], "windows-1252", true),
    ] as [([UInt8], String, Bool)])
  func encodings(_ example: ([UInt8], String, Bool)) throws {
    let decoded = try #require(TextDecoding.decode(example.0))
    #expect(decoded.text == "Één café")
    #expect(decoded.encoding == example.1)
    #expect(decoded.converted == example.2)
    let folder = try makeTemporaryDirectory()
    let (_, notes, _) = try readFile(try write(example.0, "t.txt", in: folder))
    #expect(notes.contains { $0.contains(example.1) } == example.2)
  }

  @Test("binary and empty files are skipped with a reason")
  func binaryAndEmpty() throws {
    let folder = try makeTemporaryDirectory()
    let binary = try write(
      [0x00, 0x01, 0x02, 0xFF, 0x00, 0x10] + Array(repeating: 0, count: 100), "blob.bin", in: folder)
    #expect(throws: DocumentError(path: binary, .binary)) { try readFile(binary) }
    let empty = try write([UInt8](), "leeg.txt", in: folder)
    #expect(throws: DocumentError.self) { try readFile(empty) }
  }

  /// The resident memory of this process in bytes.
  static func residentBytes() -> Int {
    guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let pages = statm.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
  }

  @Test("a 200 MB text file is streamed in parts, memory stays bounded")
  func hugeFile() throws {
    let folder = try makeTemporaryDirectory()
    let url = folder.appendingPathComponent("groot.txt")
    FileManager.default.createFile(atPath: url.path, contents: nil)
    let handle = try FileHandle(forWritingTo: url)
    let line = Data(
      String(repeating: "De zorgplicht en de meldplicht gelden voor ketenveiligheid. ", count: 16).appending("\n").utf8)
    var block = Data()
    while block.count < 1 << 20 { block.append(line) }
    for _ in 0..<200 { handle.write(block) }
    try handle.close()
    defer { try? FileManager.default.removeItem(at: url) }

    let file = try SourceFile(path: url.path)
    let before = Self.residentBytes()
    var parts = 0
    var largest = 0
    var peak = 0
    _ = try PlainTextReader().read(file) { document in
      parts += 1
      largest = max(largest, document.body.utf8.count)
      peak = max(peak, Self.residentBytes())
    }
    #expect(parts >= 25)
    #expect(largest <= PlainTextReader.partSize + 4096)
    // Far less than the file: a few parts in memory at most.
    #expect(peak - before < 120 << 20, "grew by \(((peak - before) >> 20)) MB")
  }

  @Test("an unreadable file is reported and the rest of the run goes on")
  func badFilesInARun() throws {
    let corpus = try TestCorpus()
    try corpus.add("goed.md", title: "Goed", body: "ketenveiligheid")
    let folder = corpus.folder
    _ = try write([UInt8](), "leeg.txt", in: folder)
    _ = try write([0, 1, 2, 3, 0, 0, 0, 7], "blob.bin", in: folder)
    _ = try write("<html><body><script>x()</script></body></html>", "scripts.html", in: folder)
    let pdfBytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: try fixture("kamerbrief.pdf"))))
    _ = try write(Array(pdfBytes.prefix(700)), "afgebroken.pdf", in: folder)
    try FileManager.default.copyItem(
      atPath: try fixture("scan.pdf"), toPath: folder.appendingPathComponent("scan.pdf").path)
    try FileManager.default.copyItem(
      atPath: try fixture("encrypted.pdf"), toPath: folder.appendingPathComponent("geheim.pdf").path)
    _ = try Self.office(.docx, in: folder, broken: true)
    // Unreadable: without permission, or, as root (who may read anything),
    // a link to nothing.
    let locked = folder.appendingPathComponent("dicht.txt")
    if geteuid() == 0 {
      try FileManager.default.createSymbolicLink(atPath: locked.path, withDestinationPath: "/nonexistent/dicht.txt")
    } else {
      _ = try write("geheim", "dicht.txt", in: folder)
      chmod(locked.path, 0)
    }
    let index = try corpus.indexFolder()
    let summary = try IndexWriter(folder: index).index(paths: [folder.path])
    #expect(summary.documentsAdded == 1)
    let reasons = summary.skipped.joined(separator: "\n")
    for expected in [
      "leeg.txt", "blob.bin", "scripts.html", "afgebroken.pdf", "scan.pdf", "geheim.pdf", "nota.docx", "dicht.txt",
    ] {
      #expect(reasons.contains(expected), "no message for \(expected): \(reasons)")
    }
    #expect(reasons.contains("needs OCR"))
    #expect(reasons.contains("password-protected"))
    #expect(reasons.contains("not a Word document"))
  }

  @Test(
    "the shared corpus: every document read, no crash",
    .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason)))
  func sharedCorpus() throws {
    let index = try makeTemporaryDirectory().path
    let summary = try IndexWriter(folder: index).index(paths: [SharedData.url("corpus").path])
    #expect(summary.skipped.isEmpty, "\(summary.skipped)")
    #expect(summary.filesIndexed == summary.filesSeen)
    for format in ["pdf", "html", "markdown", "text", "xml"] {
      #expect((summary.filesPerFormat[format] ?? 0) > 0, "\(format)")
    }
    #expect(summary.pages >= 57)
  }
}
