import LayerCore

// Tanhshrink over `Float` buffers on eight lanes at a time through `Double`, rounded once. For
// |x| < 1, the scalar function's continued fraction q = x² / (3 + x² / (5 + …)), truncated
// after 13 (the dropped tail changes f by less than 1e-11 relative there), is evaluated
// forwards as its convergent A / B (A_n = (2n + 1) A_(n-1) + x² A_(n-2), the same for B, from
// A = 0, 1 and B = 1, 0): every term is positive, nothing cancels, and the divisions become
// one. Then f = x A / (A + B) and f' = (x B / (A + B))². For |x| ≥ 1, f = x - tanh x (which
// loses under 2 bits of `Double` there, far below a `Float` ULP) and f' = tanh² x, with
// tanh |x| = (1 - e) / (1 + e), e = e^-2|x| from `FloatThroughDouble.expNonPositive`.

extension Tanhshrink {
  /// f over `Float`, eight lanes at a time through `Double`.
  @inlinable
  public func values(
    _ x: UnsafeBufferPointer<Float>, into values: UnsafeMutableBufferPointer<Float>
  ) {
    lanewise(
      x, values: values, derivatives: nil, lanes: { Self.floatLanes($0).0 },
      { Self.floatLanes($0).1 })
  }

  /// f' over `Float`, eight lanes at a time through `Double`.
  @inlinable
  public func derivatives(
    _ x: UnsafeBufferPointer<Float>, into derivatives: UnsafeMutableBufferPointer<Float>
  ) {
    lanewise(
      x, values: nil, derivatives: derivatives, lanes: { Self.floatLanes($0).0 },
      { Self.floatLanes($0).1 })
  }

  /// f and f' over `Float`, eight lanes at a time through `Double`.
  @inlinable
  public func valuesAndDerivatives(
    _ x: UnsafeBufferPointer<Float>, values: UnsafeMutableBufferPointer<Float>,
    derivatives: UnsafeMutableBufferPointer<Float>
  ) { lanewise(x, values: values, derivatives: derivatives, pairs: Self.floatLanes) }

  /// f and f' on eight `Float` lanes through `Double`.
  @inlinable
  static func floatLanes(_ x: SIMD8<Float>) -> (SIMD8<Float>, SIMD8<Float>) {
    typealias V = SIMD8<Double>
    let wide = FloatThroughDouble.widen(x)
    let magnitude = wide.replacing(with: -wide, where: wide .< V(repeating: 0))
    let e = FloatThroughDouble.expNonPositive(V(repeating: -2) * magnitude)
    let one = V(repeating: 1)
    let (value, slope) = lanes(wide, magnitude: magnitude, tanhMagnitude: (one - e) / (one + e))
    return (FloatThroughDouble.narrow(value), FloatThroughDouble.narrow(slope))
  }

  /// f and f' on eight lanes, given |x| and tanh |x| (used where |x| ≥ 1 or not finite).
  @inlinable
  static func lanes(
    _ x: SIMD8<Double>, magnitude: SIMD8<Double>, tanhMagnitude: SIMD8<Double>
  ) -> (SIMD8<Double>, SIMD8<Double>) {
    typealias V = SIMD8<Double>
    let square = x * x
    var (a, aBefore) = (V(repeating: 0), V(repeating: 1))
    var (b, bBefore) = (V(repeating: 1), V(repeating: 0))
    for k in stride(from: 3, through: 13, by: 2) {
      let odd = V(repeating: Double(k))
      (a, aBefore) = (odd * a + square * aBefore, a)
      (b, bBefore) = (odd * b + square * bBefore, b)
    }
    let sum = a + b
    let tanhSmall = x * b / sum
    let small = magnitude .< V(repeating: 1)
    let tanh = tanhMagnitude.replacing(with: -tanhMagnitude, where: x .< V(repeating: 0))
    let value = (x - tanh).replacing(with: x * a / sum, where: small)
    let slope = (tanh * tanh).replacing(with: tanhSmall * tanhSmall, where: small)
    return (value, slope)
  }
}
