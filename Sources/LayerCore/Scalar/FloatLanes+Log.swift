extension FloatLanes {
  /// The natural logarithm on sixteen lanes.
  ///
  /// Subnormal inputs are scaled by 2^23 first; then ``logCore(_:correction:exponentOffset:)``. log(0) is -∞,
  /// a negative input or NaN gives NaN, +∞ gives +∞. Measured against the `Double` function
  /// rounded to `Float`: within 1 ULP (`LogLanesTests`).
  @inlinable @inline(__always)
  public static func log(_ x: SIMD16<Float>) -> SIMD16<Float> {
    typealias V = SIMD16<Float>
    let subnormal = x .< V(repeating: .leastNormalMagnitude)
    let scaled = x.replacing(with: x * V(repeating: 8_388_608), where: subnormal)
    let offset = V(repeating: 0).replacing(with: -23, where: subnormal)
    let core = logCore(scaled, correction: V(repeating: 0), exponentOffset: offset)
    return finishLog(x, core)
  }

  /// log(1 + x) on sixteen lanes, accurate near 0.
  ///
  /// u = 1 + x is rounded, and its rounding error (x - (u - 1)), exact while u ≤ 2^24 (and
  /// negligible beyond), enters as the first-order correction (x - (u - 1)) / u of log u. Then
  /// ``logCore(_:correction:exponentOffset:)``. log1p(-1) is -∞, below -1 or NaN gives NaN,
  /// +∞ gives +∞. Measured against the `Double` function rounded to `Float`: within 1 ULP.
  @inlinable @inline(__always)
  public static func log1p(_ x: SIMD16<Float>) -> SIMD16<Float> {
    typealias V = SIMD16<Float>
    let one = V(repeating: 1)
    let u = one + x
    let correction = (x - (u - one)) / u
    let core = logCore(u, correction: correction, exponentOffset: V(repeating: 0))
    return finishLog(u, core)
  }

  /// log(d + error) for d = 1 + e rounded, e in [0, 1], and its exact rounding error
  /// (Fast2Sum), as the softplus family has them: log d + error / d. The division is replaced
  /// by error · r, r = r₀(2 - d r₀) one Newton step from r₀ = 1.5 - d / 2: r₀ is within e / 2
  /// relative of 1 / d, r within e² / 4, so the correction (below 2^-24 absolute, and below e)
  /// is off by less than a hundredth of the result's ULP.
  @inlinable @inline(__always)
  public static func logOnePlus(rounded d: SIMD16<Float>, error: SIMD16<Float>) -> SIMD16<Float> {
    typealias V = SIMD16<Float>
    let r0 = V(repeating: 1.5) - V(repeating: 0.5) * d
    let r = r0 * (V(repeating: 2) - d * r0)
    return logCore(d, correction: error * r, exponentOffset: V(repeating: 0))
  }

  /// log u + correction for positive normal finite u (other lanes give garbage that
  /// `finishLog` replaces): u = 2^k m with m in [√½, √2) split in the bits (adding
  /// 0x3F800000 - bits(√½) to the bits carries into the exponent exactly when m ≥ √2 after the
  /// split), f = m - 1 exactly, log(1 + f) = f - f²/2 + f³ P(f) with the degree-8 P of Cephes
  /// `logf.c` (S. L. Moshier, relative error about 2^-24 on the interval), and k ln 2 added
  /// with ln 2 split Cody–Waite style (0.693359375 and -2.12194440e-4).
  @inlinable @inline(__always)
  public static func logCore(
    _ u: SIMD16<Float>, correction: SIMD16<Float>, exponentOffset: SIMD16<Float>
  ) -> SIMD16<Float> {
    typealias V = SIMD16<Float>
    typealias I = SIMD16<Int32>
    let ix = unsafeBitCast(u, to: I.self) &+ I(repeating: 0x3F80_0000 - 0x3F35_04F3)
    // k + 127 in [0, 255]: as the low mantissa bits of 2^23, then subtracted, k exactly.
    let biased = unsafeBitCast((ix &>> I(repeating: 23)) | I(repeating: 0x4B00_0000), to: V.self)
    let k = (biased - V(repeating: 8_388_735)) + exponentOffset
    let m = unsafeBitCast(
      (ix & I(repeating: 0x007F_FFFF)) &+ I(repeating: 0x3F35_04F3), to: V.self)
    let f = m - V(repeating: 1)
    let z = f * f
    var p = f * V(repeating: 7.0376836292e-2) + V(repeating: -1.1514610310e-1)
    p = p * f + V(repeating: 1.1676998740e-1)
    p = p * f + V(repeating: -1.2420140846e-1)
    p = p * f + V(repeating: 1.4249322787e-1)
    p = p * f + V(repeating: -1.6668057665e-1)
    p = p * f + V(repeating: 2.0000714765e-1)
    p = p * f + V(repeating: -2.4999993993e-1)
    p = p * f + V(repeating: 3.3333331174e-1)
    var y = (f * z) * p + (k * V(repeating: -2.12194440e-4) + correction)
    y = y - V(repeating: 0.5) * z
    return (f + y) + k * V(repeating: 0.693359375)
  }

  /// The special lanes of a logarithm of `u`: 0 gives -∞, below 0 or NaN gives NaN, +∞ gives
  /// +∞; the others keep `core`.
  @inlinable @inline(__always)
  static func finishLog(_ u: SIMD16<Float>, _ core: SIMD16<Float>) -> SIMD16<Float> {
    let zero = SIMD16<Float>(repeating: 0)
    return core.replacing(with: -.infinity, where: u .== zero)
      .replacing(with: .nan, where: .!(u .>= zero))
      .replacing(with: .infinity, where: u .== SIMD16<Float>(repeating: .infinity))
  }
}
