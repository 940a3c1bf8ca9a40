// swift-tools-version:6.0
import PackageDescription

/// Settings every Swift target shares: Swift 6 language mode (set below) plus
/// the upcoming features that make dependencies and existentials explicit.
let strictSettings: [SwiftSetting] = [
  // SE-0335: write `any Protocol` for existential types.
  .enableUpcomingFeature("ExistentialAny"),
  // SE-0444: a file sees only the members of modules it imports itself.
  .enableUpcomingFeature("MemberImportVisibility"),
]



let package = Package(
  name: "beleid",
  products: [
    .library(name: "Beleid", targets: ["Beleid"]),
    .executable(name: "beleid", targets: ["BeleidCLI"]),
    .executable(name: "beleid-fuzz", targets: ["BeleidFuzz"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
  ],
  targets: [
    // MARK: C libraries (only the lowest layer imports these)

    /// Our shim over the system ICU; its header exposes no ICU types.
    .target(
      name: "CICU",
      linkerSettings: [.linkedLibrary("icuuc"), .linkedLibrary("icui18n")]
    ),
    /// Snowball stemmers from Debian's libstemmer-dev (no pkg-config file).
    .systemLibrary(name: "CStemmer", providers: [.apt(["libstemmer-dev"])]),
    /// zlib from Debian's zlib1g-dev: stored-field compression and CRC-32.
    .systemLibrary(name: "CDeflate", providers: [.apt(["zlib1g-dev"])]),
    .systemLibrary(name: "CZstd", providers: [.apt(["libzstd-dev"])]),
    /// Unpacking of the postings' bit-packed blocks, one unrolled loop per width.
    .target(name: "CBitPacking"),
    /// A clear error, not a crash, when another program truncates or
    /// overwrites a mapped index file under a running reader.
    .target(name: "CFaultGuard"),
    /// Gives the C heap's free pages back to the system (glibc's
    /// malloc_trim), for indexing under a memory budget.
    .target(name: "CMemory"),

    // MARK: Libraries, lowest layer first

    .target(
      name: "BeleidAnalysis",
      dependencies: ["CICU", "CStemmer"],
      resources: [.copy("Resources")],
      swiftSettings: strictSettings
    ),

    .target(
      name: "BeleidDocuments",
      dependencies: [
        "BeleidAnalysis", .product(name: "Yams", package: "Yams"),
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ],
      swiftSettings: strictSettings
    ),

    .target(
      name: "BeleidIndex",
      dependencies: [
        "BeleidAnalysis", "BeleidDocuments", "CBitPacking", "CDeflate", "CFaultGuard", "CMemory", "CZstd",
      ],
      swiftSettings: strictSettings
    ),

    .target(
      name: "BeleidSearch",
      dependencies: [
        "BeleidAnalysis", "BeleidDocuments", "BeleidIndex",
        .product(name: "HeapModule", package: "swift-collections"),
      ],
      swiftSettings: strictSettings
    ),

    .target(
      name: "BeleidGlossary",
      dependencies: [
        "BeleidAnalysis", "BeleidDocuments", "CDeflate",
        .product(name: "Yams", package: "Yams"),
      ],
      swiftSettings: strictSettings
    ),

    /// Cross-language search: glossary concepts and FreeDict translations
    /// turned into query expansions. Above Search and Glossary, so that the
    /// glossary (and the summariser, which uses it) need not link the engine.
    .target(
      name: "BeleidTranslation",
      dependencies: ["BeleidAnalysis", "BeleidIndex", "BeleidSearch", "BeleidGlossary", "CDeflate"],
      swiftSettings: strictSettings
    ),

    .target(
      name: "BeleidSummary",
      dependencies: [
        "BeleidAnalysis", "BeleidDocuments", "BeleidGlossary",
        .product(name: "Mustache", package: "swift-mustache"),
      ],
      resources: [.copy("Resources")],
      swiftSettings: strictSettings
    ),

    // MARK: Public API

    /// The library's public API: Index, Snapshot, Query, SearchRequest,
    /// SearchResult, Glossary, Summarizer. Every other module's declarations
    /// are `package`, for this package's own targets only.
    .target(
      name: "Beleid",
      dependencies: [
        "BeleidAnalysis", "BeleidDocuments", "BeleidIndex", "BeleidSearch", "BeleidGlossary", "BeleidTranslation",
        "BeleidSummary",
      ],
      swiftSettings: strictSettings
    ),

    // MARK: Server

    /// `beleid serve`: the JSON API and the web app over the public API, on
    /// Hummingbird.
    .target(
      name: "BeleidServer",
      dependencies: [
        "Beleid", "BeleidAnalysis",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "UnixSignals", package: "swift-service-lifecycle"),
        .product(name: "Mustache", package: "swift-mustache"),
      ],
      resources: [.copy("Resources")],
      swiftSettings: strictSettings
    ),

    // MARK: Command-line tool

    .executableTarget(
      name: "BeleidCLI",
      dependencies: [
        "BeleidAnalysis",
        "BeleidDocuments",
        "BeleidIndex",
        "BeleidSearch",
        "BeleidGlossary",
        "BeleidTranslation",
        "BeleidSummary",
        "BeleidServer",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: strictSettings
    ),

    // MARK: Fuzzing

    /// The fuzz targets: a libFuzzer binary under `Scripts/fuzz`, a replayer
    /// of the seed corpora otherwise.
    .executableTarget(
      name: "BeleidFuzz",
      dependencies: ["BeleidAnalysis", "BeleidDocuments", "BeleidSearch", "BeleidGlossary", "BeleidSummary"],
      path: "Tests/Fuzz/BeleidFuzz",
      swiftSettings: strictSettings
    ),

    // MARK: Tests

    /// Helpers every test target shares: fixture paths, ../shared lookup.
    .target(
      name: "BeleidTestSupport",
      dependencies: ["BeleidAnalysis", "BeleidDocuments", "BeleidGlossary"],
      path: "Tests/BeleidTestSupport",
      swiftSettings: strictSettings
    ),
    .testTarget(
      name: "BeleidAnalysisTests",
      dependencies: ["BeleidAnalysis", "BeleidTestSupport"],
      resources: [.copy("Fixtures")],
      swiftSettings: strictSettings
    ),
    .testTarget(
      name: "BeleidDocumentsTests",
      dependencies: [
        "BeleidDocuments", "BeleidIndex", "BeleidAnalysis", "BeleidTestSupport",
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ],
      resources: [.copy("Fixtures")],
      swiftSettings: strictSettings
    ),
    .testTarget(
      name: "BeleidIndexTests",
      dependencies: ["BeleidIndex", "BeleidDocuments", "BeleidAnalysis", "BeleidTestSupport"],
      swiftSettings: strictSettings
    ),
    .testTarget(
      name: "BeleidSearchTests",
      dependencies: ["BeleidSearch", "BeleidIndex", "BeleidDocuments", "BeleidAnalysis", "BeleidTestSupport"],
      swiftSettings: strictSettings
    ),
    .testTarget(
      name: "BeleidGlossaryTests",
      dependencies: ["BeleidGlossary", "BeleidSearch", "BeleidIndex", "BeleidDocuments", "BeleidAnalysis", "BeleidTestSupport"],
      resources: [.copy("Fixtures")],
      swiftSettings: strictSettings
    ),
    .testTarget(
      name: "BeleidTranslationTests",
      dependencies: [
        "BeleidTranslation", "BeleidGlossary", "BeleidSearch", "BeleidIndex", "BeleidAnalysis", "BeleidTestSupport",
      ],
      swiftSettings: strictSettings
    ),
    .testTarget(
      name: "BeleidSummaryTests",
      dependencies: ["BeleidSummary", "BeleidGlossary", "BeleidDocuments", "BeleidAnalysis", "BeleidTestSupport"],
      swiftSettings: strictSettings
    ),
    .testTarget(
      name: "BeleidTests",
      dependencies: ["Beleid", "BeleidTestSupport"],
      swiftSettings: strictSettings
    ),
    .testTarget(
      name: "BeleidServerTests",
      dependencies: ["BeleidServer", "BeleidTestSupport"],
      resources: [.copy("Fixtures")],
      swiftSettings: strictSettings
    ),
    .testTarget(
      name: "BeleidCLITests",
      dependencies: ["BeleidTestSupport"],
      swiftSettings: strictSettings
    ),
  ],
  swiftLanguageModes: [.v6]
)
