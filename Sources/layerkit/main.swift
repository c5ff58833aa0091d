import Foundation
import LayerCore

/// The `layerkit` command: `layerkit check [options]`.
let arguments = Array(CommandLine.arguments.dropFirst())

func fail(_ message: String, usage: String) -> Never {
  FileHandle.standardError.write(Data("error: \(message)\n\n\(usage)\n".utf8))
  exit(2)
}

let topUsage = """
  USAGE: layerkit <subcommand>

  SUBCOMMANDS:
    check   Verify the derivative of every registered component (the default).

  See 'layerkit check --help'.
  """

var subcommandArguments = arguments
if let first = arguments.first, !first.hasPrefix("-") {
  guard first == "check" else { fail("unknown subcommand '\(first)'", usage: topUsage) }
  subcommandArguments.removeFirst()
}
if subcommandArguments.contains("--help") || subcommandArguments.contains("-h") {
  print(CheckCommand.usage)
  exit(0)
}
do {
  let command = try CheckCommand(arguments: subcommandArguments)
  exit(try command.run())
} catch let error as UsageError {
  fail(error.description, usage: CheckCommand.usage)
} catch let error as RegistryError {
  FileHandle.standardError.write(Data("error: \(error)\n".utf8))
  exit(2)
} catch {
  FileHandle.standardError.write(Data("error: \(error)\n".utf8))
  exit(1)
}
