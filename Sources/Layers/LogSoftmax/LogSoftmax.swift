import LayerCore

/// Log-softmax along the last axis: `y[r, i] = x[r, i] − m − log Σ_k exp(x[r, k] − m)`, with
/// `m` the maximum of row `r`.
///
/// Every row (every slice along the last axis) is normalized on its own, as
/// `torch.nn.LogSoftmax(dim: -1)`. Subtracting the row maximum first keeps every exponential
/// in (0, 1] and the sum in [1, features], so the logarithm never sees 0 or ∞ and inputs as
/// large as ±1e30 give no NaN. An entry far below its row maximum gives its exact log-softmax
/// (e.g. −2e30), and one more than `greatestFiniteMagnitude` below it gives −∞, the rounded
/// value. The layer has no parameters. NaN in a row gives NaN in that row; ±∞ entries are not
/// supported (∞ − ∞ is NaN).
///
/// The backward pass is written by hand: for a row with output `y` and output gradient `g`,
/// `∂x = g − softmax(x) · Σ_k g_k`, where `softmax(x) = exp(y)`.
public struct LogSoftmax<Scalar: LayerScalar>: Layer {
  /// The width of the last axis of the inputs the layer accepts.
  public let features: Int

  /// Always empty.
  public var parameters: ParameterSet<Scalar> {
    get { ParameterSet() }
    set {}
  }

  /// A log-softmax over rows of width `features`.
  ///
  /// - Throws: ``LayerError/invalidConfiguration(layer:reason:)`` if `features < 1`.
  public init(features: Int) throws(LayerError) {
    guard features >= 1 else {
      throw .invalidConfiguration(
        layer: "LogSoftmax", reason: "features must be ≥ 1, got \(features)")
    }
    self.features = features
  }

  /// `"LogSoftmax"`.
  public var name: String { "LogSoftmax" }

  /// The log-softmax of every row; the cache is the output, from which the backward pass
  /// recovers the softmax as `exp(y)`.
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
        let shifted = input.scalars[k] - maximum
        output.scalars[k] = shifted
        sum += Scalar.exp(shifted)
      }
      let logSum = Scalar.log(sum)
      for k in row { output.scalars[k] = output.scalars[k] - logSum }
    }
    return (output, output)
  }

  /// `∂x = g − exp(y) · Σ_k g_k` row by row, with `y` the cached output.
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
      var total: Scalar = 0
      for k in row { total += outputGradient.scalars[k] }
      for k in row {
        inputGradient.scalars[k] =
          outputGradient.scalars[k] - Scalar.exp(output.scalars[k]) * total
      }
    }
    return LayerGradients(input: inputGradient)
  }
}

/// How the registry builds ``LogSoftmax`` in any scalar type.
public struct LogSoftmaxBlueprint: LayerBlueprint {
  /// The width of each row.
  public var features: Int

  /// A blueprint for rows of width `features`.
  public init(features: Int = 4) {
    self.features = features
  }

  /// The registered name: the type name.
  public var name: String { "LogSoftmax" }

  /// The batch the kit checks with: 3 rows of width ``features``.
  public var sampleInputShape: [Int] { [3, features] }

  /// Builds the layer (it has no parameters; `random` is not used).
  public func makeLayer<T: LayerScalar & BinaryFloatingPoint>(
    of scalar: T.Type, random: inout RandomSource
  ) throws(LayerError) -> any Layer<T> {
    try LogSoftmax<T>(features: features)
  }
}
