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
    abstract: "Build the word data the Dutch analyzer uses.",
    subcommands: [Compile.self, Frequencies.self]
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
