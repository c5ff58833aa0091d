import Foundation
import PackagePlugin

/// `swift package --allow-writing-to-package-directory new-layer <Name>`: creates
/// `Sources/Layers/<Name>/` from `Templates/Layer/`, adds `"<Name>"` to the `layers` list in
/// Package.swift and prints the next step. Refuses, writing nothing, an invalid or existing name
/// and a missing template. Never prompts, so it runs the same in CI as in a terminal.
@main
struct NewLayer: CommandPlugin {
  func performCommand(context: PluginContext, arguments: [String]) async throws {
    try runScaffold(kind: "layer", context: context, arguments: arguments)
  }
}
