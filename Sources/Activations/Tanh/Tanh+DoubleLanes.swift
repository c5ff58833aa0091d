import LayerCore

// tanh and tanh' over `Double` buffers on eight lanes at a time through `DoubleLanes.exponentials`,
// the same formulas as the `Float` lanes (Tanh+Lanes.swift), where the scalar functions call
// libm's `tanh` one element at a time. The tests hold them to 2 ULP of the scalar function
// evaluated in `Float80`.

extension Tanh {
  /// tanh over `Double`, eight lanes at a time.
  @inlinable
  public func values(
    _ x: UnsafeBufferPointer<Double>, into values: UnsafeMutableBufferPointer<Double>
  ) { lanewise(x, values: values, derivatives: nil, lanes: valueLanes, derivativeLanes) }

  /// tanh' over `Double`, eight lanes at a time.
  @inlinable
  public func derivatives(
    _ x: UnsafeBufferPointer<Double>, into derivatives: UnsafeMutableBufferPointer<Double>
  ) { lanewise(x, values: nil, derivatives: derivatives, lanes: valueLanes, derivativeLanes) }

  /// tanh and tanh' over `Double`, eight lanes at a time, one exponential for both.
  @inlinable
  public func valuesAndDerivatives(
    _ x: UnsafeBufferPointer<Double>, values: UnsafeMutableBufferPointer<Double>,
    derivatives: UnsafeMutableBufferPointer<Double>
  ) { lanewise(x, values: values, derivatives: derivatives, pairs: pairLanes) }

  /// tanh on eight `Double` lanes: -m / (2 + m) with m = e^-2|x| - 1, the sign of x put back.
  @inlinable @inline(__always)
  func valueLanes(_ x: SIMD8<Double>) -> SIMD8<Double> {
    Self.signed(
      Self.magnitude(DoubleLanes.exponentials(Self.doubledNegativeMagnitude(x)).expm1), like: x)
  }

  /// tanh' = 4e / (1 + e)² on eight `Double` lanes, e = e^-2|x|.
  @inlinable @inline(__always)
  func derivativeLanes(_ x: SIMD8<Double>) -> SIMD8<Double> {
    Self.slope(DoubleLanes.exponentials(Self.doubledNegativeMagnitude(x)).exp)
  }

  /// tanh and tanh' on eight `Double` lanes sharing one range reduction.
  @inlinable @inline(__always)
  func pairLanes(_ x: SIMD8<Double>) -> (SIMD8<Double>, SIMD8<Double>) {
    let (e, m) = DoubleLanes.exponentials(Self.doubledNegativeMagnitude(x))
    return (Self.signed(Self.magnitude(m), like: x), Self.slope(e))
  }

  /// -m / (2 + m), with the rounding error of s = 2 + m, (2 - s) + m (exact: Fast2Sum, as
  /// 2 ≥ |m|), taken out as a factor 1 - error / s, 1 / s ≈ 1.5 - s / 2 (12% is plenty).
  @inlinable @inline(__always)
  static func magnitude(_ m: SIMD8<Double>) -> SIMD8<Double> {
    typealias V = SIMD8<Double>
    let two = V(repeating: 2)
    let s = two + m
    let q = -m / s
    return q - q * (((two - s) + m) * (V(repeating: 1.5) - V(repeating: 0.5) * s))
  }

  /// 4e / (1 + e)², with the rounding error of d = 1 + e taken out as 1 - 2 error / d,
  /// 2 / d ≈ 3 - d.
  @inlinable @inline(__always)
  static func slope(_ e: SIMD8<Double>) -> SIMD8<Double> {
    typealias V = SIMD8<Double>
    let one = V(repeating: 1)
    let d = one + e
    let q = V(repeating: 4) * e / (d * d)
    return q - q * (((one - d) + e) * (V(repeating: 3) - d))
  }

  /// -2|x|, by setting the sign bit (NaN stays NaN; doubling is exact).
  @inlinable @inline(__always)
  static func doubledNegativeMagnitude(_ x: SIMD8<Double>) -> SIMD8<Double> {
    let bits =
      unsafeBitCast(x, to: SIMD8<UInt64>.self) | SIMD8<UInt64>(repeating: 0x8000_0000_0000_0000)
    let negative = unsafeBitCast(bits, to: SIMD8<Double>.self)
    return negative + negative
  }

  /// |t| with the sign bit of x, so tanh(-0) = -0.
  @inlinable @inline(__always)
  static func signed(_ t: SIMD8<Double>, like x: SIMD8<Double>) -> SIMD8<Double> {
    typealias U = SIMD8<UInt64>
    let sign = U(repeating: 0x8000_0000_0000_0000)
    let magnitude = unsafeBitCast(t, to: U.self) & ~sign
    return unsafeBitCast(magnitude | (unsafeBitCast(x, to: U.self) & sign), to: SIMD8<Double>.self)
  }
}
