import ArgumentParser
import TextAnalysis

@main
struct SearchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "search", subcommands: [AnalyzeCommand.self])

}
