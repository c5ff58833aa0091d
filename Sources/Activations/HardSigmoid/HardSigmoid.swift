import LayerCore

/// The hard sigmoid (PyTorch's `nn.Hardsigmoid`): 0 for x ≤ −3, 1 for x ≥ 3 and
/// x / 6 + 1 / 2 in between.
///
/// The slope in the middle is 1/6, PyTorch's choice (Keras once used 0.2 with the kinks at
/// ±2.5). Two kinks: at −3 the slope is 0 on the left and 1/6 on the right, at 3 it is 1/6 on
/// the left and 0 on the right. As in PyTorch's autograd, whose gradient is 1/6 only strictly
/// inside (−3, 3), `derivative(at: -3)` and `derivative(at: 3)` return 0: the left limit at −3
/// and the right limit at 3. The middle piece is computed as (x + 3) / 6, which is exact
/// before the division near −3, where x / 6 + 1 / 2 would cancel. Limits: 0 at −∞, 1 at +∞,
/// derivative 0 at both. NaN in gives NaN out.
public struct HardSigmoid: VectorizedActivation {
  /// The hard sigmoid has no parameters.
  public init() {}

  /// `"HardSigmoid"`.
  public var name: String { "HardSigmoid" }

  /// Kinks at −3 (derivative: the left limit 0) and 3 (derivative: the right limit 0).
  public var kinks: [Kink] {
    [Kink(at: -3, convention: .leftLimit), Kink(at: 3, convention: .rightLimit)]
  }

  /// 0 for x ≤ −3, 1 for x ≥ 3, (x + 3) / 6 in between; NaN propagated.
  @inlinable
  public func value<T: LayerScalar>(at x: T) -> T {
    if x <= -3 { return 0 }
    if x >= 3 { return 1 }
    return (x + 3) / 6
  }

  /// 1/6 for −3 < x < 3, 0 elsewhere (−3 and 3 included), NaN for NaN.
  @inlinable
  public func derivative<T: LayerScalar>(at x: T) -> T {
    if x.isNaN { return x }
    return x > -3 && x < 3 ? 1 / 6 : 0
  }

  /// f on `SIMD8<Double>` lanes, bit for bit the scalar ``value(at:)``.
  @inlinable
  public func value(lanes x: SIMD8<Double>) -> SIMD8<Double> {
    ((x + 3) / 6).replacing(with: 0, where: x .<= -3).replacing(with: 1, where: x .>= 3)
  }

  /// f' on `SIMD8<Double>` lanes, bit for bit the scalar ``derivative(at:)``.
  @inlinable
  public func derivative(lanes x: SIMD8<Double>) -> SIMD8<Double> {
    SIMD8<Double>(repeating: 0).replacing(with: 1 / 6 as Double, where: (x .> -3) .& (x .< 3))
      .replacing(with: x, where: x .!= x)
  }
}
