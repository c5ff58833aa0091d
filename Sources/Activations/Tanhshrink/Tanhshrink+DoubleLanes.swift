import LayerCore

// Tanhshrink over `Double` buffers on eight lanes at a time, the stable form of
// Tanhshrink+Lanes.swift (`parts`) with `DoubleLanes.exponentials` and P of degree 15
// (5.6e-17 relative, Scripts/tanhshrink_polynomial.py 15), where the scalar function runs a
// continued fraction or libm's tanh one element at a time. `DoubleLanesTests` holds it to the
// `Double` targets against the scalar function in `Float80`.

extension Tanhshrink {
  /// f over `Double`, eight lanes at a time.
  @inlinable
  public func values(
    _ x: UnsafeBufferPointer<Double>, into values: UnsafeMutableBufferPointer<Double>
  ) {
    lanewise(
      x, values: values, derivatives: nil, lanes: { Self.doubleLanes($0).0 },
      { Self.doubleLanes($0).1 })
  }

  /// f' over `Double`, eight lanes at a time.
  @inlinable
  public func derivatives(
    _ x: UnsafeBufferPointer<Double>, into derivatives: UnsafeMutableBufferPointer<Double>
  ) {
    lanewise(
      x, values: nil, derivatives: derivatives, lanes: { Self.doubleLanes($0).0 },
      { Self.doubleLanes($0).1 })
  }

  /// f and f' over `Double`, eight lanes at a time, one exponential for both.
  @inlinable
  public func valuesAndDerivatives(
    _ x: UnsafeBufferPointer<Double>, values: UnsafeMutableBufferPointer<Double>,
    derivatives: UnsafeMutableBufferPointer<Double>
  ) { lanewise(x, values: values, derivatives: derivatives, pairs: Self.doubleLanes) }

  /// f and f' on eight `Double` lanes.
  @inlinable @inline(__always)
  static func doubleLanes(_ x: SIMD8<Double>) -> (SIMD8<Double>, SIMD8<Double>) {
    typealias V = SIMD8<Double>
    let magnitude = Self.magnitude(x)
    let s = x * x
    var p = s * V(repeating: -2.497927453305886e-08) + V(repeating: 2.619821593701227e-07)
    p = p * s + V(repeating: -1.3746804518325045e-06)
    p = p * s + V(repeating: 4.978671163050156e-06)
    p = p * s + V(repeating: -1.459398510042107e-05)
    p = p * s + V(repeating: 3.837829743250045e-05)
    p = p * s + V(repeating: -9.645525249534735e-05)
    p = p * s + V(repeating: 2.3895344358065731e-04)
    p = p * s + V(repeating: -5.899780518090238e-04)
    p = p * s + V(repeating: 1.4558243895116435e-03)
    p = p * s + V(repeating: -3.5921266288105307e-03)
    p = p * s + V(repeating: 8.863235399058802e-03)
    p = p * s + V(repeating: -2.1869488528765645e-02)
    p = p * s + V(repeating: 5.396825396803382e-02)
    p = p * s + V(repeating: -1.3333333333333072e-01)
    p = p * s + V(repeating: 3.333333333333333e-01)
    let e = DoubleLanes.exponentials(V(repeating: -2) * magnitude).exp
    return parts(x, magnitude: magnitude, square: s, polynomial: p, e: e)
  }
}
