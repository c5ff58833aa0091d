import Foundation
import PackagePlugin

/// Runs `LayerKitScaffold <kind> <arguments> --package <package root>`, passing its output
/// through, and fails the command with the tool's exit status if it refused.
func runScaffold(kind: String, context: PluginContext, arguments: [String]) throws {
  let tool = try context.tool(named: "LayerKitScaffold")
  let process = Process()
  process.executableURL = tool.url
  process.arguments = [kind] + arguments + ["--package", context.package.directoryURL.path]
  try process.run()
  process.waitUntilExit()
  if process.terminationStatus != 0 {
    // The tool has already printed the reason; exit with its status without adding noise.
    exit(process.terminationStatus)
  }
}
