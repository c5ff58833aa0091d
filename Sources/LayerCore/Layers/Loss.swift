/// A scalar objective of a network's output and a target, with its hand-written gradient.
///
/// Losses are written once, generically over ``LayerScalar``, like activations. The gradient is
/// taken with respect to `prediction` and has its shape.
public protocol Loss: Sendable {
  /// The stable name the loss is registered and reported under, e.g. `"BinaryCrossEntropy"`.
  var name: String { get }

  /// The loss of `prediction` against `target` (same shape).
  ///
  /// - Throws: ``LayerError/shapeMismatch(layer:expected:actual:)`` naming the loss when the
  ///   shapes differ, or ``LayerError/invalidConfiguration(layer:reason:)`` for an empty batch.
  func value<T: LayerScalar>(
    _ prediction: Tensor<T>, target: Tensor<T>
  ) throws(LayerError) -> T

  /// The gradient of ``value(_:target:)`` with respect to `prediction`, written by hand.
  func gradient<T: LayerScalar>(
    _ prediction: Tensor<T>, target: Tensor<T>
  ) throws(LayerError) -> Tensor<T>

  /// The kind of target the loss compares with, e.g. ``TargetKind/oneHot`` for a softmax
  /// cross-entropy. The conformance kit draws targets of this kind. ``TargetKind/real`` by
  /// default.
  var targetKind: TargetKind { get }
}

extension Loss {
  /// Real targets.
  public var targetKind: TargetKind { .real }
}

/// The kind of target a ``Loss`` compares with.
public enum TargetKind: String, Sendable, Hashable {
  /// Labels 0 or 1.
  case binary
  /// One-hot rows over the last dimension.
  case oneHot
  /// Real values.
  case real
}

/// A regularisation term on one parameter tensor, such as λ‖w‖₁, with its hand-written gradient.
public protocol Penalty: Sendable {
  /// The stable name the penalty is registered and reported under, e.g. `"L2Penalty"`.
  var name: String { get }

  /// The penalty of `parameter`.
  func value<T: LayerScalar>(_ parameter: Tensor<T>) -> T

  /// The gradient of ``value(_:)`` with respect to `parameter`, written by hand.
  func gradient<T: LayerScalar>(_ parameter: Tensor<T>) -> Tensor<T>

  /// The kinks of the penalty as a function of any one entry of the parameter (the penalty is
  /// a sum of one function of each entry), each with the value ``gradient(_:)`` returns
  /// exactly there: `[Kink(at: 0, convention: .average)]` for λ‖w‖₁, whose gradient is 0 at 0.
  /// Defaults to none.
  var kinks: [Kink] { get }
}

extension Penalty {
  /// No kinks: the penalty is smooth in every entry.
  public var kinks: [Kink] { [] }
}

/// Checks that a prediction and a target can be compared: same shape, at least one element.
///
/// - Throws: ``LayerError`` naming `loss` and both shapes.
@inlinable
public func validateLossInput<T: LayerScalar>(
  _ prediction: Tensor<T>, _ target: Tensor<T>, loss: String
) throws(LayerError) {
  guard prediction.shape == target.shape else {
    throw .shapeMismatch(
      layer: "\(loss) (target)", expected: prediction.shape, actual: target.shape)
  }
  guard prediction.rank >= 1, prediction.count > 0 else {
    throw .invalidConfiguration(
      layer: loss, reason: "the prediction of shape \(prediction.shape) is an empty batch")
  }
}
