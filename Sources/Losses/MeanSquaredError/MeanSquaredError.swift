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
