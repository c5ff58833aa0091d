/// Vector elementary functions on sixteen `Float` lanes, computed in `Float`.
///
/// One `SIMD16<Float>` fills an AVX-512 register, two AVX registers or four SSE registers, so
/// the same code runs at full width with `-target-cpu native` and stays correct with the default
/// SSE2 target. Every multiply-add is written `a * b + c`: the default target has no FMA.
public enum FloatLanes {
  /// e^x and e^x - 1 on sixteen lanes, sharing one range reduction.
  ///
  /// Range reduction x = k ln 2 + r, |r| ≤ ln 2 / 2, with k rounded by the 1.5 · 2^23 shift and
  /// ln 2 split Cody–Waite style into 0.693359375 (9 bits, so k · hi is exact for |k| < 2^15)
  /// and -2.12194440e-4. e^r - 1 = r + r² P(r), P of degree 5 with the minimax coefficients of
  /// Cephes `expf.c` (S. L. Moshier), relative error below 2^-28 on the interval. Then
  /// e^x = 2^k (1 + q) and e^x - 1 = 2^k q + (2^k - 1), the latter free of cancellation near 0
  /// (k = 0 there, so it is q itself). 2^k is assembled in the exponent bits as 2^⌊k/2⌋ · 2^(k-⌊k/2⌋),
  /// two normal factors, so that results in the subnormal range round once and e^x overflows to
  /// +∞ exactly when it should.
  ///
  /// Inputs are clamped to [-104, 89]: e^x is +∞ above 88.7228, 0 below -103.98 (under half the
  /// smallest subnormal), and e^x - 1 is -1 there. NaN gives NaN in both, +∞ gives +∞ and -∞
  /// gives 0 and -1. Measured against the `Double` function rounded to `Float`: within 1 ULP.
  @inlinable @inline(__always)
  public static func exponentials(_ x: SIMD16<Float>) -> (exp: SIMD16<Float>, expm1: SIMD16<Float>)
  {
    typealias V = SIMD16<Float>
    typealias I = SIMD16<Int32>
    let low = V(repeating: -104)
    let high = V(repeating: 89)
    let clamped = x.replacing(with: low, where: x .< low).replacing(with: high, where: x .> high)
    let shift = V(repeating: 12_582_912)  // 1.5 · 2^23: adding it rounds to an integer
    let shifted = clamped * V(repeating: 1.44269504088896341) + shift
    let k = shifted - shift
    let r = (clamped - k * V(repeating: 0.693359375)) - k * V(repeating: -2.12194440e-4)
    var p = r * V(repeating: 1.9875691500e-4) + V(repeating: 1.3981999507e-3)
    p = p * r + V(repeating: 8.3334519073e-3)
    p = p * r + V(repeating: 4.1665795894e-2)
    p = p * r + V(repeating: 1.6666665459e-1)
    p = p * r + V(repeating: 5.0000001201e-1)
    let q = (r * r) * p + r
    // The low bits of `shifted` hold k + 2^22; k is in [-150, 129] after the clamp.
    let kInt = unsafeBitCast(shifted, to: I.self) &- I(repeating: 0x4B40_0000)
    let kHalf = kInt &>> I(repeating: 1)
    let bias = I(repeating: 127)
    let s1 = unsafeBitCast((kHalf &+ bias) &<< I(repeating: 23), to: V.self)
    let s2 = unsafeBitCast((kInt &- kHalf &+ bias) &<< I(repeating: 23), to: V.self)
    let one = V(repeating: 1)
    let exp = ((q + one) * s1) * s2
    let scale = s1 * s2
    // 2^k q + (2^k - 1) while 2^k is finite and the sum needs it; beyond, e^x - 1 rounds like e^x.
    let expm1 = ((q * s1) * s2 + (scale - one)).replacing(
      with: exp - one, where: kInt .> I(repeating: 24))
    return (exp, expm1)
  }

  /// e^x on sixteen lanes; see ``exponentials(_:)``.
  @inlinable @inline(__always)
  public static func exp(_ x: SIMD16<Float>) -> SIMD16<Float> { exponentials(x).exp }

  /// e^x - 1 on sixteen lanes, accurate near 0; see ``exponentials(_:)``.
  @inlinable @inline(__always)
  public static func expm1(_ x: SIMD16<Float>) -> SIMD16<Float> { exponentials(x).expm1 }
}
