import ArgumentParser
import BeleidAnalysis
import BeleidDocuments
import BeleidGlossary
import BeleidTranslation
import Foundation

/// `beleid lexicon`: build the word data the analyzer uses.
struct Lexicon: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lexicon",
    abstract: "Build the word data the analyzer and cross-language search use.",
    subcommands: [Compile.self, Import.self, Show.self, Frequencies.self]
  )

  /// `beleid lexicon compile`: build the analysis cache now.
  struct Compile: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "compile",
      abstract: "Compile the word lists, resources, FreeDict and the glossary into the caches commands read.",
      discussion: """
        Commands build the cache themselves the first time they need it (about
        0.5 s) and read it afterwards (a few ms). Run this after installing, or
        to see where the cache is. It lives in $BELEID_CACHE, else
        $XDG_CACHE_HOME/beleid, else ~/.cache/beleid; BELEID_CACHE=off turns it off.
        An edited glossary or word list is compiled again when next used.
        """
    )

    @OptionGroup var glossary: GlossaryOptions

    func run() throws {
      guard let folder = AnalysisResources.cacheFolder else {
        throw CLIError("no cache folder: set BELEID_CACHE or HOME (BELEID_CACHE=off turns the cache off)")
      }
      let built = AnalysisResources()
      for warning in built.warnings { printError("warning: \(warning)") }
      guard built.warnings.isEmpty else {
        printError("error: resources with warnings are not cached; install the packages named above")
        throw ExitCode(2)
      }
      guard
        let path = AnalysisResources.cachePath(
          dutchWordList: AnalysisResources.dutchWordListPath, englishWordList: AnalysisResources.englishWordListPath,
          folder: folder)
      else { throw CLIError("the bundled analysis resources are missing; reinstall beleid") }
      try runCatching { try built.writeCache(to: path) }
      print(path)
      for language in Language.allCases {
        // Opening a dictionary with a cache folder compiles and caches it.
        do {
          _ = try FreeDictionary(from: language, cacheFolder: folder)
          print("FreeDict from \(language.code) compiled into \(folder)")
        } catch {
          printError("warning: \(error); searches will not translate through FreeDict")
        }
      }
      guard let location = glossary.location else {
        printError("warning: \(GlossaryOptions.notFound)")
        return
      }
      try runCatching {
        let (loaded, _) = try Glossary.compiled(location, cacheFolder: folder)
        try TermMatcher(glossary: loaded, cacheFolder: folder).prepare()
        print("glossary \(location) (\(loaded.concepts.count) concepts) compiled into \(folder)")
      }
    }
  }

  /// `beleid lexicon import`: compile bilingual lexicons for cross-language search.
  struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "import",
      abstract: "Compile English-Dutch lexicons into the translation table searches use.",
      discussion: """
        Reads the lexicon TSV files in FOLDER (english<TAB>dutch<TAB>note, '#'
        header lines) and compiles translation probabilities from them: each
        resource that knows a word spreads a vote over its translations, and
        the votes are averaged, so translations that resources agree on rise.
        English queries are then translated through this table instead of
        FreeDict alone; the glossary still comes first.

        By default the openly licensed resources are read: \(TranslationLexicon.resources.filter(\.isDefault).map(\.name).joined(separator: ", ")).
        --lexicon adds one: muse (CC BY-NC 4.0, non-commercial use only) or
        any NAME whose file NAME-en-nl.tsv is in FOLDER, attributed by its
        first '#' line. The table goes to $BELEID_LEXICON, else
        $XDG_DATA_HOME/beleid/lexicon.tables, else
        ~/.local/share/beleid/lexicon.tables; BELEID_LEXICON=off ignores it.

          beleid lexicon import ../shared/data/lexicons
        """
    )

    @Argument(help: "The folder of lexicon TSV files.")
    var folder: String

    @Option(name: .customLong("lexicon"), help: "Also import this resource (muse, or NAME for NAME-en-nl.tsv).")
    var extra: [String] = []

    @Flag(help: "Import only the --lexicon resources, not the default open ones.")
    var noDefaults = false

    @Option(help: "Where to write the table (default: see above).")
    var output: String?

    func run() throws {
      guard let path = output ?? TranslationLexicon.defaultPath else {
        throw CLIError("no place for the table: give --output, or set BELEID_LEXICON or HOME")
      }
      try runCatching {
        var chosen = noDefaults ? [] : TranslationLexicon.resources.filter(\.isDefault)
        for name in extra where !chosen.contains(where: { $0.name == name }) {
          chosen.append(try TranslationLexicon.resource(named: name, folder: folder))
        }
        guard !chosen.isEmpty else { throw CLIError("nothing to import: name a resource with --lexicon") }
        if chosen.contains(where: { $0.name == "muse" }) {
          printError("note: MUSE is CC BY-NC 4.0: non-commercial use only")
        }
        let (lexicon, notes) = try TranslationLexicon.compile(folder: folder, resources: chosen)
        for note in notes { printError("warning: \(note)") }
        try lexicon.write(to: path)
        let counts =
          "\(lexicon.count(from: .english)) English and \(lexicon.count(from: .dutch)) Dutch words and phrases"
        print("\(counts) from \(chosen.map(\.name).joined(separator: ", ")) compiled into \(path)")
      }
    }
  }

  /// `beleid lexicon show`: what the imported translation table holds.
  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "show",
      abstract: "Show the imported translation table's sources and licences, or a word's translations.",
      discussion: """
          beleid lexicon show
          beleid lexicon show obligations
          beleid lexicon show --from nl verplichting
        """
    )

    @Argument(help: "Words or phrases to translate.")
    var words: [String] = []

    @Option(
      help: "Their language: en (default) or nl.",
      transform: { text in
        guard let language = Language(code: text) else { throw ValidationError("--from takes en or nl") }
        return language
      })
    var from: Language = .english

    func run() throws {
      try runCatching {
        guard let path = TranslationLexicon.defaultPath, let lexicon = try TranslationLexicon(path: path) else {
          print("no translation table imported (beleid lexicon import FOLDER); searches translate through FreeDict")
          throw ExitCode(1)
        }
        guard !words.isEmpty else {
          print(
            "\(path): \(lexicon.count(from: .english)) English and \(lexicon.count(from: .dutch)) Dutch words and phrases"
          )
          print("sources: \(lexicon.sources.joined(separator: ", "))")
          for line in lexicon.attributions { print("- \(line)") }
          return
        }
        for word in words {
          let found = try lexicon.translations(of: word, from: from)
          print(found.isEmpty ? "\(word): no translation" : "\(word):")
          let width = found.map(\.text.count).max() ?? 0
          for translation in found {
            let text = translation.text.padding(toLength: width, withPad: " ", startingAt: 0)
            let p = String(format: "%.3f", translation.probability)
            print("  \(text)  \(p)  \(translation.sources.joined(separator: ", "))")
          }
        }
      }
    }
  }

  /// `beleid lexicon frequencies`: count words for the decompounder.
  struct Frequencies: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "frequencies",
      abstract: "Count folded words in text or JSONL and print word<TAB>count.",
      discussion: """
        The Dutch decompounder splits a word only when its parts are more common
        than the whole word (Koehn and Knight 2003). The bundled table was made with

          xzcat ../shared/data/bench/bwb-laws.jsonl.xz \\
            | beleid lexicon frequencies --jsonl --minimum 5 - \\
            > Sources/BeleidAnalysis/Resources/nl-frequencies.tsv
        """
    )

    @Flag(help: "Read JSON lines and count their title and text fields.")
    var jsonl = false

    @Option(help: "Leave out words seen fewer times than this.")
    var minimum: UInt32 = 5

    @Argument(help: "Files to read ('-' for standard input).")
    var files: [String] = ["-"]

    func run() throws {
      let counter = try WordCounter(language: .dutch)
      for file in files {
        let handle: FileHandle
        if file == "-" {
          handle = FileHandle.standardInput
        } else {
          guard let opened = FileHandle(forReadingAtPath: file) else { throw CLIError("cannot read \(file)") }
          handle = opened
        }
        var reader = LineReader(handle: handle)
        while let line = reader.next() {
          if jsonl {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
              continue
            }
            for field in ["title", "text"] {
              guard let value = object[field] as? String, !value.isEmpty else { continue }
              var text = value
              try text.withUTF8 { try counter.add(UnsafeRawBufferPointer($0)) }
            }
          } else {
            let repaired = UTF8Repair.repair(line).bytes
            try repaired.withUnsafeBytes { try counter.add($0) }
          }
        }
      }
      print("# folded word<TAB>count, made by beleid lexicon frequencies (minimum \(minimum))")
      for entry in counter.table(minimum: minimum).entries() {
        print("\(entry.word)\t\(entry.count)")
      }
    }
  }
}
