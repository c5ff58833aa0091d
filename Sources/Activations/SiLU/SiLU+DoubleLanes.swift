import LayerCore

// SiLU over `Double` buffers: f = x σ(x) on eight lanes at a time, σ from the shared logistic
// parts (`DoubleLanes.logisticParts`, `DoubleLanes.logistic`). Below x = -700, where e^x nears
// the subnormal range, a vector holding such a lane goes through the scalar function. f' keeps
// the scalar loop: lanes for it measured 1 to 2 ULP from the `Float80` function, but the scalar
// `Double` f' is itself up to 3 ULP off (x = -6: -0.012326432591525518 against
// -0.012326432591525513), so lanes and scalar function drift 4 ULP apart, beyond the 3 the
// batched tests allow.

extension SiLU {
  /// SiLU over `Double`, eight lanes at a time.
  @inlinable
  public func values(
    _ x: UnsafeBufferPointer<Double>, into values: UnsafeMutableBufferPointer<Double>
  ) {
    lanewise(x, values: values, derivatives: nil, lanes: valueLanes, valueLanes)
  }

  /// SiLU on eight lanes, then SiLU' element by element.
  @inlinable
  public func valuesAndDerivatives(
    _ x: UnsafeBufferPointer<Double>, values: UnsafeMutableBufferPointer<Double>,
    derivatives: UnsafeMutableBufferPointer<Double>
  ) {
    loopDerivatives(x, into: derivatives)
    self.values(x, into: values)
  }

  /// SiLU on eight lanes.
  @inlinable
  func valueLanes(_ x: SIMD8<Double>) -> SIMD8<Double> {
    let (e, d, error) = DoubleLanes.logisticParts(x)
    var result = x * DoubleLanes.logistic(x, e: e, d: d, error: error)
    if any(x .< SIMD8<Double>(repeating: -700)) {
      for j in 0..<8 where x[j] < -700 { result[j] = value(at: x[j]) }
    }
    return result
  }
}
