// The pieces the logistic family (σ, softplus, log-sigmoid, SiLU) shares on lanes: e = e^-|t|,
// d = 1 + e rounded and its exact rounding error, from which σ(t) and log(1 + e) follow, and
// the pair of them that softplus(t) = max(t, 0) + log(1 + e^-|t|) and its derivative σ(t) need
// (log-sigmoid is -softplus(-x), with derivative σ(-x)).

extension FloatLanes {
  /// e = e^-|t|, d = 1 + e rounded, and its rounding error (1 - d) + e, exact since 1 ≥ e
  /// (Fast2Sum). NaN gives NaN in all three.
  @inlinable @inline(__always)
  public static func logisticParts(_ t: SIMD16<Float>) -> (
    e: SIMD16<Float>, d: SIMD16<Float>, error: SIMD16<Float>
  ) {
    typealias V = SIMD16<Float>
    let bits = unsafeBitCast(t, to: SIMD16<UInt32>.self) | SIMD16<UInt32>(repeating: 0x8000_0000)
    let e = exp(unsafeBitCast(bits, to: V.self))
    let one = V(repeating: 1)
    let d = one + e
    return (e, d, (one - d) + e)
  }

  /// σ(t) from ``logisticParts(_:)``: 1 / (d + error) for t ≥ 0, e / (d + error) below, as
  /// (n / d)(1 - error / d) with 1 / d ≈ 1.5 - d / 2 (within 12% on [1, 2], plenty for a term
  /// below 2^-24), so the rounding of 1 + e adds nothing.
  @inlinable @inline(__always)
  public static func logistic(
    _ t: SIMD16<Float>, e: SIMD16<Float>, d: SIMD16<Float>, error: SIMD16<Float>
  ) -> SIMD16<Float> {
    typealias V = SIMD16<Float>
    let q = e.replacing(with: V(repeating: 1), where: t .>= V(repeating: 0)) / d
    return q - q * (error * (V(repeating: 1.5) - V(repeating: 0.5) * d))
  }

  /// σ(t) on sixteen lanes, ``logistic(_:e:d:error:)`` from ``logisticParts(_:)``.
  @inlinable @inline(__always)
  public static func logistic(_ t: SIMD16<Float>) -> SIMD16<Float> {
    let (e, d, error) = logisticParts(t)
    return logistic(t, e: e, d: d, error: error)
  }

  /// log(1 + e^-|t|) on sixteen lanes, the log of ``softplusParts(_:)`` alone.
  @inlinable @inline(__always)
  public static func softplusLog(_ t: SIMD16<Float>) -> SIMD16<Float> {
    let (_, d, error) = logisticParts(t)
    return logOnePlus(rounded: d, error: error)
  }

  /// log(1 + e^-|t|) and σ(t) on sixteen lanes from one exponential, through
  /// ``logisticParts(_:)``, ``logOnePlus(rounded:error:)`` and ``logistic(_:e:d:error:)``:
  /// softplus(t) = max(t, 0) + log, softplus'(t) = σ(t).
  @inlinable @inline(__always)
  public static func softplusParts(_ t: SIMD16<Float>) -> (
    log: SIMD16<Float>, logistic: SIMD16<Float>
  ) {
    let (e, d, error) = logisticParts(t)
    return (logOnePlus(rounded: d, error: error), logistic(t, e: e, d: d, error: error))
  }
}

extension DoubleLanes {
  /// e = e^-|t|, d = 1 + e rounded, and its rounding error (1 - d) + e, exact since 1 ≥ e
  /// (Fast2Sum). NaN gives NaN in all three.
  @inlinable @inline(__always)
  public static func logisticParts(_ t: SIMD8<Double>) -> (
    e: SIMD8<Double>, d: SIMD8<Double>, error: SIMD8<Double>
  ) {
    typealias V = SIMD8<Double>
    let bits =
      unsafeBitCast(t, to: SIMD8<UInt64>.self) | SIMD8<UInt64>(repeating: 0x8000_0000_0000_0000)
    let e = exponentials(unsafeBitCast(bits, to: V.self)).exp
    let one = V(repeating: 1)
    let d = one + e
    return (e, d, (one - d) + e)
  }

  /// σ(t) from ``logisticParts(_:)``: 1 / (d + error) for t ≥ 0, e / (d + error) below, as
  /// (n / d)(1 - error / d) with 1 / d ≈ 1.5 - d / 2, so the rounding of 1 + e adds nothing.
  @inlinable @inline(__always)
  public static func logistic(
    _ t: SIMD8<Double>, e: SIMD8<Double>, d: SIMD8<Double>, error: SIMD8<Double>
  ) -> SIMD8<Double> {
    typealias V = SIMD8<Double>
    let q = e.replacing(with: V(repeating: 1), where: t .>= V(repeating: 0)) / d
    return q - q * (error * (V(repeating: 1.5) - V(repeating: 0.5) * d))
  }

  /// σ(t) on eight lanes, ``logistic(_:e:d:error:)`` from ``logisticParts(_:)``.
  @inlinable @inline(__always)
  public static func logistic(_ t: SIMD8<Double>) -> SIMD8<Double> {
    let (e, d, error) = logisticParts(t)
    return logistic(t, e: e, d: d, error: error)
  }

  /// log(1 + e^-|t|) on eight lanes, the log of ``softplusParts(_:)`` alone.
  @inlinable @inline(__always)
  public static func softplusLog(_ t: SIMD8<Double>) -> SIMD8<Double> {
    let (_, d, error) = logisticParts(t)
    return logOnePlus(rounded: d, error: error)
  }

  /// log(1 + e^-|t|) and σ(t) on eight lanes from one exponential, through
  /// ``logisticParts(_:)``, ``logOnePlus(rounded:error:)`` and ``logistic(_:e:d:error:)``:
  /// softplus(t) = max(t, 0) + log, softplus'(t) = σ(t).
  @inlinable @inline(__always)
  public static func softplusParts(_ t: SIMD8<Double>) -> (
    log: SIMD8<Double>, logistic: SIMD8<Double>
  ) {
    let (e, d, error) = logisticParts(t)
    return (logOnePlus(rounded: d, error: error), logistic(t, e: e, d: d, error: error))
  }
}
