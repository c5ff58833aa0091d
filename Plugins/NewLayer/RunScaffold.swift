import Foundation
import PackagePlugin

/// Runs `LayerKitScaffold <kind> <arguments> --package <package root>`. Its report goes to
/// standard output; if it refuses, its message becomes the command's error and the command
/// fails.
func runScaffold(kind: String, context: PluginContext, arguments: [String]) throws {
  let tool = try context.tool(named: "LayerKitScaffold")
  let process = Process()
  let errors = Pipe()
  process.executableURL = tool.url
  process.arguments = [kind] + arguments + ["--package", context.package.directoryURL.path]
  process.standardError = errors
  try process.run()
  let message = errors.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  if process.terminationStatus != 0 {
    let text = String(decoding: message, as: UTF8.self)
      .split(separator: "\n").map { $0.hasPrefix("error: ") ? $0.dropFirst(7) : $0 }
      .joined(separator: "\n")
    Diagnostics.error(text)
  }
}
