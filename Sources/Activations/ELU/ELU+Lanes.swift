import LayerCore

// ELU over `Float` buffers on sixteen lanes at a time, computed in `Float` through
// `FloatLanes.exponentials` (one range reduction for e^x - 1 and e^x): within 2 ULP of the
// `Double` scalar function rounded to `Float` (1 for the expm1, half for the product, half
// for α rounded to `Float`; the tests check this), where the scalar `Float` functions call libm
// one element at a time.

extension ELU {
  /// f over `Float`, sixteen lanes at a time.
  @inlinable
  public func values(
    _ x: UnsafeBufferPointer<Float>, into values: UnsafeMutableBufferPointer<Float>
  ) {
    lanewise(x, values: values, derivatives: nil, lanes: { pairLanes($0).0 }, { pairLanes($0).1 })
  }

  /// f' over `Float`, sixteen lanes at a time.
  @inlinable
  public func derivatives(
    _ x: UnsafeBufferPointer<Float>, into derivatives: UnsafeMutableBufferPointer<Float>
  ) {
    lanewise(
      x, values: nil, derivatives: derivatives, lanes: { pairLanes($0).0 }, { pairLanes($0).1 })
  }

  /// f and f' over `Float`, sixteen lanes at a time, one exponential for both.
  @inlinable
  public func valuesAndDerivatives(
    _ x: UnsafeBufferPointer<Float>, values: UnsafeMutableBufferPointer<Float>,
    derivatives: UnsafeMutableBufferPointer<Float>
  ) { lanewise(x, values: values, derivatives: derivatives, pairs: pairLanes) }

  /// f and f' on sixteen lanes: x and 1 for x > 0, α (e^x - 1) and α e^x elsewhere.
  @inlinable @inline(__always)
  func pairLanes(_ x: SIMD16<Float>) -> (SIMD16<Float>, SIMD16<Float>) {
    let t = x.replacing(with: 0, where: x .> SIMD16<Float>(repeating: 0))
    let a = Float(alpha)
    return FloatLanes.eluFamily(x, exponent: t, positiveScale: 1, valueScale: a, slopeScale: a)
  }
}
