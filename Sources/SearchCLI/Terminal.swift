import Foundation

/// What the output streams are, and how to write safely to them.
enum Terminal {
  static let stdoutIsTerminal = isatty(STDOUT_FILENO) == 1
  static let stderrIsTerminal = isatty(STDERR_FILENO) == 1

  /// ANSI colour only on a terminal, and never when NO_COLOR is set.
  static let useColor = stdoutIsTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil

  static func highlight(_ text: String) -> String { useColor ? "\u{1B}[1;31m\(text)\u{1B}[0m" : text }
  static func dim(_ text: String) -> String { useColor ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
  static func bold(_ text: String) -> String { useColor ? "\u{1B}[1m\(text)\u{1B}[0m" : text }

  /// Text from documents or file names, with control and bidi characters
  /// escaped so they cannot move the cursor or recolour the terminal.
  static func safe(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0x0A: result += " "
      case 0x09: result += " "
      case 0x00...0x1F, 0x7F...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
        result += "\\u{" + String(scalar.value, radix: 16) + "}"
      default:
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  /// Writes a line to standard error.
  static func note(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }

  /// Writes to standard output and flushes (scripts read answers line by line).
  static func emit(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }
}
