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
}

/// A regularisation term on one parameter tensor, such as λ‖w‖₁, with its hand-written gradient.
public protocol Penalty: Sendable {
  /// The stable name the penalty is registered and reported under, e.g. `"L2Penalty"`.
  var name: String { get }

  /// The penalty of `parameter`.
  func value<T: LayerScalar>(_ parameter: Tensor<T>) -> T

  /// The gradient of ``value(_:)`` with respect to `parameter`, written by hand.
  func gradient<T: LayerScalar>(_ parameter: Tensor<T>) -> Tensor<T>
}

/// A layer that, in training mode, keeps each element independently with probability
/// ``keepProbability`` and scales the kept ones by `1 / keepProbability` (inverted dropout).
///
/// The conformance kit checks the statistics of such layers: the kept fraction, the preserved
/// expected value, reproducibility from the seed, and the identity in inference mode.
public protocol MaskingLayer: Layer {
  /// The probability that an element is kept, in (0, 1].
  var keepProbability: Double { get }
}
