// swift-tools-version: 6.0
//
// A Chinese full-text search engine for environmental-inspection documents.
// Pipeline (one module per stage, dependencies point one way):
//   CICU → TextAnalysis → Ingest → IndexStore → QueryEngine → Insights → SearchCLI
import PackageDescription

let package = Package(
  name: "ChineseSearch",
  products: [
    // The library a client imports: analysis, ingest, the on-disk index, the
    // query engine and the analyst workflows (Insights).
    .library(
      name: "ChineseSearch",
      targets: ["TextAnalysis", "Ingest", "IndexStore", "QueryEngine", "Insights"]),
    // The `search` command-line tool.
    .executable(name: "search", targets: ["SearchCLI"]),
  ],
  dependencies: [
    // Command-line parsing, help and completions for `search` (and the help
    // dump scripts/make-manual.py renders docs/search.1 from).
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
  ],
  targets: [
    // MARK: C shims

    // ICU (libicu-dev): word breaking, normalization, transliteration and
    // charset conversion, behind version-free, type-free `cicu_*` C wrappers
    // (include/cicu.h explains why no ICU header may reach Swift). A C
    // target, not a system library: the wrappers need a .c file.
    .target(
      name: "CICU",
      linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata")]),
    // zlib (zlib1g-dev): CRC-32 of every index file, and the stored blocks
    // of indexes written before zstd (still read).
    .systemLibrary(
      name: "CZlib",
      providers: [.apt(["zlib1g-dev"])]),
    // zstd (libzstd-dev): compression of stored-document blocks, with a
    // dictionary trained per segment; decodes a hit's block several times
    // faster than zlib, in less room.
    .systemLibrary(
      name: "CZstd",
      providers: [.apt(["libzstd-dev"])]),

    // MARK: Library

    .target(name: "TextAnalysis", dependencies: ["CICU"]),
    .target(name: "Ingest", dependencies: ["CICU"]),
    .target(
      name: "IndexStore",
      dependencies: ["TextAnalysis", "Ingest", "CZlib", "CZstd"]),
    .target(name: "QueryEngine", dependencies: ["IndexStore", "TextAnalysis", "Ingest"]),
    // Analyst workflows across documents: recurring complaints, unit
    // timelines, region roll-up, similar documents.
    .target(name: "Insights", dependencies: ["QueryEngine", "IndexStore", "Ingest", "TextAnalysis"]),

    // MARK: Command-line tool

    .executableTarget(
      name: "SearchCLI",
      dependencies: [
        "QueryEngine", "IndexStore", "Ingest", "TextAnalysis", "Insights",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),

    // MARK: Tools (not in any product)

    // Writes realistic generated corpora of any size, for benchmarks.
    .executableTarget(name: "CorpusGenerator", dependencies: ["Ingest"]),
    // Child process of the IndexStore crash trials: indexes batches, prints
    // an ACK line after each commit, and gets killed with SIGKILL.
    .executableTarget(name: "IndexCrashWorker", dependencies: ["IndexStore", "Ingest", "TextAnalysis"]),
    // Release-build benchmarks: `swift run -c release SearchBenchmarks`.
    .executableTarget(
      name: "SearchBenchmarks",
      dependencies: ["TextAnalysis", "Ingest", "IndexStore", "QueryEngine", "CICU"]),

    // MARK: Tests (public API only: plain `import`)

    .testTarget(name: "TextAnalysisTests", dependencies: ["TextAnalysis"]),
    .testTarget(name: "IngestTests", dependencies: ["Ingest"], resources: [.copy("Fixtures")]),
    .testTarget(name: "IndexStoreTests", dependencies: ["IndexStore", "Ingest", "TextAnalysis"]),
    .testTarget(
      name: "QueryEngineTests", dependencies: ["QueryEngine", "IndexStore", "Ingest", "TextAnalysis", "Insights"]),
    .testTarget(name: "InsightsTests", dependencies: ["Insights", "QueryEngine", "IndexStore", "Ingest", "TextAnalysis"]),
    .testTarget(name: "SearchCLITests", dependencies: ["SearchCLI", "IndexStore", "TextAnalysis"]),
  ],
  swiftLanguageModes: [.v6]
)
