/// Whether a layer runs as in training (dropout active) or as in inference (deterministic).
public enum LayerMode: String, Sendable, Hashable, Codable {
  /// Training: stochastic layers draw from the random source.
  case training
  /// Inference: stochastic layers are deterministic (dropout is the identity).
  case inference
}

/// A batched layer with a hand-written backward pass.
///
/// ``forward(_:mode:random:)`` returns the output and a ``Cache`` of whatever the backward
/// pass needs (the input, a dropout mask, ...). ``backward(_:cache:)`` turns the gradient of a
/// scalar objective with respect to the output into the gradient with respect to the input
/// and to every parameter tensor. Layers are values: changing ``parameters`` changes the layer.
///
/// Randomness comes only from the `random` argument, never from a global generator, so the
/// same seed reproduces the same forward pass.
public protocol Layer<Scalar>: Sendable {
  /// The scalar type of inputs, outputs and parameters.
  associatedtype Scalar: LayerScalar
  /// What the forward pass hands to the backward pass.
  associatedtype Cache: Sendable

  /// The stable name the layer is registered and reported under, e.g. `"Dense"`.
  var name: String { get }

  /// The trainable parameter tensors by name, in a fixed order. Empty for layers without any.
  var parameters: ParameterSet<Scalar> { get set }

  /// Whether the forward pass in training mode draws from the random source.
  var isStochastic: Bool { get }

  /// Whether the training-mode output is, on average over the random source, the
  /// inference-mode output (as for inverted dropout, which scales the kept elements by
  /// `1 / keep`).
  ///
  /// The conformance kit checks this for every stochastic layer: the mean of enough
  /// training-mode draws must equal the inference-mode output within five standard errors.
  /// `true` by default. A layer that is knowingly biased (for example a dropout that leaves
  /// the kept elements unscaled, and is rescaled elsewhere) sets it to `false` and says why in
  /// its documentation; the kit then reports the expectation check as waived. Deterministic
  /// layers are trivially unbiased, so only stochastic layers are checked.
  var expectationPreserving: Bool { get }

  /// Runs the layer on a batch.
  ///
  /// - Parameters:
  ///   - input: A batch, shape `[batch, features...]`.
  ///   - mode: Training or inference.
  ///   - random: The only source of randomness the layer may use.
  /// - Throws: ``LayerError`` for a shape the layer cannot take.
  func forward(
    _ input: Tensor<Scalar>, mode: LayerMode, random: inout RandomSource
  ) throws(LayerError) -> (output: Tensor<Scalar>, cache: Cache)

  /// Back-propagates `outputGradient` (the gradient of the objective with respect to the
  /// output of the forward pass that produced `cache`).
  ///
  /// - Throws: ``LayerError/shapeMismatch(layer:expected:actual:)`` if `outputGradient` does
  ///   not have the output's shape.
  func backward(
    _ outputGradient: Tensor<Scalar>, cache: Cache
  ) throws(LayerError) -> LayerGradients<Scalar>

  /// The gradient with respect to each parameter tensor alone, as ``backward(_:cache:)``
  /// returns it, for a layer whose input gradient nothing uses (the first layer of a network).
  /// By default the parameters of ``backward(_:cache:)``; a layer may skip the input gradient.
  ///
  /// - Throws: What ``backward(_:cache:)`` throws.
  func parameterGradients(
    _ outputGradient: Tensor<Scalar>, cache: Cache
  ) throws(LayerError) -> ParameterSet<Scalar>

  /// One gradient-descent step in place: `θ ← θ − rate · g` for every parameter tensor `θ`
  /// and its gradient `g` (same names, same order, same shapes). By default through
  /// ``parameters`` (``descendThroughParameters(along:rate:)``); a layer may update its storage
  /// without copying it, with the same arithmetic.
  ///
  /// - Throws: ``LayerError/invalidConfiguration(layer:reason:)`` when the gradient's names
  ///   differ from the parameters', ``LayerError/shapeMismatch(layer:expected:actual:)`` when a
  ///   shape differs; the layer is then unchanged.
  mutating func descend(along gradient: ParameterSet<Scalar>, rate: Scalar) throws(LayerError)
}

extension Layer {
  /// Deterministic by default.
  public var isStochastic: Bool { false }

  /// Unbiased by default: a stochastic layer's training-mode output averages to its
  /// inference-mode output.
  public var expectationPreserving: Bool { true }

  /// Calls ``backward(_:cache:)`` with a cache whose type was erased (as callers that hold
  /// layers of different types in one list keep them).
  ///
  /// - Throws: ``LayerError/invalidConfiguration(layer:reason:)`` naming the layer and both
  ///   types when `erasedCache` is not this layer's ``Layer/Cache``, or what the backward pass
  ///   throws.
  @inlinable
  public func backward(
    _ outputGradient: Tensor<Scalar>, erasedCache: any Sendable
  ) throws(LayerError) -> LayerGradients<Scalar> {
    guard let cache = erasedCache as? Cache else {
      throw .invalidConfiguration(
        layer: name,
        reason: "the cache has type \(type(of: erasedCache)), expected \(Cache.self)")
    }
    return try backward(outputGradient, cache: cache)
  }
}

/// The result of a backward pass.
public struct LayerGradients<Scalar: LayerScalar>: Sendable, Equatable {
  /// The gradient with respect to the input, with the input's shape.
  public var input: Tensor<Scalar>
  /// The gradient with respect to each parameter tensor, with the same names and shapes as
  /// ``Layer/parameters``.
  public var parameters: ParameterSet<Scalar>

  /// Bundles an input gradient with parameter gradients.
  public init(input: Tensor<Scalar>, parameters: ParameterSet<Scalar> = ParameterSet()) {
    self.input = input
    self.parameters = parameters
  }
}
