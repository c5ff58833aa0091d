import LayerCore

// SiLU over `Float` buffers on sixteen lanes at a time through `FloatLanes.exp`: x / (1 + e)
// for x ≥ 0 and x e / (1 + e) below, e = e^-|x|, within 3 ULP of the `Double` scalar function
// rounded to `Float` (the tests check this). Below x = -80, e^x nears the subnormal range, where
// its absolute rounding error, multiplied by |x|, would cost many ULP: a vector holding such a
// lane (rare; never in the benchmark's [-10, 10]; -∞ too) goes through the scalar function.
// f' keeps the scalar loop: near its root at x ≈ -1.278 only the root series is accurate.

extension SiLU {
  /// SiLU over `Float`, sixteen lanes at a time.
  @inlinable
  public func values(
    _ x: UnsafeBufferPointer<Float>, into values: UnsafeMutableBufferPointer<Float>
  ) { lanewise(x, values: values, derivatives: nil, lanes: valueLanes, valueLanes) }

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
}
