import ArgumentParser

/// The query-time knowledge files every searching command accepts: the unit
/// registry and the region hierarchy.
struct KnowledgeFiles: ParsableArguments {
  @Option(help: ArgumentHelp("The unit registry (default: corpus/units.txt when present).", valueName: "FILE"))
  var units: String?
  @Option(help: ArgumentHelp("The region hierarchy (default: corpus/regions.txt when present).", valueName: "FILE"))
  var regions: String?
}
