import LayerCore

/// Softmax along the last axis: `y[r, i] = exp(x[r, i] − m) / Σ_k exp(x[r, k] − m)`, with `m`
/// the maximum of row `r`.
///
/// Every row (every slice along the last axis) is normalized on its own, as
/// `torch.nn.Softmax(dim: -1)`. Subtracting the row maximum first keeps every exponential in
/// (0, 1], so inputs as large as ±1e30 or ±`greatestFiniteMagnitude` give no overflow and no
/// NaN (an exponent that underflows gives an exact 0). Each row's sum is at least 1, never 0.
/// The layer has no parameters. NaN in a row gives NaN in that row; ±∞ entries are not
/// supported (∞ − ∞ is NaN).
///
/// The backward pass is written by hand: for a row with output `y` and output gradient `g`,
/// `∂x = y ⊙ (g − ⟨g, y⟩)`, the Jacobian `diag(y) − y yᵀ` applied to `g`.
public struct Softmax<Scalar: LayerScalar>: Layer {
  /// The width of the last axis of the inputs the layer accepts.
  public let features: Int

  /// Always empty.
  public var parameters: ParameterSet<Scalar> {
    get { ParameterSet() }
    set {}
  }

  /// A softmax over rows of width `features`.
  ///
  /// - Throws: ``LayerError/invalidConfiguration(layer:reason:)`` if `features < 1`.
  public init(features: Int) throws(LayerError) {
    guard features >= 1 else {
      throw .invalidConfiguration(
        layer: "Softmax", reason: "features must be ≥ 1, got \(features)")
    }
    self.features = features
  }

  /// `"Softmax"`.
  public var name: String { "Softmax" }

  /// The softmax of every row; the cache is the output, all the backward pass needs.
  ///
  /// - Throws: ``LayerError/shapeMismatch(layer:expected:actual:)`` unless the last axis has
  ///   extent ``features``.
  @inlinable
  public func forward(
    _ input: Tensor<Scalar>, mode: LayerMode, random: inout RandomSource
  ) throws(LayerError) -> (output: Tensor<Scalar>, cache: Tensor<Scalar>) {
    guard input.rank >= 1, input.shape[input.rank - 1] == features else {
      throw .shapeMismatch(
        layer: name, expected: Array(input.shape.dropLast()) + [features], actual: input.shape)
    }
    var output = input
    for start in stride(from: 0, to: input.count, by: features) {
      let row = start..<(start + features)
      var maximum = input.scalars[start]
      for k in row where input.scalars[k] > maximum { maximum = input.scalars[k] }
      var sum: Scalar = 0
      for k in row {
        let e = Scalar.exp(input.scalars[k] - maximum)
        output.scalars[k] = e
        sum += e
      }
      for k in row { output.scalars[k] = output.scalars[k] / sum }
    }
    return (output, output)
  }

  /// `∂x = y ⊙ (g − ⟨g, y⟩)` row by row, with `y` the cached output.
  ///
  /// - Throws: ``LayerError/shapeMismatch(layer:expected:actual:)`` if `outputGradient` does
  ///   not have the output's shape.
  @inlinable
  public func backward(
    _ outputGradient: Tensor<Scalar>, cache output: Tensor<Scalar>
  ) throws(LayerError) -> LayerGradients<Scalar> {
    guard outputGradient.shape == output.shape else {
      throw .shapeMismatch(layer: name, expected: output.shape, actual: outputGradient.shape)
    }
    var inputGradient = outputGradient
    for start in stride(from: 0, to: output.count, by: features) {
      let row = start..<(start + features)
      var dot: Scalar = 0
      for k in row { dot += outputGradient.scalars[k] * output.scalars[k] }
      for k in row {
        inputGradient.scalars[k] = output.scalars[k] * (outputGradient.scalars[k] - dot)
      }
    }
    return LayerGradients(input: inputGradient)
  }
}

/// How the registry builds ``Softmax`` in any scalar type.
public struct SoftmaxBlueprint: LayerBlueprint {
  /// The width of each row.
  public var features: Int

  /// A blueprint for rows of width `features`.
  public init(features: Int = 4) {
    self.features = features
  }

  /// The registered name: the type name.
  public var name: String { "Softmax" }

  /// The batch the kit checks with: 3 rows of width ``features``.
  public var sampleInputShape: [Int] { [3, features] }

  /// Builds the layer (it has no parameters; `random` is not used).
  public func makeLayer<T: LayerScalar & BinaryFloatingPoint>(
    of scalar: T.Type, random: inout RandomSource
  ) throws(LayerError) -> any Layer<T> {
    try Softmax<T>(features: features)
  }
}
