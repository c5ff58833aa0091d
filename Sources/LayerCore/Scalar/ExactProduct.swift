extension LayerScalar {
  /// a · b as `head + tail`: `head` is the rounded product and, for a 53-bit type (`Double`,
  /// the ``LayerScalar/Evaluation`` type of `Float` and `Double`), `tail` is its rounding error
  /// exactly (Dekker's product over Veltkamp's split, which needs no fused multiply-add). For
  /// other precisions `tail` is only approximately the rounding error. Used where an argument
  /// such as x² feeds a function so steep (e^(−x²/2), erfc) that half an ULP of it would cost
  /// many ULPs of the result. Keep |a| and |b| below about 1e300: the split overflows above.
  @inlinable
  public static func productWithError(_ a: Self, _ b: Self) -> (head: Self, tail: Self) {
    let product = a * b
    let (aHigh, aLow) = veltkampSplit(a)
    let (bHigh, bLow) = veltkampSplit(b)
    let tail = ((aHigh * bHigh - product) + aHigh * bLow + aLow * bHigh) + aLow * bLow
    return (product, tail)
  }

  /// `a` as a sum of two halves of 26 and 27 significant bits (for a 53-bit type).
  @inlinable
  static func veltkampSplit(_ a: Self) -> (high: Self, low: Self) {
    let scaled = 134_217_729 * a  // 2^27 + 1
    let high = scaled - (scaled - a)
    return (high, a - high)
  }
}
