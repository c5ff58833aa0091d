/// Vector elementary functions on eight `Double` lanes, accurate to the `Double` targets.
///
/// `SIMD8<Double>` fills an AVX-512 register, or four SSE2 registers with the default target.
/// Every multiply-add is written `a * b + c`: the default target has no FMA.
public enum DoubleLanes {
  /// e^x and e^x - 1 on eight lanes, sharing one range reduction.
  ///
  /// x = k ln 2 + r, |r| ≤ ln 2 / 2, k rounded by the 1.5 · 2^52 shift, ln 2 split as in
  /// fdlibm's `e_exp.c` (ln2HI = 6.93147180369123816490e-01 with 32 low zero bits, so k · hi is
  /// exact, and ln2LO = 1.90821492927058770002e-10). e^r - 1 = r + r² P(r), P the degree-11
  /// Taylor polynomial 1/2! + r/3! + … + r^11/13!, truncation below 5e-18 relative on the
  /// interval. Then e^x = 2^k (1 + q) and e^x - 1 = 2^k q + (2^k - 1), 2^k built in the exponent
  /// bits as two normal factors, so subnormal results round once and overflow gives +∞.
  ///
  /// Inputs are clamped to [-746, 710]: e^x is +∞ above 709.78 and 0 below -745.13. NaN gives
  /// NaN, +∞ gives +∞, -∞ gives 0 and -1.
  @inlinable @inline(__always)
  public static func exponentials(_ x: SIMD8<Double>) -> (exp: SIMD8<Double>, expm1: SIMD8<Double>)
  {
    typealias V = SIMD8<Double>
    typealias I = SIMD8<Int64>
    let low = V(repeating: -746)
    let high = V(repeating: 710)
    let clamped = x.replacing(with: low, where: x .< low).replacing(with: high, where: x .> high)
    let shift = V(repeating: 6_755_399_441_055_744)  // 1.5 · 2^52: adding it rounds to an integer
    let shifted = clamped * V(repeating: 1.4426950408889634) + shift
    let k = shifted - shift
    let r =
      (clamped - k * V(repeating: 6.93147180369123816490e-01))
      - k * V(repeating: 1.90821492927058770002e-10)
    var p = r * V(repeating: 1.0 / 6_227_020_800) + V(repeating: 1.0 / 479_001_600)
    p = p * r + V(repeating: 1.0 / 39_916_800)
    p = p * r + V(repeating: 1.0 / 3_628_800)
    p = p * r + V(repeating: 1.0 / 362_880)
    p = p * r + V(repeating: 1.0 / 40_320)
    p = p * r + V(repeating: 1.0 / 5_040)
    p = p * r + V(repeating: 1.0 / 720)
    p = p * r + V(repeating: 1.0 / 120)
    p = p * r + V(repeating: 1.0 / 24)
    p = p * r + V(repeating: 1.0 / 6)
    p = p * r + V(repeating: 0.5)
    let q = (r * r) * p + r
    // The low bits of `shifted` hold k + 2^51; k is in [-1077, 1025] after the clamp.
    let kInt = unsafeBitCast(shifted, to: I.self) &- I(repeating: 0x4338_0000_0000_0000)
    let kHalf = kInt &>> I(repeating: 1)
    let bias = I(repeating: 1023)
    let s1 = unsafeBitCast((kHalf &+ bias) &<< I(repeating: 52), to: V.self)
    let s2 = unsafeBitCast((kInt &- kHalf &+ bias) &<< I(repeating: 52), to: V.self)
    let one = V(repeating: 1)
    let exp = ((q + one) * s1) * s2
    let scale = s1 * s2
    let expm1 = ((q * s1) * s2 + (scale - one)).replacing(
      with: exp - one, where: kInt .> I(repeating: 53))
    return (exp, expm1)
  }
}
