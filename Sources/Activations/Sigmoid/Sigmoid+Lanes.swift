import LayerCore

// σ and σ' over `Float` buffers on sixteen lanes at a time, computed in `Float` through
// `FloatLanes.exp`: within 2 ULP of the `Double` scalar function rounded to `Float` (the tests
// check this), where the scalar `Float` functions call libm's `expf` one element at a time.

extension Sigmoid {
  /// σ over `Float`, sixteen lanes at a time.
  @inlinable
  public func values(
    _ x: UnsafeBufferPointer<Float>, into values: UnsafeMutableBufferPointer<Float>
  ) { lanewise(x, values: values, derivatives: nil, lanes: valueLanes, derivativeLanes) }

  /// σ' over `Float`, sixteen lanes at a time.
  @inlinable
  public func derivatives(
    _ x: UnsafeBufferPointer<Float>, into derivatives: UnsafeMutableBufferPointer<Float>
  ) { lanewise(x, values: nil, derivatives: derivatives, lanes: valueLanes, derivativeLanes) }

  /// σ and σ' over `Float`, sixteen lanes at a time.
  @inlinable
  public func valuesAndDerivatives(
    _ x: UnsafeBufferPointer<Float>, values: UnsafeMutableBufferPointer<Float>,
    derivatives: UnsafeMutableBufferPointer<Float>
  ) { lanewise(x, values: values, derivatives: derivatives, pairs: pairLanes) }

  /// σ on sixteen lanes: 1 / (1 + e) for x ≥ 0, e / (1 + e) below, e = e^-|x|.
  @inlinable @inline(__always)
  func valueLanes(_ x: SIMD16<Float>) -> SIMD16<Float> {
    let e = FloatLanes.exp(Self.negativeMagnitude(x))
    let (d, error) = Self.onePlus(e)
    return Self.sigmoid(x, e, d, error)
  }

  /// σ' on sixteen lanes: e / (1 + e)², e = e^-|x|.
  @inlinable @inline(__always)
  func derivativeLanes(_ x: SIMD16<Float>) -> SIMD16<Float> {
    let e = FloatLanes.exp(Self.negativeMagnitude(x))
    let (d, error) = Self.onePlus(e)
    return Self.slope(e, d, error)
  }

  /// σ and σ' on sixteen lanes sharing one e^-|x|.
  @inlinable @inline(__always)
  func pairLanes(_ x: SIMD16<Float>) -> (SIMD16<Float>, SIMD16<Float>) {
    let e = FloatLanes.exp(Self.negativeMagnitude(x))
    let (d, error) = Self.onePlus(e)
    return (Self.sigmoid(x, e, d, error), Self.slope(e, d, error))
  }

  /// d = 1 + e rounded, and its rounding error (1 - d) + e, exact since 1 ≥ e (Fast2Sum).
  @inlinable @inline(__always)
  static func onePlus(_ e: SIMD16<Float>) -> (SIMD16<Float>, SIMD16<Float>) {
    let one = SIMD16<Float>(repeating: 1)
    let d = one + e
    return (d, (one - d) + e)
  }

  /// n / (d + error) as (n / d)(1 - error / d), with 1 / d ≈ 1.5 - d / 2 (within 12% on
  /// [1, 2], plenty for a term below 2^-24): the rounding of 1 + e no longer adds half an ULP.
  @inlinable @inline(__always)
  static func sigmoid(
    _ x: SIMD16<Float>, _ e: SIMD16<Float>, _ d: SIMD16<Float>, _ error: SIMD16<Float>
  ) -> SIMD16<Float> {
    typealias V = SIMD16<Float>
    let numerator = e.replacing(with: V(repeating: 1), where: x .>= V(repeating: 0))
    let q = numerator / d
    return q - q * (error * (V(repeating: 1.5) - V(repeating: 0.5) * d))
  }

  /// e / (d + error)² as (e / d²)(1 - 2 error / d), with 2 / d ≈ 3 - d.
  @inlinable @inline(__always)
  static func slope(_ e: SIMD16<Float>, _ d: SIMD16<Float>, _ error: SIMD16<Float>)
    -> SIMD16<Float>
  {
    let q = e / (d * d)
    return q - q * (error * (SIMD16<Float>(repeating: 3) - d))
  }

  /// -|x|, by setting the sign bit (NaN stays NaN).
  @inlinable @inline(__always)
  static func negativeMagnitude(_ x: SIMD16<Float>) -> SIMD16<Float> {
    let bits = unsafeBitCast(x, to: SIMD16<UInt32>.self) | SIMD16<UInt32>(repeating: 0x8000_0000)
    return unsafeBitCast(bits, to: SIMD16<Float>.self)
  }
}
