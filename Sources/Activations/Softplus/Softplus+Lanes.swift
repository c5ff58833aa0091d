import LayerCore

// Softplus over `Float` buffers on sixteen lanes at a time, computed in `Float`, and over
// `Double` buffers on eight lanes: with t = βx and e = e^-|t| from the exp lanes, d = 1 + e and
// its rounding error, f = max(x, 0) + log(1 + e) / β through `logOnePlus` (the error enters as
// error / d) and f' = σ(t) from the same parts. In `Float`, t = βx and the division by β must
// be exact, so the lanes run when β is a power of two in [2^-20, 2^20] (the default 1 and the
// checked 0.5 and 4 are); any other β keeps the scalar loop, through `Double`. In `Double` the
// lanes compute βx and divide by β as the scalar function does.

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

  /// f over `Float`, sixteen lanes at a time when β allows, else the scalar loop.
  @inlinable
  public func values(
    _ x: UnsafeBufferPointer<Float>, into values: UnsafeMutableBufferPointer<Float>
  ) {
    guard hasFloatLanes else { return loopValues(x, into: values) }
    lanewise(x, values: values, derivatives: nil, lanes: valueLanes, derivativeLanes)
  }

  /// f' over `Float`, sixteen lanes at a time when β allows, else the scalar loop.
  @inlinable
  public func derivatives(
    _ x: UnsafeBufferPointer<Float>, into derivatives: UnsafeMutableBufferPointer<Float>
  ) {
    guard hasFloatLanes else { return loopDerivatives(x, into: derivatives) }
    lanewise(x, values: nil, derivatives: derivatives, lanes: valueLanes, derivativeLanes)
  }

  /// f and f' over `Float`, sixteen lanes at a time sharing one exponential.
  @inlinable
  public func valuesAndDerivatives(
    _ x: UnsafeBufferPointer<Float>, values: UnsafeMutableBufferPointer<Float>,
    derivatives: UnsafeMutableBufferPointer<Float>
  ) {
    guard hasFloatLanes else {
      return loopValuesAndDerivatives(x, values: values, derivatives: derivatives)
    }
    lanewise(x, values: values, derivatives: derivatives, pairs: pairLanes)
  }

  /// f and f' on sixteen lanes: max(x, 0) + log(1 + e) / β and σ(βx), e = e^-|βx|.
  @inlinable
  func pairLanes(_ x: SIMD16<Float>) -> (SIMD16<Float>, SIMD16<Float>) {
    let t = SIMD16<Float>(repeating: Float(beta)) * x
    let (e, d, error) = FloatLanes.logisticParts(t)
    return (value(x, d, error), FloatLanes.logistic(t, e: e, d: d, error: error))
  }

  /// f on sixteen lanes.
  @inlinable
  func valueLanes(_ x: SIMD16<Float>) -> SIMD16<Float> {
    let (_, d, error) = FloatLanes.logisticParts(SIMD16<Float>(repeating: Float(beta)) * x)
    return value(x, d, error)
  }

  /// f' on sixteen lanes.
  @inlinable
  func derivativeLanes(_ x: SIMD16<Float>) -> SIMD16<Float> {
    let t = SIMD16<Float>(repeating: Float(beta)) * x
    let (e, d, error) = FloatLanes.logisticParts(t)
    return FloatLanes.logistic(t, e: e, d: d, error: error)
  }

  /// max(x, 0) + log(d + error) / β.
  @inlinable
  func value(_ x: SIMD16<Float>, _ d: SIMD16<Float>, _ error: SIMD16<Float>) -> SIMD16<Float> {
    typealias V = SIMD16<Float>
    let log = FloatLanes.logOnePlus(rounded: d, error: error)
    let positivePart = x.replacing(with: 0, where: x .< V(repeating: 0))
    return positivePart + log * V(repeating: Float(1 / beta))
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
  ) { lanewise(x, values: values, derivatives: derivatives, pairs: pairLanes) }

  /// f and f' on eight lanes: max(x, 0) + log(1 + e) / β and σ(βx), e = e^-|βx|.
  @inlinable
  func pairLanes(_ x: SIMD8<Double>) -> (SIMD8<Double>, SIMD8<Double>) {
    let t = SIMD8<Double>(repeating: beta) * x
    let (e, d, error) = DoubleLanes.logisticParts(t)
    return (value(x, d, error), DoubleLanes.logistic(t, e: e, d: d, error: error))
  }

  /// f on eight lanes.
  @inlinable
  func valueLanes(_ x: SIMD8<Double>) -> SIMD8<Double> {
    let (_, d, error) = DoubleLanes.logisticParts(SIMD8<Double>(repeating: beta) * x)
    return value(x, d, error)
  }

  /// f' on eight lanes.
  @inlinable
  func derivativeLanes(_ x: SIMD8<Double>) -> SIMD8<Double> {
    let t = SIMD8<Double>(repeating: beta) * x
    let (e, d, error) = DoubleLanes.logisticParts(t)
    return DoubleLanes.logistic(t, e: e, d: d, error: error)
  }

  /// max(x, 0) + log(d + error) / β.
  @inlinable
  func value(_ x: SIMD8<Double>, _ d: SIMD8<Double>, _ error: SIMD8<Double>) -> SIMD8<Double> {
    let log = DoubleLanes.logOnePlus(rounded: d, error: error)
    let positivePart = x.replacing(with: 0, where: x .< SIMD8<Double>(repeating: 0))
    // A power-of-two β (1 by default) has an exact reciprocal: one multiply, no division.
    let scaled =
      hasExactInverse
      ? log * SIMD8<Double>(repeating: 1 / beta) : log / SIMD8<Double>(repeating: beta)
    return positivePart + scaled
  }
}
