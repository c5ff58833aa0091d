import LayerCore

// SiLU over `Float` buffers on sixteen lanes at a time through `FloatLanes.exp`: x / (1 + e)
// for x ≥ 0 and x e / (1 + e) below, e = e^-|x|, within 3 ULP of the `Double` scalar function
// rounded to `Float` (the tests check this). Below x = -80, e^x nears the subnormal range, where
// its absolute rounding error, multiplied by |x|, would cost many ULP: a vector holding such a
// lane (rare; never in the benchmark's [-10, 10]; -∞ too) goes through the scalar function.
// f' = σ(x)(1 + x σ(-x)) runs eight lanes at a time through `Double`
// (`FloatThroughDouble.expNonPositive`) and rounds once, within 1 ULP: over d = 1 + e it is
// ((1 + e) + x e) / d² for x ≥ 0 (positive terms) and e ((1 + x) + e) / d² below (1 + x exact
// near the root); near its root x₀ ≈ -1.278, where (1 + x) + e cancels, the scalar function's
// Taylor series replaces it, its first 18 terms (truncation below 2e-11 relative for
// |x - x₀| < 0.75).

extension SiLU {
  /// SiLU over `Float`, sixteen lanes at a time.
  @inlinable
  public func values(
    _ x: UnsafeBufferPointer<Float>, into values: UnsafeMutableBufferPointer<Float>
  ) { lanewise(x, values: values, derivatives: nil, lanes: valueLanes, valueLanes) }

  /// SiLU' over `Float`, eight lanes at a time through `Double`.
  @inlinable
  public func derivatives(
    _ x: UnsafeBufferPointer<Float>, into derivatives: UnsafeMutableBufferPointer<Float>
  ) {
    let series = Self.rootCoefficients[0..<18].reversed().map { SIMD8<Double>(repeating: $0) }
    lanewise(
      x, values: nil, derivatives: derivatives, lanes: { (v: SIMD8<Float>) in v },
      { Self.derivativeLanes($0, series: series) })
  }

  /// SiLU and SiLU' over `Float`: f on sixteen lanes, then f' on eight through `Double`.
  @inlinable
  public func valuesAndDerivatives(
    _ x: UnsafeBufferPointer<Float>, values: UnsafeMutableBufferPointer<Float>,
    derivatives: UnsafeMutableBufferPointer<Float>
  ) {
    self.values(x, into: values)
    self.derivatives(x, into: derivatives)
  }

  /// SiLU on sixteen lanes.
  @inlinable
  func valueLanes(_ x: SIMD16<Float>) -> SIMD16<Float> {
    typealias V = SIMD16<Float>
    let magnitude = x.replacing(with: -x, where: x .< V(repeating: 0))
    let e = FloatLanes.exp(-magnitude)
    let numerator = x.replacing(with: x * e, where: x .< V(repeating: 0))
    var result = numerator / (V(repeating: 1) + e)
    if any(x .< V(repeating: -80)) {
      for j in 0..<16 where x[j] < -80 { result[j] = value(at: x[j]) }
    }
    return result
  }

  /// SiLU' on eight `Float` lanes through `Double`; `series` holds the root-series
  /// coefficients, highest degree first. 1 at +∞, 0 at -∞.
  @inlinable
  static func derivativeLanes(_ x: SIMD8<Float>, series: [SIMD8<Double>]) -> SIMD8<Float> {
    typealias V = SIMD8<Double>
    let wide = FloatThroughDouble.widen(x)
    let one = V(repeating: 1)
    let negative = wide .< V(repeating: 0)
    let e = FloatThroughDouble.expNonPositive(wide.replacing(with: -wide, where: .!negative))
    let d = one + e
    let numerator = ((one + e) + wide * e).replacing(with: e * ((one + wide) + e), where: negative)
    var result = (numerator / (d * d)).replacing(with: one, where: wide .== V(repeating: .infinity))
      .replacing(with: 0, where: wide .== V(repeating: -.infinity))
    let t = (wide - V(repeating: rootHead)) - V(repeating: rootTail)
    let radius = V(repeating: rootRadius)
    let near = (t .< radius) .& (t .> -radius)
    if any(near) {
      var sum = V(repeating: 0)
      for c in series { sum = (sum + c) * t }
      result.replace(with: sum, where: near)
    }
    return FloatThroughDouble.narrow(result)
  }
}
