import LayerCore

// GELU over `Float` buffers on eight lanes at a time through `Double`, rounded once. With
// z = |x| / √2 and t = 1 / (1 + z / 2), erfc z = t · exp(-z² + g(t)), where g is a degree-17
// polynomial fit in t over z in [0, 13] (fitted here against libm's erfc: relative error of
// erfc below 3e-13; beyond z = 13 the `Float` results are 0 or x, and t is clamped to the fit's
// interval). Then Φ(x) = 1 - erfc(z) / 2 for x ≥ 0 and erfc(z) / 2 below, f = x Φ(x) and
// f' = Φ(x) + x φ(x), φ from `FloatThroughDouble.expNonPositive(-x² / 2)` (x² is exact for a
// widened `Float`); near the root of f' (|x - x₀| < 0.5) the scalar function's series, 15
// terms. For |x| ≥ 64, the scalar function's limits: x or 0, and 1 or 0.

extension GELU {
  /// f over `Float`, eight lanes at a time through `Double`.
  @inlinable
  public func values(
    _ x: UnsafeBufferPointer<Float>, into values: UnsafeMutableBufferPointer<Float>
  ) {
    let series = Self.laneSeries
    lanewise(
      x, values: values, derivatives: nil,
      lanes: { Self.floatLanes($0, series: series, slope: false).0 },
      { Self.floatLanes($0, series: series, slope: true).1 })
  }

  /// f' over `Float`, eight lanes at a time through `Double`.
  @inlinable
  public func derivatives(
    _ x: UnsafeBufferPointer<Float>, into derivatives: UnsafeMutableBufferPointer<Float>
  ) {
    let series = Self.laneSeries
    lanewise(
      x, values: nil, derivatives: derivatives,
      lanes: { Self.floatLanes($0, series: series, slope: false).0 },
      { Self.floatLanes($0, series: series, slope: true).1 })
  }

  /// f and f' over `Float`, eight lanes at a time through `Double`, sharing Φ.
  @inlinable
  public func valuesAndDerivatives(
    _ x: UnsafeBufferPointer<Float>, values: UnsafeMutableBufferPointer<Float>,
    derivatives: UnsafeMutableBufferPointer<Float>
  ) {
    let series = Self.laneSeries
    lanewise(x, values: values, derivatives: derivatives) { (v: SIMD8<Float>) in
      Self.floatLanes(v, series: series, slope: true)
    }
  }

  /// The first 15 root-series coefficients (truncation below 2e-12 relative for
  /// |x - x₀| < 0.5), highest degree first, as vectors.
  @inlinable
  static var laneSeries: [SIMD8<Double>] {
    rootCoefficients[0..<15].reversed().map { SIMD8<Double>(repeating: $0) }
  }

  /// g(t) of erfc z = t exp(-z² + g(t)) as a polynomial of degree 17 in u = (2t - (a + 1)) /
  /// (1 - a), a = 1 / 7.5 (z = 13), lowest degree first: numpy's least-squares `chebfit` on
  /// 40,001 points of log(erfc z / t) + z² from Python's `math.erfc`, converted from the
  /// Chebyshev basis (`cheb2poly`; the two agree to 5e-16 on [-1, 1]).
  @inlinable
  static func erfcExponent(_ u: SIMD8<Double>) -> SIMD8<Double> {
    typealias V = SIMD8<Double>
    var p = u * V(repeating: -1.3125301812841885e-07) + V(repeating: 2.086901423537885e-07)
    p = p * u + V(repeating: 9.314601513701786e-07)
    p = p * u + V(repeating: -2.431257958326077e-06)
    p = p * u + V(repeating: -2.127529491266954e-06)
    p = p * u + V(repeating: 1.4777790442584324e-05)
    p = p * u + V(repeating: -8.611740716859898e-06)
    p = p * u + V(repeating: -6.058880548497231e-05)
    p = p * u + V(repeating: 0.00011598347094300668)
    p = p * u + V(repeating: 0.00016914786498968402)
    p = p * u + V(repeating: -0.0007759784596737939)
    p = p * u + V(repeating: -0.00016033497843029836)
    p = p * u + V(repeating: 0.0045776702593248965)
    p = p * u + V(repeating: -0.0020957549826166903)
    p = p * u + V(repeating: -0.032896261845787644)
    p = p * u + V(repeating: 0.020841393194679068)
    p = p * u + V(repeating: 0.5916626704143817)
    p = p * u + V(repeating: -0.5813805622919048)
    return p
  }

  /// f and f' (f' only when `slope`) on eight `Float` lanes through `Double`.
  @inlinable
  static func floatLanes(
    _ x: SIMD8<Float>, series: [SIMD8<Double>], slope: Bool
  ) -> (SIMD8<Float>, SIMD8<Float>) {
    typealias V = SIMD8<Double>
    let wide = FloatThroughDouble.widen(x)
    let (one, half, zero) = (V(repeating: 1), V(repeating: 0.5), V(repeating: 0))
    let z = wide.replacing(with: -wide, where: wide .< zero) * V(repeating: 0.7071067811865476)
    let t = one / (one + half * z)
    let low = 1 / 7.5
    var u = (V(repeating: 2) * t - V(repeating: 1 + low)) * V(repeating: 1 / (1 - low))
    u.replace(with: -one, where: u .< -one)
    let erfc = t * FloatThroughDouble.expNonPositive(erfcExponent(u) - z * z)
    let positive = wide .>= zero
    let phi = (half * erfc).replacing(with: one - half * erfc, where: positive)
    let large = (wide .>= V(repeating: 64)) .| (wide .<= V(repeating: -64))
    let value = (wide * phi).replacing(
      with: zero.replacing(with: wide, where: positive), where: large)
    guard slope else { return (FloatThroughDouble.narrow(value), SIMD8<Float>()) }
    let density =
      FloatThroughDouble.expNonPositive(-half * wide * wide) * V(repeating: 0.3989422804014327)
    var derivative = phi + wide * density
    let offset = (wide - V(repeating: rootHead)) - V(repeating: rootTail)
    let near = (offset .< V(repeating: rootRadius)) .& (offset .> V(repeating: -rootRadius))
    if any(near) {
      var sum = zero
      for c in series { sum = (sum + c) * offset }
      derivative.replace(with: sum, where: near)
    }
    derivative.replace(with: zero.replacing(with: one, where: positive), where: large)
    return (FloatThroughDouble.narrow(value), FloatThroughDouble.narrow(derivative))
  }
}
