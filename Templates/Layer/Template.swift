// TEMPLATE: A complete, correct layer to copy. The quickest way to use it:
// TEMPLATE:   swift package --allow-writing-to-package-directory new-layer <Name>
// TEMPLATE: which creates Sources/Layers/<Name>/ from this folder with `Template` renamed and
// TEMPLATE: registers it. Lines starting with `// TEMPLATE:` are dropped in the copy.
// TEMPLATE: This folder is compiled as the internal target `_TemplateLayer` and checked by
// TEMPLATE: `swift test` like any registered layer, so it always builds and passes.
import LayerCore

// The example: an elementwise scale and shift, y[b, j] = x[b, j] · weight[j] + bias[j], for a
// batch of shape [batch, features]. Fill in the places marked ✏️ (see CONTRIBUTING.md): a layer
// writes only `name`, `parameters`, `forward` and `backward` (and `isStochastic` if it draws
// from `random`). A kinked elementwise nonlinearity (max, abs, a clamp) belongs in an
// `Activation`, whose kinks are declared and checked on both sides; compose it with
// `ActivationLayer`. A layer that is non-smooth itself conforms to `PiecewiseSmoothLayer` and
// declares its kinks per entry (see CONTRIBUTING.md).

/// Elementwise scale and shift: `y[b, j] = x[b, j] · weight[j] + bias[j]`.
///
/// Input and output have shape `[batch, features]`; `weight` and `bias` have shape `[features]`.
public struct Template<Scalar: LayerScalar>: Layer {
  /// The width of each example.
  public let features: Int

  // ✏️ PARAMETERS: one tensor per trainable parameter, by name, in a fixed order. Create them
  // in `init` (draw random initial values from `random` only) and read them with
  // `parameters.tensor(named:layer:)`. The backward pass returns one gradient per tensor, with
  // the same name and shape. A layer without parameters keeps `ParameterSet()`.
  /// `weight` and `bias`, each of shape `[features]`.
  public var parameters: ParameterSet<Scalar>

  /// A layer for examples of width `features`, with weights drawn from [0.5, 1.5) and biases
  /// from [-0.5, 0.5).
  ///
  /// - Throws: ``LayerError/invalidConfiguration(layer:reason:)`` if `features < 1`.
  public init(features: Int, random: inout RandomSource) throws(LayerError) {
    guard features >= 1 else {
      throw .invalidConfiguration(
        layer: "Template", reason: "features must be ≥ 1, got \(features)")
    }
    self.features = features
    let weight = (0..<features).map { _ in Scalar(0.5 + random.nextUnit()) }
    let bias = (0..<features).map { _ in Scalar(random.nextUnit() - 0.5) }
    parameters = ParameterSet([
      (name: "weight", tensor: try Tensor(shape: [features], scalars: weight)),
      (name: "bias", tensor: try Tensor(shape: [features], scalars: bias)),
    ])
  }

  /// The name the registry and reports use. ✏️ Keep it equal to the type name.
  public var name: String { "Template" }

  // ✏️ FORWARD: the formula. Return the output and, as the cache, whatever the backward pass
  // needs (here the input). Reject an input shape the layer cannot take with `.shapeMismatch`.
  /// `x · weight + bias`, feature by feature; the cache is the input.
  public func forward(
    _ input: Tensor<Scalar>, mode: LayerMode, random: inout RandomSource
  ) throws(LayerError) -> (output: Tensor<Scalar>, cache: Tensor<Scalar>) {
    try checkShape(input)
    let weight = try parameters.tensor(named: "weight", layer: name)
    let bias = try parameters.tensor(named: "bias", layer: name)
    var output = input
    for index in output.scalars.indices {
      let j = index % features
      output.scalars[index] = input.scalars[index] * weight.scalars[j] + bias.scalars[j]
    }
    return (output, input)
  }

  // ✏️ BACKWARD: the derivative. Given g = ∂loss/∂output, return ∂loss/∂input (shape of the
  // input) and ∂loss/∂parameter for every parameter tensor (same names and shapes). Sum over the
  // batch for parameters that every example shares.
  /// ∂x = g · weight, ∂weight = Σ_batch g · x, ∂bias = Σ_batch g.
  public func backward(
    _ outputGradient: Tensor<Scalar>, cache input: Tensor<Scalar>
  ) throws(LayerError) -> LayerGradients<Scalar> {
    guard outputGradient.shape == input.shape else {
      throw .shapeMismatch(layer: name, expected: input.shape, actual: outputGradient.shape)
    }
    let weight = try parameters.tensor(named: "weight", layer: name)
    var inputGradient = outputGradient
    var weightGradient = Tensor<Scalar>(zeros: [features])
    var biasGradient = Tensor<Scalar>(zeros: [features])
    for index in outputGradient.scalars.indices {
      let j = index % features
      let g = outputGradient.scalars[index]
      inputGradient.scalars[index] = g * weight.scalars[j]
      weightGradient.scalars[j] += g * input.scalars[index]
      biasGradient.scalars[j] += g
    }
    return LayerGradients(
      input: inputGradient,
      parameters: ParameterSet([
        (name: "weight", tensor: weightGradient), (name: "bias", tensor: biasGradient),
      ]))
  }

  private func checkShape(_ input: Tensor<Scalar>) throws(LayerError) {
    guard input.rank == 2, input.shape[1] == features else {
      throw .shapeMismatch(
        layer: name, expected: [input.shape.first ?? 1, features], actual: input.shape)
    }
  }
}

/// How the registry builds ``Template`` in any scalar type.
public struct TemplateBlueprint: LayerBlueprint {
  /// The width of each example.
  public var features: Int

  /// A blueprint for layers of width `features`.
  public init(features: Int = 4) {
    self.features = features
  }

  /// The registered name: the type name.
  public var name: String { "Template" }

  /// The batch the kit checks with: 3 examples of width ``features``.
  public var sampleInputShape: [Int] { [3, features] }

  /// Builds the layer with fresh parameters drawn from `random`.
  public func makeLayer<T: LayerScalar & BinaryFloatingPoint>(
    of scalar: T.Type, random: inout RandomSource
  ) throws(LayerError) -> any Layer<T> {
    try Template<T>(features: features, random: &random)
  }
}
