import LayerCore

/// Softmax cross-entropy over the last dimension of logits `[batch, classes]`, with a stable
/// log-sum-exp (the row maximum is subtracted first), averaged over the batch:
/// `L = (1/batch) Σ_rows [Σ_c y_c · (lse(z) − z_c)]`, gradient `(softmax(z) · Σ_c y_c − y) / batch`.
///
/// Targets are one-hot rows or probability distributions.
public struct SoftmaxCrossEntropy: Loss {
  /// A softmax cross-entropy loss.
  public init() {}

  /// `"SoftmaxCrossEntropy"`.
  public var name: String { "SoftmaxCrossEntropy" }

  /// `.oneHot`: the kit checks the loss against targets of this kind.
  public var targetKind: TargetKind { .oneHot }

  @inlinable
  func validate<T: LayerScalar>(_ prediction: Tensor<T>, _ target: Tensor<T>) throws(LayerError) {
    try validateLossInput(prediction, target, loss: name)
    guard prediction.rank == 2 else {
      throw .shapeMismatch(
        layer: "\(name) (logits must be [batch, classes])",
        expected: [prediction.shape[0], prediction.count / Swift.max(prediction.shape[0], 1)],
        actual: prediction.shape)
    }
  }

  /// The row maximum and log-sum-exp of row `r`.
  @inlinable
  func logSumExp<T: LayerScalar>(_ z: Tensor<T>, row r: Int) -> T {
    let classes = z.shape[1]
    var m = z.scalars[r * classes]
    for c in 1..<classes where z.scalars[r * classes + c] > m { m = z.scalars[r * classes + c] }
    if !m.isFinite { return m }
    var sum: T = 0
    for c in 0..<classes { sum += T.exp(z.scalars[r * classes + c] - m) }
    return m + T.log(sum)
  }

  /// The mean over the batch of `Σ_c y_c · (lse(z) − z_c)`.
  ///
  /// - Throws: ``LayerError`` naming the loss when the shapes differ, the batch is empty or the
  ///   logits are not a matrix.
  @inlinable
  public func value<T: LayerScalar>(
    _ prediction: Tensor<T>, target: Tensor<T>
  ) throws(LayerError) -> T {
    try validate(prediction, target)
    let (batch, classes) = (prediction.shape[0], prediction.shape[1])
    var total: T = 0
    for r in 0..<batch {
      let lse = logSumExp(prediction, row: r)
      for c in 0..<classes {
        let y = target.scalars[r * classes + c]
        total += y * (lse - prediction.scalars[r * classes + c])
      }
    }
    return total / T(batch)
  }

  /// `(softmax(z) · Σ_c y_c − y) / batch`.
  ///
  /// - Throws: ``LayerError`` naming the loss when the shapes differ, the batch is empty or the
  ///   logits are not a matrix.
  @inlinable
  public func gradient<T: LayerScalar>(
    _ prediction: Tensor<T>, target: Tensor<T>
  ) throws(LayerError) -> Tensor<T> {
    try validate(prediction, target)
    let (batch, classes) = (prediction.shape[0], prediction.shape[1])
    var result = prediction
    let scale = T(batch)
    for r in 0..<batch {
      let lse = logSumExp(prediction, row: r)
      var mass: T = 0
      for c in 0..<classes { mass += target.scalars[r * classes + c] }
      for c in 0..<classes {
        let k = r * classes + c
        let p = T.exp(prediction.scalars[k] - lse)
        result.scalars[k] = (p * mass - target.scalars[k]) / scale
      }
    }
    return result
  }
}
