import DenseLayer
import DropoutLayer
import LayerCore
import TanhActivation

/// Layers applied one after the other: the output of each is the input of the next.
///
/// Parameters are exposed flattened, each named `"<index>.<name>"` (for example `"0.weight"`,
/// `"0.bias"`, `"2.weight"`), in layer order. The cache holds every layer's cache; the backward
/// pass runs the layers in reverse.
///
/// ```swift
/// let net = try Sequential<Double>([dense1, ActivationLayer(Tanh()), dense2])
/// ```
public struct Sequential<Scalar: LayerScalar>: Layer {
  /// The layers, first to last.
  public var layers: [any Layer<Scalar>]

  /// A composition of `layers`, applied first to last.
  ///
  /// - Throws: ``LayerError/invalidConfiguration(layer:reason:)`` for an empty list.
  public init(_ layers: [any Layer<Scalar>]) throws(LayerError) {
    guard !layers.isEmpty else {
      throw .invalidConfiguration(
        layer: "Sequential", reason: "a composition needs at least one layer")
    }
    self.layers = layers
  }

  /// `"Sequential"`.
  public var name: String { "Sequential" }

  /// Whether any layer draws from the random source.
  public var isStochastic: Bool { layers.contains { $0.isStochastic } }

  /// Whether the training-mode output averages to the inference-mode output: every layer must
  /// preserve the expectation, and every layer after the first stochastic one must be affine in
  /// its input (a ``Dense``, or a ``MaskingLayer`` such as ``Dropout``, linear for a fixed mask).
  /// A nonlinear layer after a dropout, such as `Tanh`, makes the composition biased in general,
  /// E[f(y)] ≠ f(E[y]), so the composition then declares `false` and the expectation check is
  /// waived.
  public var expectationPreserving: Bool {
    guard layers.allSatisfy({ $0.expectationPreserving }) else { return false }
    guard let first = layers.firstIndex(where: { $0.isStochastic }) else { return true }
    return layers[(first + 1)...].allSatisfy { $0 is Dense<Scalar> || $0 is any MaskingLayer }
  }

  /// Every layer's parameters, named `"<index>.<name>"`, in layer order. Setting assigns each
  /// layer the entries carrying its index prefix.
  public var parameters: ParameterSet<Scalar> {
    get {
      var entries: [(name: String, tensor: Tensor<Scalar>)] = []
      for (index, layer) in layers.enumerated() {
        let set = layer.parameters
        for (name, tensor) in zip(set.names, set.tensors) {
          entries.append(("\(index).\(name)", tensor))
        }
      }
      return ParameterSet(entries)
    }
    set {
      for index in layers.indices {
        let prefix = "\(index)."
        var entries: [(name: String, tensor: Tensor<Scalar>)] = []
        for (name, tensor) in zip(newValue.names, newValue.tensors) where name.hasPrefix(prefix) {
          entries.append((String(name.dropFirst(prefix.count)), tensor))
        }
        if !entries.isEmpty { layers[index].parameters = ParameterSet(entries) }
      }
    }
  }

  /// Runs every layer in order; the cache holds each layer's cache.
  ///
  /// - Throws: The first ``LayerError`` a layer throws.
  @inlinable
  public func forward(
    _ input: Tensor<Scalar>, mode: LayerMode, random: inout RandomSource
  ) throws(LayerError) -> (output: Tensor<Scalar>, cache: [any Sendable]) {
    var x = input
    var caches: [any Sendable] = []
    caches.reserveCapacity(layers.count)
    for layer in layers {
      let (y, cache) = try layer.forward(x, mode: mode, random: &random)
      caches.append(cache)
      x = y
    }
    return (x, caches)
  }

  /// Runs every layer's backward pass in reverse and collects the parameter gradients under the
  /// same names as ``parameters``.
  ///
  /// - Throws: ``LayerError/invalidConfiguration(layer:reason:)`` when `cache` did not come
  ///   from this composition's forward pass, or the first error a layer throws.
  @inlinable
  public func backward(
    _ outputGradient: Tensor<Scalar>, cache: [any Sendable]
  ) throws(LayerError) -> LayerGradients<Scalar> {
    guard cache.count == layers.count else {
      throw .invalidConfiguration(
        layer: "Sequential",
        reason: "the cache holds \(cache.count) entries for \(layers.count) layers")
    }
    var gradient = outputGradient
    var perLayer: [ParameterSet<Scalar>] = Array(repeating: ParameterSet(), count: layers.count)
    for index in layers.indices.reversed() {
      let result = try layers[index].backward(gradient, erasedCache: cache[index])
      gradient = result.input
      perLayer[index] = result.parameters
    }
    var entries: [(name: String, tensor: Tensor<Scalar>)] = []
    for (index, set) in perLayer.enumerated() {
      for (name, tensor) in zip(set.names, set.tensors) {
        entries.append(("\(index).\(name)", tensor))
      }
    }
    return LayerGradients(input: gradient, parameters: ParameterSet(entries))
  }
}

/// Registers a ``Sequential`` built from other blueprints, in order.
public struct SequentialBlueprint: LayerBlueprint {
  /// The name the composition is registered under.
  public var name: String
  /// The blueprints of the layers, first to last.
  public var layers: [any LayerBlueprint]

  /// A blueprint composing `layers`; the sample input shape is the first layer's.
  public init(name: String, _ layers: [any LayerBlueprint]) {
    self.name = name
    self.layers = layers
  }

  /// The composition the registry checks: `Dense(4→5)`, `Tanh`, `Dropout(keep 0.75)`,
  /// `Dense(5→2)`, on batches of 3.
  public init() {
    self.init(
      name: "Sequential",
      [
        DenseBlueprint(inputSize: 4, outputSize: 5, batch: 3),
        ActivationLayerBlueprint(Tanh()),
        DropoutBlueprint(keepProbability: 0.75, sampleInputShape: [3, 5]),
        DenseBlueprint(inputSize: 5, outputSize: 2, batch: 3),
      ])
  }

  /// The first layer's sample input shape (`[1, 1]` for an empty list).
  public var sampleInputShape: [Int] { layers.first?.sampleInputShape ?? [1, 1] }

  /// Builds every layer in `T`, in order, drawing from `random`.
  ///
  /// - Throws: The first ``LayerError`` a blueprint throws, or
  ///   ``LayerError/invalidConfiguration(layer:reason:)`` for an empty list.
  public func makeLayer<T: LayerScalar & BinaryFloatingPoint>(
    of scalar: T.Type, random: inout RandomSource
  ) throws(LayerError) -> any Layer<T> {
    var built: [any Layer<T>] = []
    for blueprint in layers { built.append(try blueprint.makeLayer(of: T.self, random: &random)) }
    return try Sequential<T>(built)
  }
}
