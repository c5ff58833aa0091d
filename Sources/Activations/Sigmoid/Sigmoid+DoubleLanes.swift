import LayerCore

// σ and σ' over `Double` buffers on eight lanes at a time through `DoubleLanes.exponentials`,
// the same formulas as the `Float` lanes (Sigmoid+Lanes.swift), where the scalar functions call
// libm's `exp` one element at a time. The tests hold them to 2 ULP of the scalar function
// evaluated in `Float80`.

extension Sigmoid {
  /// σ over `Double`, eight lanes at a time.
  @inlinable
  public func values(
    _ x: UnsafeBufferPointer<Double>, into values: UnsafeMutableBufferPointer<Double>
  ) { lanewise(x, values: values, derivatives: nil, lanes: valueLanes, derivativeLanes) }

  /// σ' over `Double`, eight lanes at a time.
  @inlinable
  public func derivatives(
    _ x: UnsafeBufferPointer<Double>, into derivatives: UnsafeMutableBufferPointer<Double>
  ) { lanewise(x, values: nil, derivatives: derivatives, lanes: valueLanes, derivativeLanes) }

  /// σ and σ' over `Double`, eight lanes at a time, one exponential for both.
  @inlinable
  public func valuesAndDerivatives(
    _ x: UnsafeBufferPointer<Double>, values: UnsafeMutableBufferPointer<Double>,
    derivatives: UnsafeMutableBufferPointer<Double>
  ) { lanewise(x, values: values, derivatives: derivatives, pairs: pairLanes) }

  /// σ on eight `Double` lanes: 1 / (1 + e) for x ≥ 0, e / (1 + e) below, e = e^-|x|.
  @inlinable @inline(__always)
  func valueLanes(_ x: SIMD8<Double>) -> SIMD8<Double> {
    let e = DoubleLanes.exponentials(Self.negativeMagnitude(x)).exp
    let (d, error) = Self.onePlus(e)
    return Self.sigmoid(x, e, d, error)
  }

  /// σ' on eight `Double` lanes: e / (1 + e)², e = e^-|x|.
  @inlinable @inline(__always)
  func derivativeLanes(_ x: SIMD8<Double>) -> SIMD8<Double> {
    let e = DoubleLanes.exponentials(Self.negativeMagnitude(x)).exp
    let (d, error) = Self.onePlus(e)
    return Self.slope(e, d, error)
  }

  /// σ and σ' on eight `Double` lanes sharing one e^-|x|.
  @inlinable @inline(__always)
  func pairLanes(_ x: SIMD8<Double>) -> (SIMD8<Double>, SIMD8<Double>) {
    let e = DoubleLanes.exponentials(Self.negativeMagnitude(x)).exp
    let (d, error) = Self.onePlus(e)
    return (Self.sigmoid(x, e, d, error), Self.slope(e, d, error))
  }

  /// d = 1 + e rounded, and its rounding error (1 - d) + e, exact since 1 ≥ e (Fast2Sum).
  @inlinable @inline(__always)
  static func onePlus(_ e: SIMD8<Double>) -> (SIMD8<Double>, SIMD8<Double>) {
    let one = SIMD8<Double>(repeating: 1)
    let d = one + e
    return (d, (one - d) + e)
  }

  /// n / (d + error) as (n / d)(1 - error / d), with 1 / d ≈ 1.5 - d / 2 (within 12% on
  /// [1, 2], plenty for a term below 2^-53): the rounding of 1 + e no longer adds half an ULP.
  @inlinable @inline(__always)
  static func sigmoid(
    _ x: SIMD8<Double>, _ e: SIMD8<Double>, _ d: SIMD8<Double>, _ error: SIMD8<Double>
  ) -> SIMD8<Double> {
    typealias V = SIMD8<Double>
    let numerator = e.replacing(with: V(repeating: 1), where: x .>= V(repeating: 0))
    let q = numerator / d
    return q - q * (error * (V(repeating: 1.5) - V(repeating: 0.5) * d))
  }

  /// e / (d + error)² as (e / d²)(1 - 2 error / d), with 2 / d ≈ 3 - d.
  @inlinable @inline(__always)
  static func slope(_ e: SIMD8<Double>, _ d: SIMD8<Double>, _ error: SIMD8<Double>)
    -> SIMD8<Double>
  {
    let q = e / (d * d)
    return q - q * (error * (SIMD8<Double>(repeating: 3) - d))
  }

  /// -|x|, by setting the sign bit (NaN stays NaN).
  @inlinable @inline(__always)
  static func negativeMagnitude(_ x: SIMD8<Double>) -> SIMD8<Double> {
    let bits =
      unsafeBitCast(x, to: SIMD8<UInt64>.self) | SIMD8<UInt64>(repeating: 0x8000_0000_0000_0000)
    return unsafeBitCast(bits, to: SIMD8<Double>.self)
  }
}
