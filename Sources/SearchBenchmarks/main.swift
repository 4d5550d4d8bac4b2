if CommandLine.arguments.dropFirst().first == "ingest" { IngestBenchmark.run(Array(CommandLine.arguments.dropFirst(2))) } else {
print("benchmarks: not yet")
}
