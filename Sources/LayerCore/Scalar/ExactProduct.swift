extension LayerScalar {
  /// a · b as `head + tail`: `head` is the rounded product and `tail` its rounding error,
  /// exactly for the binary types of 11, 24, 53 and 64 significant bits (`Float16`, `Float`,
  /// `Double`, `Float80`), by Dekker's product over Veltkamp's split, which needs no fused
  /// multiply-add. (For a type whose `ulpOfOne` is none of theirs, `tail` is approximate.) Used where an argument
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

  /// `a` as the sum of two halves of about half its significant bits each.
  @inlinable
  static func veltkampSplit(_ a: Self) -> (high: Self, low: Self) {
    let scaled = splitter * a
    let high = scaled - (scaled - a)
    return (high, a - high)
  }

  /// 2^s + 1 with s = ⌈p/2⌉ for a type of p significant bits, read from ``ulpOfOne`` = 2^(1 − p).
  @inlinable
  static var splitter: Self {
    if ulpOfOne < Self(0x1p-60) { return Self(4_294_967_297.0) }  // Float80: 2^32 + 1
    if ulpOfOne < Self(0x1p-40) { return Self(134_217_729.0) }  // Double: 2^27 + 1
    if ulpOfOne < Self(0x1p-16) { return Self(4097.0) }  // Float: 2^12 + 1
    return Self(65.0)  // Float16: 2^6 + 1
  }
}
