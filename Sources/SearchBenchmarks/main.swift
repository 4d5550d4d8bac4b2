// Release-build benchmarks: `swift run -c release SearchBenchmarks <name> [FILE...]`.
//
// Benchmarks:
//   analyzer [FILE...]     Analyzer throughput against raw ICU word breaking
//   analyzer-profile [FILE...]   only Analyzer.analyze, for `perf record`
//   segmentation [DIR]     word-segmentation P/R/F1 on the SIGHAN 2005 gold
//   traditional-simplified-table
//                          prints TextAnalysis's embedded Traditional→Simplified table
//   ingest [FILE...]       parsing and decoding throughput per input format
//   cache-check FILE...    the segmentation cache: same tokens with and without, hit rate, speed-up
//   index FILE [--index DIR]  indexing MB/s vs raw ICU, index size, reader open time
#if canImport(Glibc)
import Glibc
#endif

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "analyzer":
  AnalyzerBenchmark(files: Array(arguments.dropFirst())).run()
case "analyzer-profile":
  AnalyzerBenchmark(files: Array(arguments.dropFirst())).profile()
case "segmentation":
  SegmentationEvaluation(directory: arguments.dropFirst().first ?? "../shared/data/icwb2").run()
case "traditional-simplified-table":
  TraditionalSimplifiedTableGenerator.run()
case "ingest":
  IngestBenchmark.run(Array(arguments.dropFirst()))
case "cache-check":
  CacheCheck(files: Array(arguments.dropFirst())).run()
case "index":
  IndexBenchmark(arguments: Array(arguments.dropFirst())).run()
default:
  print("usage: SearchBenchmarks analyzer [FILE...] | segmentation [DIR] | traditional-simplified-table | ingest | index FILE")
  exit(2)
}
