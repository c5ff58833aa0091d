import LayerCore

/// How ``SGDTrainer`` decides whether a prediction is correct.
public enum AccuracyRule: Sendable, Hashable {
  /// ``argmax`` for several outputs; for a single output, ``threshold(_:)`` at 0 when the loss
  /// takes logits of binary labels (``/LayerCore/TargetKind/binary``, as `BinaryCrossEntropy`,
  /// where σ(z) > 0.5 ⇔ z > 0), and at 0.5 otherwise.
  case automatic
  /// Correct when the largest output and the largest target are in the same column (the first
  /// of equal values).
  case argmax
  /// For a single output: correct when `output > value` agrees with `target > 0.5`.
  case threshold(Double)

  /// The rule ``automatic`` stands for, given the output width and the loss.
  @inlinable
  public func resolved(outputs: Int, loss: any Loss) -> AccuracyRule {
    guard case .automatic = self else { return self }
    if outputs > 1 { return .argmax }
    return .threshold(loss.targetKind == .binary ? 0 : 0.5)
  }

  /// The number of rows of `output` that match `target` (both `[n, outputs]`).
  @inlinable
  public func correct<T: LayerScalar & BinaryFloatingPoint>(
    _ output: Tensor<T>, _ target: Tensor<T>, loss: any Loss
  ) -> Int {
    guard output.rank == 2, output.shape == target.shape else { return 0 }
    let (rows, width) = (output.shape[0], output.shape[1])
    switch resolved(outputs: width, loss: loss) {
    case .threshold(let value):
      var count = 0
      for r in 0..<rows
      where (Double(output.scalars[r * width]) > value) == (target.scalars[r * width] > 0.5) {
        count += 1
      }
      return count
    case .argmax, .automatic:
      var count = 0
      for r in 0..<rows {
        let base = r * width
        var (best, label) = (0, 0)
        for j in 1..<max(width, 1) {
          if output.scalars[base + j] > output.scalars[base + best] { best = j }
          if target.scalars[base + j] > target.scalars[base + label] { label = j }
        }
        if best == label { count += 1 }
      }
      return count
    }
  }
}
