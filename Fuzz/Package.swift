// swift-tools-version: 6.0
//
// Fuzz targets, kept out of the main package so that a plain `swift build`
// never links an executable without a main function. Build and run:
//
//   cd Fuzz
//   swift build -c release --sanitize=address --sanitize=fuzzer -Xswiftc -parse-as-library --product QueryFuzz
//   mkdir -p /tmp/query-corpus && cp seeds/* /tmp/query-corpus/
//   .build/release/QueryFuzz /tmp/query-corpus -max_total_time=60 -max_len=4096 -timeout=2 -rss_limit_mb=2048
//   swift build -c release --sanitize=address --sanitize=fuzzer -Xswiftc -parse-as-library --product IndexFuzz
//   mkdir -p /tmp/index-corpus && .build/release/IndexFuzz /tmp/index-corpus -max_total_time=60 -max_len=512
//
// Put `--sanitize=fuzzer` LAST: in the other order SwiftPM silently builds
// an uninstrumented binary (libFuzzer then reports "no interesting inputs").
// Check that the run prints "INFO: Loaded 1 modules (N inline 8-bit counters)"
// with N > 0.
import PackageDescription

let package = Package(
  name: "ChineseSearchFuzz",
  dependencies: [.package(name: "ChineseSearch", path: "..")],
  targets: [
    .executableTarget(
      name: "QueryFuzz",
      dependencies: [.product(name: "ChineseSearch", package: "ChineseSearch")]),
    // The segment readers: one file of a small index overwritten, its checksum
    // resealed, then opened, searched and checked.
    .executableTarget(
      name: "IndexFuzz",
      dependencies: [.product(name: "ChineseSearch", package: "ChineseSearch")]),
  ],
  swiftLanguageModes: [.v6]
)
