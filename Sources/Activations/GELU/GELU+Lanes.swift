import LayerCore

// GELU over `Float` buffers on eight lanes at a time through `Double`, rounded once. With
// z = |x| / √2 and t = 1 / (1 + z / 2), erfc z = t · exp(-z² + g(t)), where g is a degree-17
// Chebyshev fit in t over z in [0, 13] (fitted here against libm's erfc: relative error of
// erfc below 3e-13; beyond z = 13 the `Float` results are 0 or x, and t is clamped to the fit's
// interval). Then Φ(x) = 1 - erfc(z) / 2 for x ≥ 0 and erfc(z) / 2 below, f = x Φ(x) and
// f' = Φ(x) + x φ(x), φ from `FloatThroughDouble.expNonPositive(-x² / 2)` (x² is exact for a
// widened `Float`); near the root of f' (|x - x₀| < 0.5) the scalar function's series. For
// |x| ≥ 64, the scalar function's limits: x or 0, and 1 or 0.

extension GELU {
  /// f over `Float`, eight lanes at a time through `Double`.
  @inlinable
  public func values(
    _ x: UnsafeBufferPointer<Float>, into values: UnsafeMutableBufferPointer<Float>
  ) {
    let (chebyshev, series) = Self.laneCoefficients
    lanewise(
      x, values: values, derivatives: nil,
      lanes: { Self.floatLanes($0, chebyshev: chebyshev, series: series, slope: false).0 },
      { Self.floatLanes($0, chebyshev: chebyshev, series: series, slope: true).1 })
  }

  /// f' over `Float`, eight lanes at a time through `Double`.
  @inlinable
  public func derivatives(
    _ x: UnsafeBufferPointer<Float>, into derivatives: UnsafeMutableBufferPointer<Float>
  ) {
    let (chebyshev, series) = Self.laneCoefficients
    lanewise(
      x, values: nil, derivatives: derivatives,
      lanes: { Self.floatLanes($0, chebyshev: chebyshev, series: series, slope: false).0 },
      { Self.floatLanes($0, chebyshev: chebyshev, series: series, slope: true).1 })
  }

  /// f and f' over `Float`, eight lanes at a time through `Double`, sharing Φ.
  @inlinable
  public func valuesAndDerivatives(
    _ x: UnsafeBufferPointer<Float>, values: UnsafeMutableBufferPointer<Float>,
    derivatives: UnsafeMutableBufferPointer<Float>
  ) {
    let (chebyshev, series) = Self.laneCoefficients
    lanewise(x, values: values, derivatives: derivatives) { (v: SIMD8<Float>) in
      Self.floatLanes(v, chebyshev: chebyshev, series: series, slope: true)
    }
  }

  /// The Chebyshev coefficients of g, highest degree first, and the root series, highest
  /// degree first, as vectors.
  @inlinable
  static var laneCoefficients: ([SIMD8<Double>], [SIMD8<Double>]) {
    (
      erfcChebyshev.reversed().map { SIMD8<Double>(repeating: $0) },
      rootCoefficients.reversed().map { SIMD8<Double>(repeating: $0) }
    )
  }

  /// g(t) of erfc z = t exp(-z² + g(t)) as c₀ + c₁ T₁(u) + … + c₁₇ T₁₇(u), u = (2t - (a + 1)) /
  /// (1 - a), a = 1 / 7.5 (z = 13): numpy's least-squares `chebfit` on 40,001 points of
  /// log(erfc z / t) + z² from Python's `math.erfc`.
  @usableFromInline static let erfcChebyshev: [Double] = [
    -0.5717616722884755, 0.569479780797164, 0.00935170986174427, -0.007013302524349489,
    -0.0002662029684117824, 0.00021592884588774927, 1.5542808173854865e-06,
    -8.593007647374869e-06, 5.178915132478942e-07, 3.4113802465800894e-07,
    -5.518979501875636e-08, -1.0554753552465969e-08, 3.824982253953353e-09,
    6.098521051749361e-11, -1.9488493516979055e-10, 2.280485988308093e-11,
    6.368717723199112e-12, -2.002762117438032e-12,
  ]

  /// f and f' (f' only when `slope`) on eight `Float` lanes through `Double`.
  @inlinable
  static func floatLanes(
    _ x: SIMD8<Float>, chebyshev: [SIMD8<Double>], series: [SIMD8<Double>], slope: Bool
  ) -> (SIMD8<Float>, SIMD8<Float>) {
    typealias V = SIMD8<Double>
    let wide = FloatThroughDouble.widen(x)
    let (one, half, zero) = (V(repeating: 1), V(repeating: 0.5), V(repeating: 0))
    let z = wide.replacing(with: -wide, where: wide .< zero) * V(repeating: 0.7071067811865476)
    let t = one / (one + half * z)
    let low = 1 / 7.5
    var u = (V(repeating: 2) * t - V(repeating: 1 + low)) * V(repeating: 1 / (1 - low))
    u.replace(with: -one, where: u .< -one)
    // Clenshaw: b_k = 2u b_(k+1) - b_(k+2) + c_k, g = u b₁ - b₂ + c₀.
    var (b1, b2) = (zero, zero)
    for c in chebyshev.dropLast() { (b1, b2) = (V(repeating: 2) * u * b1 - b2 + c, b1) }
    let g = u * b1 - b2 + V(repeating: erfcChebyshev[0])
    let erfc = t * FloatThroughDouble.expNonPositive(g - z * z)
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
