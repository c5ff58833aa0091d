import LayerCore
import TanhActivation

/// A one-neuron model, `tanh(softsign(w·x + b))`, using LayerKit's `Tanh` and this package's
/// `Softsign`.
public struct TinyModel: Sendable {
  /// The weight.
  public var weight: Double
  /// The bias.
  public var bias: Double

  /// A model with the given weight and bias.
  public init(weight: Double, bias: Double) {
    self.weight = weight
    self.bias = bias
  }

  /// The output for input `x`.
  public func callAsFunction(_ x: Double) -> Double {
    Tanh()(Softsign()(weight * x + bias))
  }

  /// d output / d x, by the chain rule through both activations.
  public func slope(at x: Double) -> Double {
    let z = weight * x + bias
    return Tanh().derivative(at: Softsign()(z)) * Softsign().derivative(at: z) * weight
  }
}
