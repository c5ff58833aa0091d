extension DoubleLanes {
  /// The natural logarithm on eight lanes.
  ///
  /// Subnormal inputs are scaled by 2^54 first; then ``logCore(_:correction:exponentOffset:)``.
  /// log(0) is -∞, a negative input or NaN gives NaN, +∞ gives +∞. Measured against the
  /// `Float80` function: within 1 ULP (`LogLanesTests`).
  @inlinable @inline(__always)
  public static func log(_ x: SIMD8<Double>) -> SIMD8<Double> {
    typealias V = SIMD8<Double>
    let subnormal = x .< V(repeating: .leastNormalMagnitude)
    let scaled = x.replacing(with: x * V(repeating: 18_014_398_509_481_984), where: subnormal)
    let offset = V(repeating: 0).replacing(with: -54, where: subnormal)
    return finishLog(x, logCore(scaled, correction: V(repeating: 0), exponentOffset: offset))
  }

  /// log(1 + x) on eight lanes, accurate near 0.
  ///
  /// u = 1 + x is rounded, and its rounding error (x - (u - 1)), exact while u ≤ 2^53 (and
  /// negligible beyond), enters as the first-order correction (x - (u - 1)) / u of log u. Then
  /// ``logCore(_:correction:exponentOffset:)``. log1p(-1) is -∞, below -1 or NaN gives NaN,
  /// +∞ gives +∞.
  @inlinable @inline(__always)
  public static func log1p(_ x: SIMD8<Double>) -> SIMD8<Double> {
    typealias V = SIMD8<Double>
    let one = V(repeating: 1)
    let u = one + x
    let correction = (x - (u - one)) / u
    return finishLog(u, logCore(u, correction: correction, exponentOffset: V(repeating: 0)))
  }

  /// log(d + error) for d = 1 + e rounded, e in [0, 1], and its exact rounding error
  /// (Fast2Sum), as the softplus family has them: log d + error / d. The division is replaced
  /// by error · r, r = r₀(2 - d r₀) one Newton step from r₀ = 1.5 - d / 2: r₀ is within e / 2
  /// relative of 1 / d, r within e² / 4, so the correction (below 2^-53 absolute, and below e)
  /// is off by less than a hundredth of the result's ULP.
  @inlinable @inline(__always)
  public static func logOnePlus(rounded d: SIMD8<Double>, error: SIMD8<Double>) -> SIMD8<Double> {
    typealias V = SIMD8<Double>
    let r0 = V(repeating: 1.5) - V(repeating: 0.5) * d
    let r = r0 * (V(repeating: 2) - d * r0)
    return logCore(d, correction: error * r, exponentOffset: V(repeating: 0))
  }

  /// log u + correction for positive normal finite u (other lanes give garbage that
  /// `finishLog` replaces), the scheme of fdlibm's `e_log.c`: u = 2^k m with m in [√½, √2)
  /// split in the bits, f = m - 1 exactly, s = f / (2 + f), log(1 + f) = f - f²/2 + s (f²/2 + R)
  /// with R(s²) the degree-7 polynomial Lg1…Lg7 of fdlibm (error below 2^-58.45), and
  /// k ln 2 added with fdlibm's ln 2 split (k · ln2HI exact).
  @inlinable @inline(__always)
  public static func logCore(
    _ u: SIMD8<Double>, correction: SIMD8<Double>, exponentOffset: SIMD8<Double>
  ) -> SIMD8<Double> {
    typealias V = SIMD8<Double>
    typealias I = SIMD8<Int64>
    let ix =
      unsafeBitCast(u, to: I.self) &+ I(repeating: 0x3FF0_0000_0000_0000 - 0x3FE6_A09E_667F_3BCD)
    // k + 1023 in [0, 2047]: as the low mantissa bits of 2^52, then subtracted, k exactly.
    let biased = unsafeBitCast(
      (ix &>> I(repeating: 52)) | I(repeating: 0x4330_0000_0000_0000), to: V.self)
    let k = (biased - V(repeating: 4_503_599_627_371_519)) + exponentOffset
    let m = unsafeBitCast(
      (ix & I(repeating: 0x000F_FFFF_FFFF_FFFF)) &+ I(repeating: 0x3FE6_A09E_667F_3BCD),
      to: V.self)
    let f = m - V(repeating: 1)
    let s = f / (V(repeating: 2) + f)
    let z = s * s
    let w = z * z
    let t1 =
      w
      * ((w * V(repeating: 1.531383769920937332e-01) + V(repeating: 2.222219843214978396e-01))
        * w + V(repeating: 3.999999999940941908e-01))
    var t2 = w * V(repeating: 1.479819860511658591e-01) + V(repeating: 1.818357216161805012e-01)
    t2 = t2 * w + V(repeating: 2.857142874366239149e-01)
    t2 = z * (t2 * w + V(repeating: 6.666666666666735130e-01))
    let r = t2 + t1
    let halfSquare = V(repeating: 0.5) * f * f
    let low = k * V(repeating: 1.90821492927058770002e-10) + correction
    return k * V(repeating: 6.93147180369123816490e-01)
      - ((halfSquare - (s * (halfSquare + r) + low)) - f)
  }

  /// The special lanes of a logarithm of `u`: 0 gives -∞, below 0 or NaN gives NaN, +∞ gives
  /// +∞; the others keep `core`.
  @inlinable @inline(__always)
  static func finishLog(_ u: SIMD8<Double>, _ core: SIMD8<Double>) -> SIMD8<Double> {
    let zero = SIMD8<Double>(repeating: 0)
    return core.replacing(with: -.infinity, where: u .== zero)
      .replacing(with: .nan, where: .!(u .>= zero))
      .replacing(with: .infinity, where: u .== SIMD8<Double>(repeating: .infinity))
  }
}
