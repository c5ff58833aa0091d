import LayerCore

// CELU over `Double` buffers on eight lanes at a time through `DoubleLanes.exponentials` (one
// range reduction for e^t - 1 and e^t, t = x / α divided as the scalar function divides), where
// the scalar functions call libm one element at a time. The tests hold them to the `Double`
// targets against the scalar function evaluated in `Float80`.

extension CELU {
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

  /// f and f' on eight lanes: x and 1 for x > 0, α (e^(x/α) - 1) and e^(x/α) elsewhere.
  @inlinable @inline(__always)
  func pairLanes(_ x: SIMD8<Double>) -> (SIMD8<Double>, SIMD8<Double>) {
    typealias V = SIMD8<Double>
    let t = x.replacing(with: 0, where: x .> V(repeating: 0)) / V(repeating: alpha)
    return DoubleLanes.eluFamily(
      x, exponent: t, positiveScale: 1, valueScale: alpha, slopeScale: 1)
  }
}
