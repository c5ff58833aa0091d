import LayerCore

/// Softmax cross-entropy over the last dimension of logits `[batch, classes]`, with a stable
/// log-sum-exp (the row maximum is subtracted first), averaged over the batch:
/// `L = (1/batch) Σ_rows [Σ_c y_c · (lse(z) − z_c)]`, gradient `(softmax(z) · Σ_c y_c − y) / batch`.
///
/// Targets are one-hot rows or probability distributions.
///
/// **Sequences.** Logits of higher rank, `[batch, time, classes]`, are rows along the last
/// axis: the loss of a sequence is the sum of its steps' cross-entropies (the seed slides'
/// character-level RNN loss), averaged over the batch (the first axis):
/// `L = (1/batch) Σ_sequences Σ_t [Σ_c y_c · (lse(z_t) − z_{t,c})]`. For `[batch, classes]`
/// this is the formula above.
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
    guard prediction.rank >= 2 else {
      throw .shapeMismatch(
        layer: "\(name) (logits must be [batch, …, classes])",
        expected: [prediction.shape[0], prediction.count / Swift.max(prediction.shape[0], 1)],
        actual: prediction.shape)
    }
  }

  /// `(rows, classes, batch)` of validated logits: the rows along the last axis, their width,
  /// and the first axis the loss is averaged over.
  @inlinable
  func layout<T: LayerScalar>(_ z: Tensor<T>) -> (rows: Int, classes: Int, batch: Int) {
    let classes = z.shape[z.rank - 1]
    return (z.count / classes, classes, z.shape[0])
  }

  /// The row maximum and log-sum-exp of row `r`: the exponentials on SIMD lanes in `Float`
  /// and `Double` (``exponentialSum(_:minus:)``), one by one in any other type.
  @inlinable
  @_specialize(where T == Double)
  @_specialize(where T == Float)
  func logSumExp<T: LayerScalar>(_ z: Tensor<T>, row r: Int) -> T {
    let classes = z.shape[z.rank - 1]
    var m = z.scalars[r * classes]
    for c in 1..<classes where z.scalars[r * classes + c] > m { m = z.scalars[r * classes + c] }
    if !m.isFinite { return m }
    let lanes = z.scalars.withUnsafeBufferPointer {
      exponentialSum(
        UnsafeBufferPointer(rebasing: $0[(r * classes)..<((r + 1) * classes)]), minus: m)
    }
    if let lanes { return m + T.log(lanes) }
    var sum: T = 0
    for c in 0..<classes { sum += T.exp(z.scalars[r * classes + c] - m) }
    return m + T.log(sum)
  }

  /// `Σ_c y_c · (lse(z) − z_c)` summed over every row, divided by the batch (the first axis).
  ///
  /// - Throws: ``LayerError`` naming the loss when the shapes differ, the batch is empty or the
  ///   logits have rank below 2.
  @inlinable
  @_specialize(where T == Double)
  @_specialize(where T == Float)
  public func value<T: LayerScalar>(
    _ prediction: Tensor<T>, target: Tensor<T>
  ) throws(LayerError) -> T {
    try validate(prediction, target)
    let (rows, classes, batch) = layout(prediction)
    var total: T = 0
    for r in 0..<rows {
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
  ///   logits have rank below 2.
  @inlinable
  @_specialize(where T == Double)
  @_specialize(where T == Float)
  public func gradient<T: LayerScalar>(
    _ prediction: Tensor<T>, target: Tensor<T>
  ) throws(LayerError) -> Tensor<T> {
    try validate(prediction, target)
    let (rows, classes, batch) = layout(prediction)
    var result = prediction
    let scale = T(batch)
    for r in 0..<rows {
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
