// The ELU family (ELU, SELU, CELU) on lanes: λx and λ for x > 0, a (e^t - 1) and b e^t
// elsewhere, with e^t - 1 and e^t from one range reduction.

extension FloatLanes {
  /// f and f' of the ELU family on sixteen lanes: λx and λ where x > 0, else a (e^t - 1) and
  /// b e^t, from ``exponentials(_:)``. `t` is the exponent the activation computes from x (x
  /// itself, or x / α), with the lanes where x > 0 already set to 0. NaN gives NaN.
  @inlinable @inline(__always)
  public static func eluFamily(
    _ x: SIMD16<Float>, exponent t: SIMD16<Float>, positiveScale lambda: Float, valueScale a: Float,
    slopeScale b: Float
  ) -> (SIMD16<Float>, SIMD16<Float>) {
    typealias V = SIMD16<Float>
    let positive = x .> V(repeating: 0)
    let (e, m) = exponentials(t)
    let value = (V(repeating: a) * m).replacing(with: V(repeating: lambda) * x, where: positive)
    return (value, (V(repeating: b) * e).replacing(with: lambda, where: positive))
  }
}

extension DoubleLanes {
  /// f and f' of the ELU family on eight lanes: λx and λ where x > 0, else a (e^t - 1) and
  /// b e^t, from ``exponentials(_:)``. `t` is the exponent the activation computes from x (x
  /// itself, or x / α), with the lanes where x > 0 already set to 0. NaN gives NaN.
  @inlinable @inline(__always)
  public static func eluFamily(
    _ x: SIMD8<Double>, exponent t: SIMD8<Double>, positiveScale lambda: Double,
    valueScale a: Double, slopeScale b: Double
  ) -> (SIMD8<Double>, SIMD8<Double>) {
    typealias V = SIMD8<Double>
    let positive = x .> V(repeating: 0)
    let (e, m) = exponentials(t)
    let value = (V(repeating: a) * m).replacing(with: V(repeating: lambda) * x, where: positive)
    return (value, (V(repeating: b) * e).replacing(with: lambda, where: positive))
  }
}
