import LayerCore

/// The scaled exponential linear unit (PyTorch's `nn.SELU`):
/// f(x) = scale · x for x > 0 and scale · α · (e^x − 1) for x ≤ 0, with PyTorch's constants
/// α = 1.6732632423543772848170429916717 and scale = 1.0507009873554804934193349852946.
///
/// One kink at 0: the slope is scale · α ≈ 1.7581 on the left and scale ≈ 1.0507 on the
/// right. As in PyTorch's autograd (whose ELU backward uses the negative branch for x ≤ 0),
/// `derivative(at: 0)` returns scale · α, the left limit. e^x − 1 is computed with `expm1`, so
/// there is no cancellation near 0; the product scale · α is one constant, rounded once.
/// Limits: f(−∞) = −scale · α, f(+∞) = +∞, f'(−∞) = 0, f'(+∞) = scale. NaN in gives NaN out.
/// For x above `greatestFiniteMagnitude` / scale the exact value scale · x is beyond the range
/// of the type, and the value is +∞, its correctly rounded result; the derivative stays finite.
public struct SELU: Activation {
  /// α of the negative branch, as PyTorch defines it.
  public static let alpha: Double = 1.6732632423543772848170429916717
  /// The overall scale, as PyTorch defines it.
  public static let scale: Double = 1.0507009873554804934193349852946
  /// scale · α, rounded once from its exact value 1.75809934084737685994021752081…
  public static let scaledAlpha: Double = 1.7580993408473768599402175208123

  /// SELU has no parameters.
  public init() {}

  /// `"SELU"`.
  public var name: String { "SELU" }

  /// One kink at 0, where the derivative returns the left limit scale · α.
  public var kinks: [Kink] { [Kink(at: 0, convention: .leftLimit)] }

  /// scale · x for x > 0, scale · α · expm1(x) otherwise; NaN propagated.
  @inlinable
  public func value<T: LayerScalar>(at x: T) -> T {
    x > 0 ? T(Self.scale) * x : T(Self.scaledAlpha) * T.expm1(x)
  }

  /// scale for x > 0, scale · α · e^x for x ≤ 0; NaN propagated.
  @inlinable
  public func derivative<T: LayerScalar>(at x: T) -> T {
    x > 0 ? T(Self.scale) : T(Self.scaledAlpha) * T.exp(x)
  }
}
