import LayerCore

// Tanhshrink over `Float` buffers on eight lanes at a time through `Double`, rounded once
// (within 1 ULP of the `Double` function rounded to `Float`). The stable form is shared with
// the `Double` lanes (`parts`): near 0, where x - tanh x ≈ x³/3 cancels, an odd polynomial,
// x - tanh x = x³ P(x²) for |x| < 1, P fitted in relative error (Scripts/tanhshrink_polynomial.py;
// here degree 9, 4e-11 relative). For |x| ≥ 1, x - tanh x = (|x| - 1) + r with
// r = 1 - tanh |x| = 2e / (1 + e), e = e^-2|x|: both terms are non-negative, so nothing
// cancels (|x| - 1 is exact up to 2), and f' = tanh² x = (1 - r)².

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
  @inlinable @inline(__always)
  static func floatLanes(_ x: SIMD8<Float>) -> (SIMD8<Float>, SIMD8<Float>) {
    typealias V = SIMD8<Double>
    let wide = FloatThroughDouble.widen(x)
    let magnitude = Self.magnitude(wide)
    let s = wide * wide
    var p = s * V(repeating: -1.6335855680679818e-05) + V(repeating: 1.2232257875297072e-04)
    p = p * s + V(repeating: -4.769073060245553e-04)
    p = p * s + V(repeating: 1.383785042952e-03)
    p = p * s + V(repeating: -3.562440435449961e-03)
    p = p * s + V(repeating: 8.85559004363359e-03)
    p = p * s + V(repeating: -2.1868337515669294e-02)
    p = p * s + V(repeating: 5.396816478557885e-02)
    p = p * s + V(repeating: -1.3333333062173158e-01)
    p = p * s + V(repeating: 3.333333333195698e-01)
    let e = FloatThroughDouble.expNonPositive(V(repeating: -2) * magnitude)
    let (value, slope) = parts(wide, magnitude: magnitude, square: s, polynomial: p, e: e)
    return (FloatThroughDouble.narrow(value), FloatThroughDouble.narrow(slope))
  }

  /// f and f' on eight lanes from |x|, s = x², P(s) and e = e^-2|x|: x s P(s) and its tanh
  /// x - x s P(s) where |x| < 1, (|x| - 1) + r with the sign of x and (1 - r)² beyond, r = 2e /
  /// (1 + e) with the rounding error of d = 1 + e taken out (Fast2Sum, 1 / d ≈ 1.5 - d / 2).
  /// NaN gives NaN, ±∞ gives ±∞ and 1.
  @inlinable @inline(__always)
  static func parts(
    _ x: SIMD8<Double>, magnitude: SIMD8<Double>, square s: SIMD8<Double>,
    polynomial p: SIMD8<Double>, e: SIMD8<Double>
  ) -> (SIMD8<Double>, SIMD8<Double>) {
    typealias V = SIMD8<Double>
    let one = V(repeating: 1)
    let small = x * (s * p)
    let d = one + e
    let q = (e + e) / d
    let r = q - q * (((one - d) + e) * (V(repeating: 1.5) - V(repeating: 0.5) * d))
    let isSmall = magnitude .< one
    let value = signed((magnitude - one) + r, like: x).replacing(with: small, where: isSmall)
    let tanh = (one - r).replacing(with: x - small, where: isSmall)
    return (value, tanh * tanh)
  }

  /// |x|, by clearing the sign bit.
  @inlinable @inline(__always)
  static func magnitude(_ x: SIMD8<Double>) -> SIMD8<Double> {
    let bits = unsafeBitCast(x, to: SIMD8<UInt64>.self) & SIMD8<UInt64>(repeating: ~(1 << 63))
    return unsafeBitCast(bits, to: SIMD8<Double>.self)
  }

  /// t ≥ 0 with the sign bit of x.
  @inlinable @inline(__always)
  static func signed(_ t: SIMD8<Double>, like x: SIMD8<Double>) -> SIMD8<Double> {
    typealias U = SIMD8<UInt64>
    let sign = unsafeBitCast(x, to: U.self) & U(repeating: 1 << 63)
    return unsafeBitCast(unsafeBitCast(t, to: U.self) | sign, to: SIMD8<Double>.self)
  }
}
