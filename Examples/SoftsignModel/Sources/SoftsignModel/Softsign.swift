import LayerCore

/// Softsign, f(x) = x / (1 + |x|): an activation defined outside LayerKit.
///
/// It has a kink-free derivative 1 / (1 + |x|)², so it declares no kinks and no parameters.
public struct Softsign: Activation {
  /// Creates the activation.
  public init() {}

  /// `"Softsign"`.
  public var name: String { "Softsign" }

  /// x / (1 + |x|), with the limits ±1 at ±infinity (where the quotient would be ∞/∞).
  @inlinable
  public func value<T: LayerScalar>(at x: T) -> T {
    if x.isInfinite { return x > 0 ? 1 : -1 }
    return x / (1 + T.abs(x))
  }

  /// 1 / (1 + |x|)².
  @inlinable
  public func derivative<T: LayerScalar>(at x: T) -> T {
    let d = 1 + T.abs(x)
    return 1 / (d * d)
  }
}
