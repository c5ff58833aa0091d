import LayerCore

// CELU over `Float` buffers on eight lanes at a time, computed in `Double` through
// `FloatThroughDouble.exponentialUnit` and rounded once: within 1 ULP of the correctly rounded
// result (the tests compare with the `Double` scalar function rounded to `Float`), where the
// scalar `Float` functions call libm one element at a time.

extension CELU {
  /// f over `Float`, eight lanes at a time through `Double`.
  @inlinable
  public func values(
    _ x: UnsafeBufferPointer<Float>, into values: UnsafeMutableBufferPointer<Float>
  ) {
    lanewise(x, values: values, derivatives: nil, lanes: { pairLanes($0).0 }, { pairLanes($0).1 })
  }

  /// f' over `Float`, eight lanes at a time through `Double`.
  @inlinable
  public func derivatives(
    _ x: UnsafeBufferPointer<Float>, into derivatives: UnsafeMutableBufferPointer<Float>
  ) {
    lanewise(
      x, values: nil, derivatives: derivatives, lanes: { pairLanes($0).0 }, { pairLanes($0).1 })
  }

  /// f and f' over `Float`, eight lanes at a time through `Double`, one exponential for both.
  @inlinable
  public func valuesAndDerivatives(
    _ x: UnsafeBufferPointer<Float>, values: UnsafeMutableBufferPointer<Float>,
    derivatives: UnsafeMutableBufferPointer<Float>
  ) { lanewise(x, values: values, derivatives: derivatives, pairs: pairLanes) }

  /// f and f' on eight lanes.
  @inlinable @inline(__always)
  func pairLanes(_ x: SIMD8<Float>) -> (SIMD8<Float>, SIMD8<Float>) {
    FloatThroughDouble.exponentialUnit(
      x, slope: 1, scale: alpha, divisor: alpha, derivativeScale: 1)
  }
}
