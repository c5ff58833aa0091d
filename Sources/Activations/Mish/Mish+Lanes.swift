import LayerCore

// Mish on `SIMD8<Double>` lanes: the scalar function's rational forms in e = e^-|x| and its
// root series for f', evaluated lanewise. `Float` buffers run eight lanes at a time through
// `Double` (`FloatThroughDouble.expNonPositive`, the first 28 series terms: truncation below
// 3e-11) and round once, within 1 ULP of the `Double` function rounded to `Float`; `Double`
// buffers run f with `DoubleLanes.exponentials` (Mish+DoubleLanes.swift).

extension Mish {
  /// f over `Float`, eight lanes at a time through `Double`.
  @inlinable
  public func values(
    _ x: UnsafeBufferPointer<Float>, into values: UnsafeMutableBufferPointer<Float>
  ) {
    let series = Self.series(terms: 28)
    lanewise(
      x, values: values, derivatives: nil, lanes: floatValueLanes,
      { floatDerivativeLanes($0, series: series) })
  }

  /// f' over `Float`, eight lanes at a time through `Double`.
  @inlinable
  public func derivatives(
    _ x: UnsafeBufferPointer<Float>, into derivatives: UnsafeMutableBufferPointer<Float>
  ) {
    let series = Self.series(terms: 28)
    lanewise(
      x, values: nil, derivatives: derivatives, lanes: floatValueLanes,
      { floatDerivativeLanes($0, series: series) })
  }

  /// f and f' over `Float`, eight lanes at a time through `Double`, one exponential for both.
  @inlinable
  public func valuesAndDerivatives(
    _ x: UnsafeBufferPointer<Float>, values: UnsafeMutableBufferPointer<Float>,
    derivatives: UnsafeMutableBufferPointer<Float>
  ) {
    let series = Self.series(terms: 28)
    lanewise(x, values: values, derivatives: derivatives) { (v: SIMD8<Float>) in
      let (wide, e) = Self.widened(v)
      return (
        FloatThroughDouble.narrow(Self.valueLanes(wide, e: e)),
        FloatThroughDouble.narrow(Self.slopeLanes(wide, e: e, series: series))
      )
    }
  }

  /// f on eight `Float` lanes through `Double`.
  @inlinable
  func floatValueLanes(_ x: SIMD8<Float>) -> SIMD8<Float> {
    let (wide, e) = Self.widened(x)
    return FloatThroughDouble.narrow(Self.valueLanes(wide, e: e))
  }

  /// f' on eight `Float` lanes through `Double`.
  @inlinable
  func floatDerivativeLanes(_ x: SIMD8<Float>, series: [SIMD8<Double>]) -> SIMD8<Float> {
    let (wide, e) = Self.widened(x)
    return FloatThroughDouble.narrow(Self.slopeLanes(wide, e: e, series: series))
  }

  /// x in `Double` and e = e^-|x|, through `expNonPositive` (which stops at e^-700: below
  /// -745, where the scalar function's e is 0, `slopeLanes` returns 0; the values there, and
  /// the slopes between, round to -0 in `Float`, as the scalar function's do).
  @inlinable
  static func widened(_ x: SIMD8<Float>) -> (SIMD8<Double>, SIMD8<Double>) {
    let wide = FloatThroughDouble.widen(x)
    let negative = wide.replacing(with: -wide, where: wide .> SIMD8<Double>(repeating: 0))
    return (wide, FloatThroughDouble.expNonPositive(negative))
  }

  /// The first `terms` root-series coefficients as vectors, highest degree first.
  @inlinable
  static func series(terms: Int) -> [SIMD8<Double>] {
    rootCoefficients[0..<terms].reversed().map { SIMD8<Double>(repeating: $0) }
  }

  /// x (1 + 2e) / (1 + 2e + 2e²) for x ≥ 0, x n / (n + 2), n = e(e + 2), below; +∞ at +∞ and
  /// 0 at -∞.
  @inlinable
  static func valueLanes(_ x: SIMD8<Double>, e: SIMD8<Double>) -> SIMD8<Double> {
    typealias V = SIMD8<Double>
    let one = V(repeating: 1)
    let twoE = e + e
    let positive = x .>= V(repeating: 0)
    let n = e * (e + V(repeating: 2))
    let ratio = (n / (n + V(repeating: 2))).replacing(
      with: (one + twoE) / (one + twoE + twoE * e), where: positive)
    return (x * ratio).replacing(with: x, where: x .== V(repeating: .infinity))
      .replacing(with: 0, where: x .== V(repeating: -.infinity))
  }

  /// f' from the scalar function's forms: (1 + 2e) / d + 4 x e² (1 + e) / d², d = 1 + 2e + 2e²,
  /// for x ≥ 0; e ((4 + 4x) + e(6 + 4x) + e²(4 + e)) / (n + 2)², n = e(e + 2), below; the root
  /// series in t = x - x₀ for |t| < 1.1; 1 at +∞, 0 below -745 (-∞ included).
  @inlinable
  static func slopeLanes(_ x: SIMD8<Double>, e: SIMD8<Double>, series: [SIMD8<Double>])
    -> SIMD8<Double>
  {
    typealias V = SIMD8<Double>
    let (one, two, four) = (V(repeating: 1), V(repeating: 2), V(repeating: 4))
    let d = one + two * e + two * e * e
    let positiveSlope = (one + two * e) / d + four * ((x * e) * e) * (one + e) / (d * d)
    let n = e * (e + two) + two
    let bracket = (four + four * x) + e * (V(repeating: 6) + four * x) + e * e * (four + e)
    var result = (e * bracket / (n * n)).replacing(
      with: positiveSlope, where: x .>= V(repeating: 0))
    let t = (x - V(repeating: rootHead)) - V(repeating: rootTail)
    let radius = V(repeating: rootRadius)
    let near = (t .< radius) .& (t .> -radius)
    if any(near) {
      var sum = V(repeating: 0)
      for c in series { sum = (sum + c) * t }
      result.replace(with: sum, where: near)
    }
    return result.replacing(with: one, where: x .== V(repeating: .infinity))
      .replacing(with: 0, where: x .< V(repeating: -745))
  }
}
