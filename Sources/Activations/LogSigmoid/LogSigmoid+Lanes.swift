import LayerCore

// LogSigmoid over `Float` buffers on sixteen lanes at a time, computed in `Float`, and over
// `Double` buffers on eight lanes: with e = e^-|x| from the exp lanes, d = 1 + e and its
// rounding error, f = min(x, 0) - log(1 + e) through `logOnePlus` (the error enters as
// error / d; two terms of one sign, nothing cancels) and f' = σ(-x) from the same parts.

extension LogSigmoid {
  /// f over `Float`, sixteen lanes at a time.
  @inlinable
  public func values(
    _ x: UnsafeBufferPointer<Float>, into values: UnsafeMutableBufferPointer<Float>
  ) {
    lanewise(x, values: values, derivatives: nil, lanes: valueLanes, derivativeLanes)
  }

  /// f' over `Float`, sixteen lanes at a time.
  @inlinable
  public func derivatives(
    _ x: UnsafeBufferPointer<Float>, into derivatives: UnsafeMutableBufferPointer<Float>
  ) {
    lanewise(x, values: nil, derivatives: derivatives, lanes: valueLanes, derivativeLanes)
  }

  /// f and f' over `Float`, sixteen lanes at a time sharing one exponential.
  @inlinable
  public func valuesAndDerivatives(
    _ x: UnsafeBufferPointer<Float>, values: UnsafeMutableBufferPointer<Float>,
    derivatives: UnsafeMutableBufferPointer<Float>
  ) { lanewise(x, values: values, derivatives: derivatives, pairs: pairLanes) }

  /// f and f' on sixteen lanes: min(x, 0) - log(1 + e) and σ(-x), e = e^-|x|.
  @inlinable
  func pairLanes(_ x: SIMD16<Float>) -> (SIMD16<Float>, SIMD16<Float>) {
    let (e, d, error) = FloatLanes.logisticParts(x)
    return (Self.value(x, d, error), FloatLanes.logistic(-x, e: e, d: d, error: error))
  }

  /// f on sixteen lanes.
  @inlinable
  func valueLanes(_ x: SIMD16<Float>) -> SIMD16<Float> {
    let (_, d, error) = FloatLanes.logisticParts(x)
    return Self.value(x, d, error)
  }

  /// f' on sixteen lanes.
  @inlinable
  func derivativeLanes(_ x: SIMD16<Float>) -> SIMD16<Float> {
    let (e, d, error) = FloatLanes.logisticParts(x)
    return FloatLanes.logistic(-x, e: e, d: d, error: error)
  }

  /// min(x, 0) - log(d + error).
  @inlinable
  static func value(_ x: SIMD16<Float>, _ d: SIMD16<Float>, _ error: SIMD16<Float>) -> SIMD16<Float>
  {
    let log = FloatLanes.logOnePlus(rounded: d, error: error)
    return x.replacing(with: 0, where: x .>= SIMD16<Float>(repeating: 0)) - log
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

  /// f and f' on eight lanes: min(x, 0) - log(1 + e) and σ(-x), e = e^-|x|.
  @inlinable
  func pairLanes(_ x: SIMD8<Double>) -> (SIMD8<Double>, SIMD8<Double>) {
    let (e, d, error) = DoubleLanes.logisticParts(x)
    return (Self.value(x, d, error), DoubleLanes.logistic(-x, e: e, d: d, error: error))
  }

  /// f on eight lanes.
  @inlinable
  func valueLanes(_ x: SIMD8<Double>) -> SIMD8<Double> {
    let (_, d, error) = DoubleLanes.logisticParts(x)
    return Self.value(x, d, error)
  }

  /// f' on eight lanes.
  @inlinable
  func derivativeLanes(_ x: SIMD8<Double>) -> SIMD8<Double> {
    let (e, d, error) = DoubleLanes.logisticParts(x)
    return DoubleLanes.logistic(-x, e: e, d: d, error: error)
  }

  /// min(x, 0) - log(d + error).
  @inlinable
  static func value(_ x: SIMD8<Double>, _ d: SIMD8<Double>, _ error: SIMD8<Double>) -> SIMD8<Double>
  {
    let log = DoubleLanes.logOnePlus(rounded: d, error: error)
    return x.replacing(with: 0, where: x .>= SIMD8<Double>(repeating: 0)) - log
  }
}
