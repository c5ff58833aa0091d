import Foundation
import LayerKit

/// Where the command writes: standard output and standard error, as functions so that tests
/// can capture both.
public struct CommandOutput {
  /// Writes text (already ending in a newline where one is wanted) to standard output.
  public var standardOutput: (String) -> Void
  /// Writes text to standard error.
  public var standardError: (String) -> Void
  /// Whether standard output is a terminal: `layerkit train` then shows a live progress line.
  public var isTerminal: Bool

  /// An output writing to the given functions.
  public init(
    standardOutput: @escaping (String) -> Void, standardError: @escaping (String) -> Void,
    isTerminal: Bool = false
  ) {
    self.standardOutput = standardOutput
    self.standardError = standardError
    self.isTerminal = isTerminal
  }

  /// The process's standard output and standard error.
  public static var standard: CommandOutput {
    CommandOutput(
      standardOutput: { FileHandle.standardOutput.write(Data($0.utf8)) },
      standardError: { FileHandle.standardError.write(Data($0.utf8)) },
      isTerminal: isatty(STDOUT_FILENO) != 0)
  }

  /// Prints `error: <message>` as one line on standard error.
  func error(_ message: String) { standardError("error: \(message)\n") }
}

/// The `layerkit` command line, as a function from arguments to an exit status.
///
/// Exit status 0: everything checked passed; 1: a check failed; 2: bad usage (an unknown flag,
/// subcommand, scalar type or component name, a plot folder that cannot be written, ...),
/// reported in one line that names the argument.
public enum LayerKitCommand {
  /// Everything passed.
  public static let success: Int32 = 0
  /// A check failed.
  public static let checkFailed: Int32 = 1
  /// The command line could not be carried out as given.
  public static let usageError: Int32 = 2

  static let usage = """
    USAGE: layerkit <subcommand>

    SUBCOMMANDS:
      check   Verify the derivative of every registered component (the default).
      train   Train a network on XOR, circles, spirals or an MNIST-format folder.

    See 'layerkit check --help' and 'layerkit train --help'.
    """

  /// Runs `layerkit` with `arguments` (without the program name) against `registry` (the
  /// built-in components by default) and returns the exit status.
  public static func run(
    _ arguments: [String],
    registry: () throws(RegistryError) -> Registry = { () throws(RegistryError) in
      try BuiltIn.registry
    },
    output: CommandOutput = .standard
  ) -> Int32 {
    var subcommandArguments = arguments
    if arguments.first == "train" {
      return TrainCommand.main(Array(arguments.dropFirst()), registry: registry, output: output)
    }
    if let first = arguments.first, !first.hasPrefix("-") {
      guard first == "check" else {
        output.error("unknown subcommand '\(first)' (known: check, train)")
        output.standardError("\n\(usage)\n")
        return usageError
      }
      subcommandArguments.removeFirst()
    }
    if subcommandArguments.contains("--help") || subcommandArguments.contains("-h") {
      output.standardOutput("\(CheckCommand.usage)\n")
      return success
    }
    do throws(UsageError) {
      let command = try CheckCommand(arguments: subcommandArguments)
      return try command.run(registry: registry, output: output)
    } catch {
      output.error(error.description)
      if error.showsUsage { output.standardError("\n\(CheckCommand.usage)\n") }
      return usageError
    }
  }
}

/// A command line that cannot be carried out as given: printed as one line (with the usage
/// for a malformed command line), exit status 2.
struct UsageError: Error, CustomStringConvertible {
  /// The sentence naming the argument and what is wrong with it.
  var description: String
  /// Whether the usage text follows the message (not for a well-formed command whose
  /// argument names something that does not exist or cannot be written).
  var showsUsage: Bool

  init(_ description: String, showsUsage: Bool = true) {
    self.description = description
    self.showsUsage = showsUsage
  }
}
