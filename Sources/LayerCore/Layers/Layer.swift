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

  /// The output of the forward pass that produced `output` and `cache`, recomputed cheaply as
  /// if entry `entry` of parameter tensor `tensor` (an index into ``parameters``) held `value`;
  /// `nil` when the layer has no such shortcut, and the caller reruns ``forward(_:mode:random:)``.
  ///
  /// Gradient checks call this once per perturbed parameter entry. `Dense` answers in
  /// O(batch): only output column `j` moves, by `(value - w[i, j]) * x[:, i]`.
  func output(
    settingParameter tensor: Int, entry: Int, to value: Scalar, output: Tensor<Scalar>,
    cache: Cache
  ) -> Tensor<Scalar>?

  /// The outputs for many single-entry changes of parameter tensor `tensor` at once, stacked
  /// along the first (batch) dimension: rows `p · batch ..< (p + 1) · batch` are what
  /// ``output(settingParameter:entry:to:output:cache:)`` returns for `entries[p]` and
  /// `values[p]`. `nil` when the layer has no shortcut.
  ///
  /// The default stacks the single-entry shortcuts; `Dense` writes the stack directly.
  func outputs(
    settingParameter tensor: Int, entries: [Int], to values: [Scalar], output: Tensor<Scalar>,
    cache: Cache
  ) -> Tensor<Scalar>?

  /// Whether row `r` of the output (index `r` along the first, batch dimension) depends only
  /// on row `r` of the input, so that stacking inputs along the batch dimension stacks the
  /// outputs, row for row and bit for bit. Gradient checks then push many perturbed inputs
  /// through the layer in one pass. `false` by default (a batch normalisation mixes rows).
  var isRowwise: Bool { get }
}

extension Layer {
  /// Deterministic by default.
  public var isStochastic: Bool { false }

  /// No shortcut by default: callers rerun the forward pass.
  public func output(
    settingParameter tensor: Int, entry: Int, to value: Scalar, output: Tensor<Scalar>,
    cache: Cache
  ) -> Tensor<Scalar>? { nil }

  /// Stacks the single-entry shortcuts; `nil` if any of them is `nil` or changes the shape.
  public func outputs(
    settingParameter tensor: Int, entries: [Int], to values: [Scalar], output: Tensor<Scalar>,
    cache: Cache
  ) -> Tensor<Scalar>? {
    guard entries.count == values.count, output.rank >= 1 else { return nil }
    var scalars: [Scalar] = []
    scalars.reserveCapacity(output.count * entries.count)
    for (entry, value) in zip(entries, values) {
      guard
        let single = self.output(
          settingParameter: tensor, entry: entry, to: value, output: output, cache: cache),
        single.shape == output.shape
      else { return nil }
      scalars += single.scalars
    }
    var shape = output.shape
    shape[0] *= entries.count
    return try? Tensor(shape: shape, scalars: scalars)
  }

  /// Not rowwise by default.
  public var isRowwise: Bool { false }
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
