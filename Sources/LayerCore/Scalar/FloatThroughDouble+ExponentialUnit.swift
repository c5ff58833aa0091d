extension FloatThroughDouble {
  /// The exponential linear family on eight `Float` lanes, in `Double`: the value
  /// `x > 0 ? slope · x : scale · expm1(x / divisor)` and the derivative
  /// `x > 0 ? slope : derivativeScale · exp(x / divisor)`, sharing one exponential.
  ///
  /// ELU is (1, α, 1, α), CELU (1, α, α, 1), SELU (λ, λα, 1, λα). expm1 is e^t - 1 from
  /// ``expNonPositive(_:)``: for |t| ≥ 1e-5 the subtraction leaves a relative error below 1e-10
  /// (k = 0 near 0, so e^t carries only rounding error there); below, t + t²/2 is exact to
  /// 2e-11. Both round once to `Float`, within 1 ULP of the correctly rounded result.
  @inlinable
  public static func exponentialUnit(
    _ x: SIMD8<Float>, slope: Double, scale: Double, divisor: Double, derivativeScale: Double
  ) -> (value: SIMD8<Float>, derivative: SIMD8<Float>) {
    typealias V = SIMD8<Double>
    let wide = widen(x)
    let zero = V(repeating: 0)
    let positive = wide .> zero
    let t = wide.replacing(with: zero, where: positive) / V(repeating: divisor)
    let e = expNonPositive(t)
    let tiny = (t + t * t * V(repeating: 0.5))
    let expm1 = (e - V(repeating: 1)).replacing(with: tiny, where: t .> V(repeating: -1e-5))
    let value = (V(repeating: scale) * expm1).replacing(
      with: V(repeating: slope) * wide, where: positive)
    let derivative = (V(repeating: derivativeScale) * e).replacing(
      with: V(repeating: slope), where: positive)
    return (narrow(value), narrow(derivative))
  }
}
