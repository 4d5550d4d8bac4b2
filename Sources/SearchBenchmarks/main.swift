// Release-build benchmarks: `swift run -c release SearchBenchmarks <name> [FILE...]`.
//
// Benchmarks:
//   analyzer [FILE...]     Analyzer throughput against raw ICU word breaking
//   segmentation [DIR]     word-segmentation P/R/F1 on the SIGHAN 2005 gold
//   traditional-simplified-table
//                          prints TextAnalysis's embedded Traditional→Simplified table
//   ingest [FILE...]       parsing and decoding throughput per input format
#if canImport(Glibc)
import Glibc
#endif

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "analyzer":
  AnalyzerBenchmark(files: Array(arguments.dropFirst())).run()
case "segmentation":
  SegmentationEvaluation(directory: arguments.dropFirst().first ?? "../shared/data/icwb2").run()
case "traditional-simplified-table":
  TraditionalSimplifiedTableGenerator.run()
case "ingest":
  IngestBenchmark.run(Array(arguments.dropFirst()))
default:
  print("usage: SearchBenchmarks analyzer [FILE...] | segmentation [DIR] | traditional-simplified-table | ingest")
  exit(2)
}
