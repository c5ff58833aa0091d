@_exported import LayerCore

// The `@_exported import` of every component module, and the lists below, are generated on
// every build by the GenerateRegistry plugin (Plugins/GenerateRegistry) from the `activations`,
// `layers` and `losses` lists in Package.swift, the one place a component is registered.

/// The components that ship with LayerKit.
public enum BuiltIn {
  /// Every built-in activation, one entry per `Sources/Activations/<Name>/` folder, in the
  /// order of the `activations` list in Package.swift.
  public static var activations: [any Activation] { registeredActivations }

  /// Every built-in layer, one blueprint per `Sources/Layers/<Name>/` folder in the order of
  /// the `layers` list in Package.swift, then every loss and penalty, one per
  /// `Sources/Losses/<Name>/` folder in the order of the `losses` list.
  public static var layers: [any LayerBlueprint] { registeredLayers }

  /// The folder of every registered component, relative to the package root, e.g.
  /// `Sources/Activations/Tanh`. The tests compare it with the folders on disk.
  public static var folders: [String] { registeredFolders }

  /// A registry of every built-in component: the activations, then the layers.
  ///
  /// - Throws: ``RegistryError`` if two built-ins share a name (a bug the tests catch).
  public static var registry: Registry {
    get throws(RegistryError) {
      var registry = try Registry(activations: activations)
      for layer in layers { try registry.register(layer) }
      return registry
    }
  }
}
