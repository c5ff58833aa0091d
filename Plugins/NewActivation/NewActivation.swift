import Foundation
import PackagePlugin

/// `swift package --allow-writing-to-package-directory new-activation <Name>`: creates
/// `Sources/Activations/<Name>/` from `Templates/Activation/`, adds `"<Name>"` to the `activations` list in
/// Package.swift and prints the next step. Refuses, writing nothing, an invalid or existing name
/// and a missing template. Never prompts, so it runs the same in CI as in a terminal.
@main
struct NewActivation: CommandPlugin {
  func performCommand(context: PluginContext, arguments: [String]) async throws {
    try runScaffold(kind: "activation", context: context, arguments: arguments)
  }
}
