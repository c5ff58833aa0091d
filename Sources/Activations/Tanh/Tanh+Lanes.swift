import LayerCore

// tanh and tanh' over `Float` buffers on eight lanes at a time, computed in `Double` and
// rounded once: within 1 ULP of the correctly rounded result (the tests compare with the
// `Double` scalar function rounded to `Float`), where the scalar `Float` functions call libm
// one element at a time. With e = e^-2|x|, tanh |x| = (1 - e) / (1 + e): the subtraction
// cancels for small |x|, but k = 0 there and e carries only rounding error (1e-16), so the
// quotient stays within 1e-9 relative down to |x| = 1e-4; below, |x| (1 - |x|² / 3) is exact to
// 3e-17. The sign is put back last, so tanh(-0) = -0.

extension Tanh {
  /// tanh over `Float`, eight lanes at a time through `Double`.
  @inlinable
  public func values(
    _ x: UnsafeBufferPointer<Float>, into values: UnsafeMutableBufferPointer<Float>
  ) { lanewise(x, values: values, derivatives: nil, lanes: valueLanes, derivativeLanes) }

  /// tanh' over `Float`, eight lanes at a time through `Double`.
  @inlinable
  public func derivatives(
    _ x: UnsafeBufferPointer<Float>, into derivatives: UnsafeMutableBufferPointer<Float>
  ) { lanewise(x, values: nil, derivatives: derivatives, lanes: valueLanes, derivativeLanes) }

  /// tanh and tanh' over `Float`, eight lanes at a time through `Double`.
  @inlinable
  public func valuesAndDerivatives(
    _ x: UnsafeBufferPointer<Float>, values: UnsafeMutableBufferPointer<Float>,
    derivatives: UnsafeMutableBufferPointer<Float>
  ) { lanewise(x, values: values, derivatives: derivatives, pairs: pairLanes) }

  /// tanh on eight lanes, in `Double`.
  @inlinable
  func valueLanes(_ x: SIMD8<Float>) -> SIMD8<Float> {
    typealias V = SIMD8<Double>
    let wide = FloatThroughDouble.widen(x)
    let magnitude = wide.replacing(with: -wide, where: wide .< V(repeating: 0))
    let e = FloatThroughDouble.expNonPositive(magnitude * V(repeating: -2))
    let one = V(repeating: 1)
    let small = magnitude * (one - magnitude * magnitude / V(repeating: 3))
    let t = ((one - e) / (one + e)).replacing(
      with: small, where: magnitude .< V(repeating: 1e-4))
    return FloatThroughDouble.narrow(t.replacing(with: -t, where: wide .< V(repeating: 0)))
  }

  /// tanh' = 4e / (1 + e)² on eight lanes, e = e^-2|x|, in `Double`.
  @inlinable
  func derivativeLanes(_ x: SIMD8<Float>) -> SIMD8<Float> {
    typealias V = SIMD8<Double>
    let wide = FloatThroughDouble.widen(x)
    let magnitude = wide.replacing(with: -wide, where: wide .< V(repeating: 0))
    let e = FloatThroughDouble.expNonPositive(magnitude * V(repeating: -2))
    let d = V(repeating: 1) + e
    return FloatThroughDouble.narrow(V(repeating: 4) * e / (d * d))
  }

  /// tanh and tanh' on eight lanes sharing one e^-2|x|.
  @inlinable
  func pairLanes(_ x: SIMD8<Float>) -> (SIMD8<Float>, SIMD8<Float>) {
    typealias V = SIMD8<Double>
    let wide = FloatThroughDouble.widen(x)
    let magnitude = wide.replacing(with: -wide, where: wide .< V(repeating: 0))
    let e = FloatThroughDouble.expNonPositive(magnitude * V(repeating: -2))
    let one = V(repeating: 1)
    let d = one + e
    let small = magnitude * (one - magnitude * magnitude / V(repeating: 3))
    let t = ((one - e) / d).replacing(with: small, where: magnitude .< V(repeating: 1e-4))
    let value = FloatThroughDouble.narrow(t.replacing(with: -t, where: wide .< V(repeating: 0)))
    return (value, FloatThroughDouble.narrow(V(repeating: 4) * e / (d * d)))
  }
}
