import ArgumentParser
import TextAnalysis

@main
struct SearchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "search")
  func run() throws { print("ICU \(icuVersion)") }
}
