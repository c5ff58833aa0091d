/// Vector elementary functions for the batched `Float` paths, computed in `Double`.
///
/// Accurate to about 2e-10 relative, far below half a `Float` ULP (6e-8), so a `Float` result
/// computed through these and rounded once is within 1 ULP of the correctly rounded value.
/// They are not accurate enough for `Double` results.
public enum FloatThroughDouble {
  /// e^x on eight lanes for x ≤ 0 (or NaN): inputs below -700 are treated as -700, whose
  /// e^x ≈ 1e-304 rounds to 0 in `Float`.
  ///
  /// Range reduction x = k ln 2 + r with |r| ≤ ln 2 / 2, k by the 1.5 · 2^52 rounding shift;
  /// e^r by its degree-8 Taylor polynomial (truncation below 2.1e-10 relative), in Horner form
  /// with `a * b + c` so the default target needs no FMA; 2^k assembled in the exponent bits.
  @inlinable
  public static func expNonPositive(_ x: SIMD8<Double>) -> SIMD8<Double> {
    typealias V = SIMD8<Double>
    let low = V(repeating: -700)
    let clamped = x.replacing(with: low, where: x .< low)
    let shift = V(repeating: 6_755_399_441_055_744)  // 1.5 · 2^52: adding it rounds to an integer
    let shifted = clamped * V(repeating: 1.4426950408889634) + shift
    let k = shifted - shift
    let r =
      (clamped - k * V(repeating: 0.6931471803691238)) - k * V(repeating: 1.9082149292705877e-10)
    var p = r * V(repeating: 1.0 / 40320) + V(repeating: 1.0 / 5040)
    p = p * r + V(repeating: 1.0 / 720)
    p = p * r + V(repeating: 1.0 / 120)
    p = p * r + V(repeating: 1.0 / 24)
    p = p * r + V(repeating: 1.0 / 6)
    p = p * r + V(repeating: 0.5)
    p = p * r + V(repeating: 1)
    p = p * r + V(repeating: 1)
    // The low bits of `shifted` hold k in two's complement; k + 1023 > 0 after the clamp.
    let bits = unsafeBitCast(shifted, to: SIMD8<UInt64>.self)
    let scale = unsafeBitCast(
      (bits &+ SIMD8<UInt64>(repeating: 1023)) &<< SIMD8<UInt64>(repeating: 52), to: V.self)
    return p * scale
  }

  /// Eight `Float`s widened to `Double`, exactly.
  @inlinable
  public static func widen(_ x: SIMD8<Float>) -> SIMD8<Double> {
    SIMD8<Double>(
      Double(x[0]), Double(x[1]), Double(x[2]), Double(x[3]), Double(x[4]), Double(x[5]),
      Double(x[6]), Double(x[7]))
  }

  /// Eight `Double`s rounded to nearest `Float`.
  @inlinable
  public static func narrow(_ x: SIMD8<Double>) -> SIMD8<Float> {
    SIMD8<Float>(
      Float(x[0]), Float(x[1]), Float(x[2]), Float(x[3]), Float(x[4]), Float(x[5]),
      Float(x[6]), Float(x[7]))
  }
}
