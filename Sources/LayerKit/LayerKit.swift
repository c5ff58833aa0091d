@_exported import LayerCore
@_exported import LeakyReLUActivation
@_exported import ReLUActivation
@_exported import SigmoidActivation
@_exported import TanhActivation

/// The components that ship with LayerKit.
public enum BuiltIn {
  /// Every built-in activation, one entry per `Sources/Activations/<Name>/` folder.
  public static var activations: [any Activation] {
    [
      Sigmoid(),
      Tanh(),
      ReLU(),
      LeakyReLU(),
    ]
  }

  /// A registry of every built-in component, in the order above.
  ///
  /// - Throws: ``RegistryError`` if two built-ins share a name (a bug the tests catch).
  public static var registry: Registry {
    get throws(RegistryError) { try Registry(activations: activations) }
  }
}
