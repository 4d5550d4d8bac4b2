// Release-build benchmarks: `swift run -c release SearchBenchmarks <name> [FILE...]`.
//
// Benchmarks:
//   analyzer [FILE...]     Analyzer throughput against raw ICU word breaking
//   segmentation [DIR]     word-segmentation P/R/F1 on the SIGHAN 2005 gold
//   index FILE [--index DIR]  indexing MB/s vs raw ICU, index size, reader open time
#if canImport(Glibc)
import Glibc
#endif

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "analyzer":
  AnalyzerBenchmark(files: Array(arguments.dropFirst())).run()
case "segmentation":
  SegmentationEvaluation(directory: arguments.dropFirst().first ?? "../shared/data/icwb2").run()
case "index":
  IndexBenchmark(arguments: Array(arguments.dropFirst())).run()
default:
  print("usage: SearchBenchmarks analyzer [FILE...] | segmentation [DIR]")
  exit(2)
}
