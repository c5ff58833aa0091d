import LayerCore

/// Binary cross-entropy computed from logits `z` (the sigmoid is part of the loss), summed over
/// the features and averaged over the batch (the first dimension):
/// `L = (1/batch) Σ [max(z, 0) − z·y + log(1 + e^−|z|)]`, gradient `(σ(z) − y) / batch`.
///
/// The form never evaluates `log(σ(z))` directly, so it stays finite for logits of any size.
/// In `Float` and `Double` both run on SIMD lanes (`BinaryCrossEntropy+Lanes.swift`).
public struct BinaryCrossEntropy: Loss {
  /// A binary cross-entropy loss.
  public init() {}

  /// `"BinaryCrossEntropy"`.
  public var name: String { "BinaryCrossEntropy" }

  /// `.binary`: the kit checks the loss against targets of this kind.
  public var targetKind: TargetKind { .binary }

  /// The mean over the batch of the summed per-element losses.
  ///
  /// - Throws: ``LayerError`` naming the loss when the shapes differ or the batch is empty.
  @inlinable
  @_specialize(where T == Double)
  @_specialize(where T == Float)
  public func value<T: LayerScalar>(
    _ prediction: Tensor<T>, target: Tensor<T>
  ) throws(LayerError) -> T {
    try validateLossInput(prediction, target, loss: name)
    let lanes = laneCost(prediction.scalars, target.scalars)
    var sum: T = lanes?.sum ?? 0
    for k in (lanes?.count ?? 0)..<prediction.count {
      let z = prediction.scalars[k]
      let y = target.scalars[k]
      sum += (z > 0 ? z : 0) - z * y + T.log1p(T.exp(-T.abs(z)))
    }
    return sum / T(prediction.shape[0])
  }

  /// `(σ(z) − y) / batch`.
  ///
  /// - Throws: ``LayerError`` naming the loss when the shapes differ or the batch is empty.
  @inlinable
  @_specialize(where T == Double)
  @_specialize(where T == Float)
  public func gradient<T: LayerScalar>(
    _ prediction: Tensor<T>, target: Tensor<T>
  ) throws(LayerError) -> Tensor<T> {
    try validateLossInput(prediction, target, loss: name)
    let batch = T(prediction.shape[0])
    var g = prediction
    let done = laneGradient(prediction.scalars, target.scalars, dividedBy: batch, into: &g.scalars)
    for k in (done ?? 0)..<g.count {
      g.scalars[k] = (T.logistic(prediction.scalars[k]) - target.scalars[k]) / batch
    }
    return g
  }
}
