import ArgumentParser

/// The query-time knowledge files every searching command accepts: the unit
/// registry and the region hierarchy.
struct KnowledgeFiles: ParsableArguments {
  @Option(help: "The unit registry (default: corpus/units.txt when present).")
  var units: String?
  @Option(help: "The region hierarchy (default: corpus/regions.txt when present).")
  var regions: String?
}
