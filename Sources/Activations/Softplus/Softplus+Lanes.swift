import LayerCore

// Softplus over `Float` buffers on sixteen lanes at a time, computed in `Float`, and over
// `Double` buffers on eight lanes: with t = βx, f = max(x, 0) + log(1 + e^-|t|) / β and
// f' = σ(t) from one exponential through `softplusParts` (which LogSigmoid shares). In `Float`,
// t = βx and the division by β must be exact, so the `Float` lanes run when β is a power of two
// in [2^-20, 2^20] (the default 1 and the checked 0.5 and 4 are); any other β runs the `Double`
// lanes eight at a time and rounds once. In `Double` the lanes compute βx and divide by β as
// the scalar function does.

extension Softplus {
  /// Whether βx and the division by β are exact in `Float`: β a power of two in [2^-20, 2^20].
  @inlinable
  var hasFloatLanes: Bool {
    beta.significandBitPattern == 0 && (-20...20).contains(beta.exponent)
  }

  /// Whether 1 / β is exact in `Double`: β a power of two.
  @inlinable
  var hasExactInverse: Bool {
    beta.significandBitPattern == 0 && (-1000...1000).contains(beta.exponent)
  }

  /// f over `Float`, sixteen lanes at a time when β allows, else eight through `Double`.
  @inlinable
  public func values(
    _ x: UnsafeBufferPointer<Float>, into values: UnsafeMutableBufferPointer<Float>
  ) {
    guard hasFloatLanes else {
      return lanewise(
        x, values: values, derivatives: nil, lanes: wideValueLanes, wideDerivativeLanes)
    }
    lanewise(x, values: values, derivatives: nil, lanes: valueLanes, derivativeLanes)
  }

  /// f' over `Float`, sixteen lanes at a time when β allows, else eight through `Double`.
  @inlinable
  public func derivatives(
    _ x: UnsafeBufferPointer<Float>, into derivatives: UnsafeMutableBufferPointer<Float>
  ) {
    guard hasFloatLanes else {
      return lanewise(
        x, values: nil, derivatives: derivatives, lanes: wideValueLanes, wideDerivativeLanes)
    }
    lanewise(x, values: nil, derivatives: derivatives, lanes: valueLanes, derivativeLanes)
  }

  /// f and f' over `Float`, sixteen lanes at a time (or eight through `Double`) sharing one
  /// exponential.
  @inlinable
  public func valuesAndDerivatives(
    _ x: UnsafeBufferPointer<Float>, values: UnsafeMutableBufferPointer<Float>,
    derivatives: UnsafeMutableBufferPointer<Float>
  ) {
    guard hasFloatLanes else {
      return lanewise(x, values: values, derivatives: derivatives, pairs: wideLanes)
    }
    lanewise(x, values: values, derivatives: derivatives, pairs: lanes)
  }

  /// f and f' on sixteen lanes: max(x, 0) + log(1 + e^-|βx|) / β and σ(βx).
  @inlinable @inline(__always)
  func lanes(_ x: SIMD16<Float>) -> (SIMD16<Float>, SIMD16<Float>) {
    let (log, logistic) = FloatLanes.softplusParts(SIMD16<Float>(repeating: Float(beta)) * x)
    return (value(x, log: log), logistic)
  }

  /// max(x, 0) + log / β (β a power of two: its reciprocal is exact).
  @inlinable @inline(__always)
  func value(_ x: SIMD16<Float>, log: SIMD16<Float>) -> SIMD16<Float> {
    typealias V = SIMD16<Float>
    return x.replacing(with: 0, where: x .< V(repeating: 0)) + log * V(repeating: Float(1 / beta))
  }

  /// f on sixteen lanes.
  @inlinable @inline(__always)
  func valueLanes(_ x: SIMD16<Float>) -> SIMD16<Float> {
    value(x, log: FloatLanes.softplusLog(SIMD16<Float>(repeating: Float(beta)) * x))
  }

  /// f' = σ(βx) on sixteen lanes.
  @inlinable @inline(__always)
  func derivativeLanes(_ x: SIMD16<Float>) -> SIMD16<Float> {
    FloatLanes.logistic(SIMD16<Float>(repeating: Float(beta)) * x)
  }

  /// f and f' on eight `Float` lanes through the `Double` lanes, rounded once (any β).
  @inlinable @inline(__always)
  func wideLanes(_ x: SIMD8<Float>) -> (SIMD8<Float>, SIMD8<Float>) {
    let (value, slope) = lanes(FloatThroughDouble.widen(x))
    return (FloatThroughDouble.narrow(value), FloatThroughDouble.narrow(slope))
  }

  /// f on eight `Float` lanes through `Double`.
  @inlinable @inline(__always)
  func wideValueLanes(_ x: SIMD8<Float>) -> SIMD8<Float> {
    FloatThroughDouble.narrow(valueLanes(FloatThroughDouble.widen(x)))
  }

  /// f' on eight `Float` lanes through `Double`.
  @inlinable @inline(__always)
  func wideDerivativeLanes(_ x: SIMD8<Float>) -> SIMD8<Float> {
    FloatThroughDouble.narrow(derivativeLanes(FloatThroughDouble.widen(x)))
  }

  /// f over `Double`, eight lanes at a time.
  @inlinable
  public func values(
    _ x: UnsafeBufferPointer<Double>, into values: UnsafeMutableBufferPointer<Double>
  ) {
    lanewise(x, values: values, derivatives: nil, lanes: valueLanes, derivativeLanes)
  }

  /// f' over `Double`, eight lanes at a time.
  @inlinable
  public func derivatives(
    _ x: UnsafeBufferPointer<Double>, into derivatives: UnsafeMutableBufferPointer<Double>
  ) {
    lanewise(x, values: nil, derivatives: derivatives, lanes: valueLanes, derivativeLanes)
  }

  /// f and f' over `Double`, eight lanes at a time sharing one exponential.
  @inlinable
  public func valuesAndDerivatives(
    _ x: UnsafeBufferPointer<Double>, values: UnsafeMutableBufferPointer<Double>,
    derivatives: UnsafeMutableBufferPointer<Double>
  ) { lanewise(x, values: values, derivatives: derivatives, pairs: lanes) }

  /// f and f' on eight lanes: max(x, 0) + log(1 + e^-|βx|) / β and σ(βx).
  @inlinable @inline(__always)
  func lanes(_ x: SIMD8<Double>) -> (SIMD8<Double>, SIMD8<Double>) {
    let (log, logistic) = DoubleLanes.softplusParts(SIMD8<Double>(repeating: beta) * x)
    return (value(x, log: log), logistic)
  }

  /// max(x, 0) + log / β.
  @inlinable @inline(__always)
  func value(_ x: SIMD8<Double>, log: SIMD8<Double>) -> SIMD8<Double> {
    typealias V = SIMD8<Double>
    // A power-of-two β (1 by default) has an exact reciprocal: one multiply, no division.
    let scaled = hasExactInverse ? log * V(repeating: 1 / beta) : log / V(repeating: beta)
    return x.replacing(with: 0, where: x .< V(repeating: 0)) + scaled
  }

  /// f on eight lanes.
  @inlinable @inline(__always)
  func valueLanes(_ x: SIMD8<Double>) -> SIMD8<Double> {
    value(x, log: DoubleLanes.softplusLog(SIMD8<Double>(repeating: beta) * x))
  }

  /// f' = σ(βx) on eight lanes.
  @inlinable @inline(__always)
  func derivativeLanes(_ x: SIMD8<Double>) -> SIMD8<Double> {
    DoubleLanes.logistic(SIMD8<Double>(repeating: beta) * x)
  }
}
