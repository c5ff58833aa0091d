import LayerCore

/// Mean squared error over all elements: `L = (1/n) Σ (p − y)²`, gradient `2 (p − y) / n`.
public struct MeanSquaredError: Loss {
  /// A mean squared error loss.
  public init() {}

  /// `"MeanSquaredError"`.
  public var name: String { "MeanSquaredError" }

  /// The mean of the squared differences.
  ///
  /// - Throws: ``LayerError`` naming the loss when the shapes differ or the batch is empty.
  @inlinable
  public func value<T: LayerScalar>(
    _ prediction: Tensor<T>, target: Tensor<T>
  ) throws(LayerError) -> T {
    try validateLossInput(prediction, target, loss: name)
    var sum: T = 0
    for k in 0..<prediction.count {
      let d = prediction.scalars[k] - target.scalars[k]
      sum += d * d
    }
    return sum / T(prediction.count)
  }

  /// `2 (p − y) / n`.
  ///
  /// - Throws: ``LayerError`` naming the loss when the shapes differ or the batch is empty.
  @inlinable
  public func gradient<T: LayerScalar>(
    _ prediction: Tensor<T>, target: Tensor<T>
  ) throws(LayerError) -> Tensor<T> {
    try validateLossInput(prediction, target, loss: name)
    let n = T(prediction.count)
    return try prediction.zipMap(target, layer: name) { p, y in 2 * (p - y) / n }
  }
}

/// Registers ``MeanSquaredError`` as a ``LossLayer`` checked on predictions of shape `[4, 3]` with real
/// targets.
public struct MeanSquaredErrorBlueprint: LayerBlueprint {
  /// The blueprint the kit and the registry use.
  public init() {}

  /// `"MeanSquaredError"`.
  public var name: String { "MeanSquaredError" }

  /// `[4, 3]`.
  public var sampleInputShape: [Int] { [4, 3] }

  /// Builds the loss layer in `T` with a target drawn from `random`.
  public func makeLayer<T: LayerScalar & BinaryFloatingPoint>(
    of scalar: T.Type, random: inout RandomSource
  ) throws(LayerError) -> any Layer<T> {
    try LossBlueprint(MeanSquaredError(), targets: .real, sampleInputShape: sampleInputShape)
      .makeLayer(of: T.self, random: &random)
  }
}
