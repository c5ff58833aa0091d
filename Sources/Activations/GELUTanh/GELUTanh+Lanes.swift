import LayerCore

// GELUTanh over `Float` buffers on eight lanes at a time through `Double`, rounded once:
// v = a x + b x³ (a = 2√(2/π), b = 0.044715 a; x³ is exact for a widened `Float`, so v carries
// only rounding error, far below a `Float` ULP of the result), e = e^-|v| from
// `FloatThroughDouble.expNonPositive`, σ(v) and σ(-v) as 1 / (1 + e) and e / (1 + e), then
// f = x σ(v) and f' = σ(v) + x σ(v) σ(-v) v', v' = a + 3b x², as the scalar function writes
// them; near the root of f' (|x - x₀| < 0.9) the scalar function's series, 25 terms. For
// |x| ≥ 64, the scalar function's limits: x or 0, and 1 or 0.

extension GELUTanh {
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

  /// f and f' over `Float`, eight lanes at a time through `Double`, sharing σ(v).
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

  /// The first 25 root-series coefficients (truncation below 7e-12 relative for
  /// |x - x₀| < 0.9), highest degree first, as vectors.
  @inlinable
  static var laneSeries: [SIMD8<Double>] {
    rootCoefficients[0..<25].reversed().map { SIMD8<Double>(repeating: $0) }
  }

  /// f and f' (f' only when `slope`) on eight `Float` lanes through `Double`.
  @inlinable
  static func floatLanes(_ x: SIMD8<Float>, series: [SIMD8<Double>], slope: Bool) -> (
    SIMD8<Float>, SIMD8<Float>
  ) {
    typealias V = SIMD8<Double>
    let wide = FloatThroughDouble.widen(x)
    let (one, zero) = (V(repeating: 1), V(repeating: 0))
    let a = V(repeating: 1.595_769_121_605_730_8)
    let b = V(repeating: 0.071_354_816_272_600_25)
    let square = wide * wide
    let v = a * wide + b * (square * wide)
    let e = FloatThroughDouble.expNonPositive(v.replacing(with: -v, where: v .> zero))
    let d = one + e
    let nonNegative = v .>= zero
    let positive = (e / d).replacing(with: one / d, where: nonNegative)
    let negative = (one / d).replacing(with: e / d, where: nonNegative)
    let large = (wide .>= V(repeating: 64)) .| (wide .<= V(repeating: -64))
    let positiveX = wide .> zero
    let value = (wide * positive).replacing(
      with: zero.replacing(with: wide, where: positiveX), where: large)
    guard slope else { return (FloatThroughDouble.narrow(value), SIMD8<Float>()) }
    let vPrime = a + V(repeating: 0.214_064_448_817_800_73) * square
    var derivative = positive + wide * positive * negative * vPrime
    let offset = (wide - V(repeating: rootHead)) - V(repeating: rootTail)
    let near = (offset .< V(repeating: rootRadius)) .& (offset .> V(repeating: -rootRadius))
    if any(near) {
      var sum = zero
      for c in series { sum = (sum + c) * offset }
      derivative.replace(with: sum, where: near)
    }
    derivative.replace(with: zero.replacing(with: one, where: positiveX), where: large)
    return (FloatThroughDouble.narrow(value), FloatThroughDouble.narrow(derivative))
  }
}
