import LayerCore

/// Inverted dropout: in training mode each element is kept with probability
/// ``keepProbability`` and scaled by `1 / keepProbability`, or zeroed; in inference mode the
/// layer is the identity.
///
/// The mask comes only from the `random` argument of the forward pass, so re-seeding the
/// source reproduces it. The backward pass multiplies by the mask the forward pass drew (kept
/// in the cache); it never draws.
public struct Dropout<Scalar: LayerScalar>: MaskingLayer {
  /// The probability that an element is kept, in (0, 1].
  public let keepProbability: Double

  /// A dropout layer keeping each element with probability `keepProbability`.
  ///
  /// - Throws: ``LayerError/invalidConfiguration(layer:reason:)`` unless
  ///   `0 < keepProbability <= 1` (NaN included).
  public init(keepProbability: Double) throws(LayerError) {
    guard keepProbability > 0, keepProbability <= 1 else {
      throw .invalidConfiguration(
        layer: "Dropout",
        reason: "the keep probability must lie in (0, 1], got \(keepProbability)")
    }
    self.keepProbability = keepProbability
  }

  /// `"Dropout"`.
  public var name: String { "Dropout" }

  /// Always empty.
  public var parameters: ParameterSet<Scalar> {
    get { ParameterSet() }
    set {}
  }

  /// Draws from the random source in training mode, unless every element is kept
  /// (`keepProbability == 1`, where the layer is the identity).
  public var isStochastic: Bool { keepProbability < 1 }

  /// Multiplies by a fresh mask of `0` and `1 / keepProbability` (training) or passes the input
  /// through (inference). The cache is the mask, `nil` in inference mode.
  ///
  /// - Throws: ``LayerError/invalidConfiguration(layer:reason:)`` for an empty input.
  @inlinable
  public func forward(
    _ input: Tensor<Scalar>, mode: LayerMode, random: inout RandomSource
  ) throws(LayerError) -> (output: Tensor<Scalar>, cache: Tensor<Scalar>?) {
    guard input.count > 0 else {
      throw .invalidConfiguration(
        layer: "Dropout", reason: "the input of shape \(input.shape) has no elements")
    }
    guard mode == .training else { return (input, nil) }
    let scale = Scalar(1 / keepProbability)
    var mask = input
    var output = input
    for k in 0..<input.count {
      let kept = random.nextUnit() < keepProbability
      mask.scalars[k] = kept ? scale : 0
      output.scalars[k] = kept ? input.scalars[k] * scale : 0
    }
    return (output, mask)
  }

  /// Multiplies `outputGradient` by the cached mask (identity in inference mode).
  ///
  /// - Throws: ``LayerError/shapeMismatch(layer:expected:actual:)`` when the gradient does not
  ///   have the input's shape.
  @inlinable
  public func backward(
    _ outputGradient: Tensor<Scalar>, cache mask: Tensor<Scalar>?
  ) throws(LayerError) -> LayerGradients<Scalar> {
    guard let mask else { return LayerGradients(input: outputGradient) }
    return LayerGradients(input: try mask.zipMap(outputGradient, layer: "Dropout") { $0 * $1 })
  }
}

/// Registers ``Dropout`` with a given keep probability.
public struct DropoutBlueprint: LayerBlueprint {
  /// The keep probability of the built layers.
  public var keepProbability: Double
  /// The shape of the input batch the kit checks with.
  public var sampleInputShape: [Int]

  /// A blueprint for `Dropout(keepProbability:)`.
  public init(keepProbability: Double = 0.8, sampleInputShape: [Int] = [4, 5]) {
    self.keepProbability = keepProbability
    self.sampleInputShape = sampleInputShape
  }

  /// `"Dropout"`.
  public var name: String { "Dropout" }

  /// Builds the layer in `T`.
  ///
  /// - Throws: ``LayerError/invalidConfiguration(layer:reason:)`` for a keep probability
  ///   outside (0, 1].
  public func makeLayer<T: LayerScalar & BinaryFloatingPoint>(
    of scalar: T.Type, random: inout RandomSource
  ) throws(LayerError) -> any Layer<T> {
    try Dropout<T>(keepProbability: keepProbability)
  }
}
