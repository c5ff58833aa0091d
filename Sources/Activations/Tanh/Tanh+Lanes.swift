import LayerCore

// tanh and tanh' over `Float` buffers on sixteen lanes at a time, computed in `Float` through
// `FloatLanes.exponentials`: within 2 ULP of the `Double` scalar function rounded to `Float`
// (the tests check this), where the scalar `Float` functions call libm one element at a time.
// With m = e^-2|x| - 1 from the expm1 branch, tanh |x| = -m / (2 + m) has no cancellation
// near 0 (m ≈ -2|x| there, to its last bit), so no small-argument series is needed. The sign
// is put back last, so tanh(-0) = -0.

extension Tanh {
  /// tanh over `Float`, sixteen lanes at a time.
  @inlinable
  public func values(
    _ x: UnsafeBufferPointer<Float>, into values: UnsafeMutableBufferPointer<Float>
  ) { lanewise(x, values: values, derivatives: nil, lanes: valueLanes, derivativeLanes) }

  /// tanh' over `Float`, sixteen lanes at a time.
  @inlinable
  public func derivatives(
    _ x: UnsafeBufferPointer<Float>, into derivatives: UnsafeMutableBufferPointer<Float>
  ) { lanewise(x, values: nil, derivatives: derivatives, lanes: valueLanes, derivativeLanes) }

  /// tanh and tanh' over `Float`, sixteen lanes at a time.
  @inlinable
  public func valuesAndDerivatives(
    _ x: UnsafeBufferPointer<Float>, values: UnsafeMutableBufferPointer<Float>,
    derivatives: UnsafeMutableBufferPointer<Float>
  ) { lanewise(x, values: values, derivatives: derivatives, pairs: pairLanes) }

  /// tanh on sixteen lanes: -m / (2 + m) with m = e^-2|x| - 1, the sign of x put back.
  @inlinable @inline(__always)
  func valueLanes(_ x: SIMD16<Float>) -> SIMD16<Float> {
    Self.signed(Self.magnitude(FloatLanes.expm1(Self.doubledNegativeMagnitude(x))), like: x)
  }

  /// tanh' = 4e / (1 + e)² on sixteen lanes, e = e^-2|x|.
  @inlinable @inline(__always)
  func derivativeLanes(_ x: SIMD16<Float>) -> SIMD16<Float> {
    Self.slope(FloatLanes.exp(Self.doubledNegativeMagnitude(x)))
  }

  /// tanh and tanh' on sixteen lanes sharing one range reduction.
  @inlinable @inline(__always)
  func pairLanes(_ x: SIMD16<Float>) -> (SIMD16<Float>, SIMD16<Float>) {
    let (e, m) = FloatLanes.exponentials(Self.doubledNegativeMagnitude(x))
    return (Self.signed(Self.magnitude(m), like: x), Self.slope(e))
  }

  /// -m / (2 + m), with the rounding error of s = 2 + m, (2 - s) + m (exact: Fast2Sum, as
  /// 2 ≥ |m|), taken out as a factor 1 - error / s, 1 / s ≈ 1.5 - s / 2 (12% is plenty).
  @inlinable @inline(__always)
  static func magnitude(_ m: SIMD16<Float>) -> SIMD16<Float> {
    typealias V = SIMD16<Float>
    let two = V(repeating: 2)
    let s = two + m
    let q = -m / s
    return q - q * (((two - s) + m) * (V(repeating: 1.5) - V(repeating: 0.5) * s))
  }

  /// 4e / (1 + e)², with the rounding error of d = 1 + e taken out as 1 - 2 error / d,
  /// 2 / d ≈ 3 - d.
  @inlinable @inline(__always)
  static func slope(_ e: SIMD16<Float>) -> SIMD16<Float> {
    typealias V = SIMD16<Float>
    let one = V(repeating: 1)
    let d = one + e
    let q = V(repeating: 4) * e / (d * d)
    return q - q * (((one - d) + e) * (V(repeating: 3) - d))
  }

  /// -2|x|, by setting the sign bit (NaN stays NaN; doubling is exact).
  @inlinable @inline(__always)
  static func doubledNegativeMagnitude(_ x: SIMD16<Float>) -> SIMD16<Float> {
    let bits = unsafeBitCast(x, to: SIMD16<UInt32>.self) | SIMD16<UInt32>(repeating: 0x8000_0000)
    let negative = unsafeBitCast(bits, to: SIMD16<Float>.self)
    return negative + negative
  }

  /// |t| with the sign bit of x, so tanh(-0) = -0.
  @inlinable @inline(__always)
  static func signed(_ t: SIMD16<Float>, like x: SIMD16<Float>) -> SIMD16<Float> {
    typealias U = SIMD16<UInt32>
    let sign = U(repeating: 0x8000_0000)
    let magnitude = unsafeBitCast(t, to: U.self) & ~sign
    return unsafeBitCast(magnitude | (unsafeBitCast(x, to: U.self) & sign), to: SIMD16<Float>.self)
  }
}
