import LayerCore

// Mish over `Double` buffers: f on eight lanes at a time, e = e^-|x| from
// `DoubleLanes.exponentials`, then the lane form of Mish+Lanes.swift. Below x = -700, where e^x
// nears the subnormal range (and f ≈ x e^x would lose its relative accuracy), a vector holding
// such a lane goes through the scalar function. f' keeps the scalar loop: its lanes measured up
// to 3 ULP from the `Float80` function, the scalar `Double` f' up to 2 the other way
// (x = -2.3987290660688076), beyond the 3 ULP the batched tests allow between them.

extension Mish {
  /// f over `Double`, eight lanes at a time.
  @inlinable
  public func values(
    _ x: UnsafeBufferPointer<Double>, into values: UnsafeMutableBufferPointer<Double>
  ) {
    lanewise(x, values: values, derivatives: nil, lanes: doubleValueLanes, doubleValueLanes)
  }

  /// f on eight lanes, then f' element by element.
  @inlinable
  public func valuesAndDerivatives(
    _ x: UnsafeBufferPointer<Double>, values: UnsafeMutableBufferPointer<Double>,
    derivatives: UnsafeMutableBufferPointer<Double>
  ) {
    loopDerivatives(x, into: derivatives)
    self.values(x, into: values)
  }

  /// f on eight lanes.
  @inlinable
  func doubleValueLanes(_ x: SIMD8<Double>) -> SIMD8<Double> {
    let e = DoubleLanes.exponentials(x.replacing(with: -x, where: x .> SIMD8<Double>(repeating: 0)))
      .exp
    var result = Self.valueLanes(x, e: e)
    if any(x .< SIMD8<Double>(repeating: -700)) {
      for j in 0..<8 where x[j] < -700 { result[j] = value(at: x[j]) }
    }
    return result
  }
}
