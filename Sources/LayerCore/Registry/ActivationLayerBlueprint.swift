/// Registers an ``ActivationLayer``: the blueprint of the activation-as-layer adapter.
///
/// Its registered name is `ActivationLayer(<activation>)`, so it never clashes with the
/// activation itself.
public struct ActivationLayerBlueprint: LayerBlueprint {
  /// The activation the built layers apply.
  public var activation: any Activation
  /// The shape of the input batch the kit checks with.
  public var sampleInputShape: [Int]

  /// A blueprint for `ActivationLayer(activation)`, checked on batches of `sampleInputShape`.
  public init(_ activation: any Activation, sampleInputShape: [Int] = [3, 4]) {
    self.activation = activation
    self.sampleInputShape = sampleInputShape
  }

  /// `ActivationLayer(<activation name>)`.
  public var name: String { "ActivationLayer(\(activation.name))" }

  /// Builds the adapter; it has no parameters, so `random` is not used.
  public func makeLayer<T: LayerScalar & BinaryFloatingPoint>(
    of scalar: T.Type, random: inout RandomSource
  ) throws(LayerError) -> any Layer<T> {
    func make<A: Activation>(_ activation: A) -> any Layer<T> {
      ActivationLayer(activation, of: T.self)
    }
    return make(activation)
  }
}
