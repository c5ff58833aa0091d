import LayerCore

// σ and σ' over `Float` buffers on eight lanes at a time, computed in `Double` through
// `FloatThroughDouble.expNonPositive` and rounded once: within 1 ULP of the correctly rounded
// result (the tests compare with the `Double` scalar function rounded to `Float`), where the
// scalar `Float` functions call libm's `expf` one element at a time.

extension Sigmoid {
  /// σ over `Float`, eight lanes at a time through `Double`.
  @inlinable
  public func values(
    _ x: UnsafeBufferPointer<Float>, into values: UnsafeMutableBufferPointer<Float>
  ) { lanewise(x, values: values, derivatives: nil, lanes: valueLanes, derivativeLanes) }

  /// σ' over `Float`, eight lanes at a time through `Double`.
  @inlinable
  public func derivatives(
    _ x: UnsafeBufferPointer<Float>, into derivatives: UnsafeMutableBufferPointer<Float>
  ) { lanewise(x, values: nil, derivatives: derivatives, lanes: valueLanes, derivativeLanes) }

  /// σ and σ' over `Float`, eight lanes at a time through `Double`.
  @inlinable
  public func valuesAndDerivatives(
    _ x: UnsafeBufferPointer<Float>, values: UnsafeMutableBufferPointer<Float>,
    derivatives: UnsafeMutableBufferPointer<Float>
  ) { lanewise(x, values: values, derivatives: derivatives, pairs: pairLanes) }

  /// σ on eight lanes: 1 / (1 + e) for x ≥ 0, e / (1 + e) below, e = e^-|x|, in `Double`.
  @inlinable
  func valueLanes(_ x: SIMD8<Float>) -> SIMD8<Float> {
    let wide = FloatThroughDouble.widen(x)
    let zero = SIMD8<Double>(repeating: 0)
    let e = FloatThroughDouble.expNonPositive(wide.replacing(with: -wide, where: wide .> zero))
    let numerator = e.replacing(with: SIMD8<Double>(repeating: 1), where: wide .>= zero)
    return FloatThroughDouble.narrow(numerator / (SIMD8<Double>(repeating: 1) + e))
  }

  /// σ' on eight lanes: e / (1 + e)², e = e^-|x|, in `Double`.
  @inlinable
  func derivativeLanes(_ x: SIMD8<Float>) -> SIMD8<Float> {
    let wide = FloatThroughDouble.widen(x)
    let zero = SIMD8<Double>(repeating: 0)
    let e = FloatThroughDouble.expNonPositive(wide.replacing(with: -wide, where: wide .> zero))
    let d = SIMD8<Double>(repeating: 1) + e
    return FloatThroughDouble.narrow(e / (d * d))
  }

  /// σ and σ' on eight lanes sharing one e^-|x|.
  @inlinable
  func pairLanes(_ x: SIMD8<Float>) -> (SIMD8<Float>, SIMD8<Float>) {
    let wide = FloatThroughDouble.widen(x)
    let zero = SIMD8<Double>(repeating: 0)
    let one = SIMD8<Double>(repeating: 1)
    let e = FloatThroughDouble.expNonPositive(wide.replacing(with: -wide, where: wide .> zero))
    let d = one + e
    let numerator = e.replacing(with: one, where: wide .>= zero)
    return (FloatThroughDouble.narrow(numerator / d), FloatThroughDouble.narrow(e / (d * d)))
  }
}
