import LayerCore

/// The hard swish (PyTorch's `nn.Hardswish`): x · ReLU6(x + 3) / 6, that is 0 for x ≤ −3,
/// x for x ≥ 3 and x (x + 3) / 6 in between.
///
/// Two kinks. At −3 the slope is 0 on the left and −1/2 on the right; at 3 it is 3/2 on the
/// left and 1 on the right. The derivative follows PyTorch's autograd (`hardswish_backward`):
/// 0 for x < −3, x / 3 + 1 / 2 for −3 ≤ x ≤ 3, 1 for x > 3. So `derivative(at: -3)` returns
/// −1/2, the right limit, and `derivative(at: 3)` returns 3/2, the left limit. The middle
/// derivative is computed as (2x + 3) / 6, exact before the division near its zero at −3/2,
/// where x / 3 + 1 / 2 would cancel. Limits: f(−∞) = 0, f(+∞) = +∞, f'(−∞) = 0, f'(+∞) = 1.
/// NaN in gives NaN out.
public struct HardSwish: VectorizedActivation {
  /// The hard swish has no parameters.
  public init() {}

  /// `"HardSwish"`.
  public var name: String { "HardSwish" }

  /// Kinks at −3 (derivative: the right limit −1/2) and 3 (derivative: the left limit 3/2).
  public var kinks: [Kink] {
    [Kink(at: -3, convention: .rightLimit), Kink(at: 3, convention: .leftLimit)]
  }

  /// 0 for x ≤ −3, x for x ≥ 3, x (x + 3) / 6 in between; NaN propagated.
  @inlinable
  public func value<T: LayerScalar>(at x: T) -> T {
    if x <= -3 { return 0 }
    if x >= 3 { return x }
    return x * (x + 3) / 6
  }

  /// 0 for x < −3, (2x + 3) / 6 for −3 ≤ x ≤ 3, 1 for x > 3; NaN for NaN.
  @inlinable
  public func derivative<T: LayerScalar>(at x: T) -> T {
    if x < -3 { return 0 }
    if x > 3 { return 1 }
    return (2 * x + 3) / 6
  }

  /// f on `SIMD8<Double>` lanes, bit for bit the scalar ``value(at:)``.
  @inlinable
  public func value(lanes x: SIMD8<Double>) -> SIMD8<Double> {
    (x * (x + 3) / 6).replacing(with: 0, where: x .<= -3).replacing(with: x, where: x .>= 3)
  }

  /// f' on `SIMD8<Double>` lanes, bit for bit the scalar ``derivative(at:)``.
  @inlinable
  public func derivative(lanes x: SIMD8<Double>) -> SIMD8<Double> {
    ((2 * x + 3) / 6).replacing(with: 0, where: x .< -3).replacing(with: 1, where: x .> 3)
  }
}
