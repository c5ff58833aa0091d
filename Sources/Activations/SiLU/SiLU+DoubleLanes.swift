import LayerCore

// SiLU over `Double` buffers on eight lanes at a time through `DoubleLanes.exponentials`, the
// scalar function's formulas: f = x σ(x), σ from the shared logistic parts, and f' over
// e = e^-|x|, d = 1 + e as ((1 + e) + x e) / d² for x ≥ 0 and e ((1 + x) + e) / d² below, the
// root series (all 31 terms) for |x - x₀| < 0.75. Below x = -700, where e^x nears the subnormal
// range, a vector holding such a lane goes through the scalar functions.

extension SiLU {
  /// SiLU over `Double`, eight lanes at a time.
  @inlinable
  public func values(
    _ x: UnsafeBufferPointer<Double>, into values: UnsafeMutableBufferPointer<Double>
  ) {
    lanewise(x, values: values, derivatives: nil, lanes: valueLanes, valueLanes)
  }

  /// SiLU' over `Double`, eight lanes at a time.
  @inlinable
  public func derivatives(
    _ x: UnsafeBufferPointer<Double>, into derivatives: UnsafeMutableBufferPointer<Double>
  ) {
    let series = Self.rootCoefficients.reversed().map { SIMD8<Double>(repeating: $0) }
    lanewise(
      x, values: nil, derivatives: derivatives, lanes: valueLanes,
      { derivativeLanes($0, series: series) })
  }

  /// SiLU and SiLU' over `Double`, eight lanes at a time.
  @inlinable
  public func valuesAndDerivatives(
    _ x: UnsafeBufferPointer<Double>, values: UnsafeMutableBufferPointer<Double>,
    derivatives: UnsafeMutableBufferPointer<Double>
  ) {
    let series = Self.rootCoefficients.reversed().map { SIMD8<Double>(repeating: $0) }
    lanewise(
      x, values: values, derivatives: derivatives, lanes: valueLanes,
      { derivativeLanes($0, series: series) })
  }

  /// SiLU on eight lanes.
  @inlinable @inline(__always)
  func valueLanes(_ x: SIMD8<Double>) -> SIMD8<Double> {
    let (e, d, error) = DoubleLanes.logisticParts(x)
    var result = x * DoubleLanes.logistic(x, e: e, d: d, error: error)
    if any(x .< SIMD8<Double>(repeating: -700)) {
      for j in 0..<8 where x[j] < -700 { result[j] = value(at: x[j]) }
    }
    return result
  }

  /// SiLU' on eight lanes; `series` holds the root-series coefficients, highest degree first.
  @inlinable @inline(__always)
  func derivativeLanes(_ x: SIMD8<Double>, series: [SIMD8<Double>]) -> SIMD8<Double> {
    typealias V = SIMD8<Double>
    let one = V(repeating: 1)
    let (e, d, _) = DoubleLanes.logisticParts(x)
    let negative = x .< V(repeating: 0)
    let numerator = ((one + e) + x * e).replacing(with: e * ((one + x) + e), where: negative)
    var result = (numerator / (d * d)).replacing(with: one, where: x .== V(repeating: .infinity))
    let t = (x - V(repeating: Self.rootHead)) - V(repeating: Self.rootTail)
    let radius = V(repeating: Self.rootRadius)
    let near = (t .< radius) .& (t .> -radius)
    if any(near) {
      var sum = V(repeating: 0)
      for c in series { sum = (sum + c) * t }
      result.replace(with: sum, where: near)
    }
    if any(x .< V(repeating: -700)) {
      for j in 0..<8 where x[j] < -700 { result[j] = derivative(at: x[j]) }
    }
    return result
  }
}
