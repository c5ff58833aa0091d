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
  @inlinable
  func valueLanes(_ x: SIMD16<Float>) -> SIMD16<Float> {
    let one = SIMD16<Float>(repeating: 1)
    let e = FloatLanes.exp(Self.negativeMagnitude(x))
    return e.replacing(with: one, where: x .>= SIMD16<Float>(repeating: 0)) / (one + e)
  }

  /// σ' on sixteen lanes: e / (1 + e)², e = e^-|x|.
  @inlinable
  func derivativeLanes(_ x: SIMD16<Float>) -> SIMD16<Float> {
    let e = FloatLanes.exp(Self.negativeMagnitude(x))
    let d = SIMD16<Float>(repeating: 1) + e
    return e / (d * d)
  }

  /// σ and σ' on sixteen lanes sharing one e^-|x|.
  @inlinable
  func pairLanes(_ x: SIMD16<Float>) -> (SIMD16<Float>, SIMD16<Float>) {
    let one = SIMD16<Float>(repeating: 1)
    let e = FloatLanes.exp(Self.negativeMagnitude(x))
    let d = one + e
    let numerator = e.replacing(with: one, where: x .>= SIMD16<Float>(repeating: 0))
    return (numerator / d, e / (d * d))
  }

  /// -|x|, by setting the sign bit (NaN stays NaN).
  @inlinable
  static func negativeMagnitude(_ x: SIMD16<Float>) -> SIMD16<Float> {
    let bits = unsafeBitCast(x, to: SIMD16<UInt32>.self) | SIMD16<UInt32>(repeating: 0x8000_0000)
    return unsafeBitCast(bits, to: SIMD16<Float>.self)
  }
}
