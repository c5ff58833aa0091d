import LayerCore

/// The parametric ReLU with one learnable slope per feature:
/// `y[…, j] = x[…, j]` for `x[…, j] > 0`, else `weight[j] · x[…, j]`.
///
/// As `torch.nn.PReLU(num_parameters: features, init: 0.25)`: the parameter is called
/// `weight`, has shape `[features]` (one slope per entry of the last axis) and starts at 0.25.
/// Inputs have any rank ≥ 1 whose last extent is `features`; every other entry is a batch
/// entry, and the slope gradient is summed over all of them.
///
/// **The kink.** `y` is continuous but not differentiable in `x` at 0 (unless the slope is 1),
/// and the backward pass returns the slope on the left there, `∂y/∂x = weight[j]` at `x = 0`:
/// the `.leftLimit` convention, which is also what PyTorch's autograd returns (its PReLU
/// backward tests `x > 0`, so 0 takes the negative branch). The layer declares that kink at
/// every input entry as a ``PiecewiseSmoothLayer``. As a function of the slope the output is
/// linear, hence smooth: `∂y/∂weight[j] = x` for `x ≤ 0` and 0 otherwise (0 at `x = 0` either
/// way).
public struct PReLU<Scalar: LayerScalar>: PiecewiseSmoothLayer {
  /// The width of the last axis: the number of slopes.
  public let features: Int

  /// `weight`, the slopes on the negative side, shape `[features]`.
  public var parameters: ParameterSet<Scalar>

  /// A layer for rows of width `features`, every slope `initialSlope` (PyTorch's `init`).
  ///
  /// - Throws: ``LayerError/invalidConfiguration(layer:reason:)`` if `features < 1` or
  ///   `initialSlope` is not finite.
  public init(features: Int, initialSlope: Double = 0.25) throws(LayerError) {
    guard features >= 1 else {
      throw .invalidConfiguration(layer: "PReLU", reason: "features must be ≥ 1, got \(features)")
    }
    guard initialSlope.isFinite else {
      throw .invalidConfiguration(
        layer: "PReLU", reason: "the initial slope must be finite, got \(initialSlope)")
    }
    self.features = features
    parameters = ParameterSet([
      (name: "weight", tensor: Tensor(shape: [features], repeating: Scalar(initialSlope)))
    ])
  }

  /// `"PReLU"`.
  public var name: String { "PReLU" }

  /// `x` where `x > 0`, else `weight[j] · x`; the cache is the input.
  ///
  /// - Throws: ``LayerError/shapeMismatch(layer:expected:actual:)`` unless the last axis has
  ///   extent ``features``; ``LayerError/unknownParameter(layer:name:known:)`` without a
  ///   `weight` of `features` entries.
  @inlinable
  public func forward(
    _ input: Tensor<Scalar>, mode: LayerMode, random: inout RandomSource
  ) throws(LayerError) -> (output: Tensor<Scalar>, cache: Tensor<Scalar>) {
    guard input.rank >= 1, input.shape[input.rank - 1] == features else {
      throw .shapeMismatch(
        layer: name, expected: Array(input.shape.dropLast()) + [features], actual: input.shape)
    }
    let weight = try slopes()
    var output = input
    for index in output.scalars.indices {
      let x = input.scalars[index]
      if !(x > 0) { output.scalars[index] = weight.scalars[index % features] * x }
    }
    return (output, input)
  }

  /// `∂x = g` where `x > 0`, else `weight[j] · g` (so `weight[j]` at 0, the left limit);
  /// `∂weight[j] = Σ x · g` over the entries of feature `j` with `x ≤ 0`.
  ///
  /// - Throws: ``LayerError/shapeMismatch(layer:expected:actual:)`` if `outputGradient` does
  ///   not have the input's shape.
  @inlinable
  public func backward(
    _ outputGradient: Tensor<Scalar>, cache input: Tensor<Scalar>
  ) throws(LayerError) -> LayerGradients<Scalar> {
    guard outputGradient.shape == input.shape else {
      throw .shapeMismatch(layer: name, expected: input.shape, actual: outputGradient.shape)
    }
    let weight = try slopes()
    var inputGradient = outputGradient
    var weightGradient = Tensor<Scalar>(zeros: [features])
    for index in outputGradient.scalars.indices {
      let x = input.scalars[index]
      guard !(x > 0) else { continue }
      let j = index % features
      let g = outputGradient.scalars[index]
      inputGradient.scalars[index] = weight.scalars[j] * g
      weightGradient.scalars[j] += x * g
    }
    return LayerGradients(
      input: inputGradient, parameters: ParameterSet([(name: "weight", tensor: weightGradient)]))
  }

  /// A kink at 0 in every input entry whose slope is not 1 (with slope 1 the layer is the
  /// identity there), with the left limit, the slope, returned on it. None in the slopes.
  public func kinks(ofInputEntry index: Int, in input: Tensor<Scalar>) -> [Kink] {
    guard let weight = parameters["weight"], weight.count == features,
      weight.scalars[index % features] != 1
    else { return [] }
    return [Kink(at: 0, convention: .leftLimit)]
  }

  /// The `weight` tensor, checked to hold one slope per feature.
  @usableFromInline
  func slopes() throws(LayerError) -> Tensor<Scalar> {
    let weight = try parameters.tensor(named: "weight", layer: name)
    guard weight.count == features else {
      throw .shapeMismatch(layer: name, expected: [features], actual: weight.shape)
    }
    return weight
  }
}

/// How the registry builds ``PReLU`` in any scalar type.
public struct PReLUBlueprint: LayerBlueprint {
  /// The width of each row, the number of slopes.
  public var features: Int
  /// The initial slope of every feature; PyTorch's default 0.25.
  public var initialSlope: Double

  /// A blueprint for rows of width `features` with every slope `initialSlope`.
  public init(features: Int = 4, initialSlope: Double = 0.25) {
    self.features = features
    self.initialSlope = initialSlope
  }

  /// The registered name: the type name.
  public var name: String { "PReLU" }

  /// The batch the kit checks with: 3 examples of width ``features``.
  public var sampleInputShape: [Int] { [3, features] }

  /// Builds the layer (its slopes are deterministic; `random` is not used).
  public func makeLayer<T: LayerScalar & BinaryFloatingPoint>(
    of scalar: T.Type, random: inout RandomSource
  ) throws(LayerError) -> any Layer<T> {
    try PReLU<T>(features: features, initialSlope: initialSlope)
  }
}
