import PackagePlugin

/// Generates `BuiltInRegistry.swift` for the LayerKit target: one import and one entry per
/// component target LayerKit depends on.
///
/// LayerKit depends on exactly the targets Package.swift derives from its `activations`,
/// `layers` and `losses` lists, so those lists are the single place a component is registered.
/// A dependency counts as an activation, a layer or a loss when its folder is
/// `Sources/Activations/<Name>`, `Sources/Layers/<Name>` or `Sources/Losses/<Name>`; `<Name>`
/// is the public type.
@main
struct GenerateRegistry: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
    let root = context.package.directoryURL.standardizedFileURL.path
    var arguments: [String] = []
    var summary: [String] = []
    for case .target(let dependency) in target.dependencies {
      let folder = dependency.directoryURL.standardizedFileURL
      let parent = folder.deletingLastPathComponent().path
      let name = folder.lastPathComponent
      let kind: String
      switch parent {
      case root + "/Sources/Activations": kind = "activation"
      case root + "/Sources/Layers": kind = "layer"
      case root + "/Sources/Losses": kind = "loss"
      default: continue
      }
      arguments.append("\(kind):\(name):\(dependency.name)")
      summary.append(name)
    }
    let output = context.pluginWorkDirectoryURL.appending(path: "BuiltInRegistry.swift")
    let list = summary.isEmpty ? "no components" : summary.joined(separator: ", ")
    return [
      .buildCommand(
        displayName: "Generating the LayerKit registry: \(list)",
        executable: try context.tool(named: "LayerKitRegistryGenerator").url,
        arguments: [output.path] + arguments,
        outputFiles: [output]
      )
    ]
  }
}
