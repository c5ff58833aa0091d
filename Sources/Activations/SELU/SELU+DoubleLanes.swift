import LayerCore

// SELU over `Double` buffers on eight lanes at a time through `DoubleLanes.exponentials` (one
// range reduction for e^x - 1 and e^x), the same formulas as the `Float` lanes
// (SELU+Lanes.swift), where the scalar functions call libm one element at a time. The tests
// hold them to 2 ULP of the scalar function evaluated in `Float80`.

extension SELU {
  /// f over `Double`, eight lanes at a time.
  @inlinable
  public func values(
    _ x: UnsafeBufferPointer<Double>, into values: UnsafeMutableBufferPointer<Double>
  ) {
    lanewise(x, values: values, derivatives: nil, lanes: { pairLanes($0).0 }, { pairLanes($0).1 })
  }

  /// f' over `Double`, eight lanes at a time.
  @inlinable
  public func derivatives(
    _ x: UnsafeBufferPointer<Double>, into derivatives: UnsafeMutableBufferPointer<Double>
  ) {
    lanewise(
      x, values: nil, derivatives: derivatives, lanes: { pairLanes($0).0 }, { pairLanes($0).1 })
  }

  /// f and f' over `Double`, eight lanes at a time, one exponential for both.
  @inlinable
  public func valuesAndDerivatives(
    _ x: UnsafeBufferPointer<Double>, values: UnsafeMutableBufferPointer<Double>,
    derivatives: UnsafeMutableBufferPointer<Double>
  ) { lanewise(x, values: values, derivatives: derivatives, pairs: pairLanes) }

  /// f and f' on eight lanes: λx and λ for x > 0, λα (e^x - 1) and λα e^x elsewhere.
  @inlinable @inline(__always)
  func pairLanes(_ x: SIMD8<Double>) -> (SIMD8<Double>, SIMD8<Double>) {
    let t = x.replacing(with: 0, where: x .> SIMD8<Double>(repeating: 0))
    return DoubleLanes.eluFamily(
      x, exponent: t, positiveScale: Self.scale, valueScale: Self.scaledAlpha,
      slopeScale: Self.scaledAlpha)
  }
}
