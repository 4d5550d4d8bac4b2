import ArgumentParser

/// The `search` command: index inspection documents and search them.
///
/// Every subcommand parses its options, makes one library call and prints.
/// Errors become messages and exit codes in one place (`Failure.swift`).
@main
struct SearchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "search",
    abstract: "Full-text search over Chinese environmental-inspection documents.",
    discussion: """
      With no subcommand, `search TEXT` is `search query TEXT`. With no index yet, the first \
      query (or recurring, unit, similar, trends) builds index/ from corpus/ (another --index \
      directory that does not exist is an error).

      Examples:
        search 赫山区 养猪场 臭味
        search query '"养猪场"' --type petition --from 2020-01-01 --facets
        search index add deliveries/2021-03/ --index index
        search analyze 益阳市赫山区ＣＯＤ超标
      """,
    version: "0.1.0",
    subcommands: [QueryCommand.self, IndexCommand.self, AnalyzeCommand.self, RecurringCommand.self, UnitCommand.self, SimilarCommand.self, TrendsCommand.self],
    defaultSubcommand: QueryCommand.self)
}
