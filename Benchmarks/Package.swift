// swift-tools-version:6.0
import PackageDescription

// Benchmarks live in their own package so the main package needs no
// benchmark code or dependency. Run from the repository root:
//   swift run -c release --package-path Benchmarks beleid-bench analysis
let package = Package(
  name: "beleid-benchmarks",
  dependencies: [
    .package(name: "beleid", path: ".."),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
  ],
  targets: [
    .executableTarget(
      name: "beleid-bench",
      dependencies: [
        .product(name: "BeleidAnalysis", package: "beleid"),
        .product(name: "BeleidDocuments", package: "beleid"),
        .product(name: "BeleidIndex", package: "beleid"),
        .product(name: "BeleidGlossary", package: "beleid"),
        .product(name: "BeleidSummary", package: "beleid"),
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "Sources/BeleidBench"
    )
  ],
  swiftLanguageModes: [.v6]
)
