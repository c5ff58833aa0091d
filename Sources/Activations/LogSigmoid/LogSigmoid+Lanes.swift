import LayerCore

// LogSigmoid over `Float` buffers on sixteen lanes at a time, computed in `Float`, and over
// `Double` buffers on eight lanes, as -softplus(-x) through the softplus lanes Softplus shares
// (`softplusParts`): f = min(x, 0) - log(1 + e^-|x|) (two terms of one sign, nothing cancels)
// and f' = σ(-x), from one exponential.

extension LogSigmoid {
  /// f over `Float`, sixteen lanes at a time.
  @inlinable
  public func values(
    _ x: UnsafeBufferPointer<Float>, into values: UnsafeMutableBufferPointer<Float>
  ) {
    lanewise(x, values: values, derivatives: nil, lanes: Self.valueLanes, Self.derivativeLanes)
  }

  /// f' over `Float`, sixteen lanes at a time.
  @inlinable
  public func derivatives(
    _ x: UnsafeBufferPointer<Float>, into derivatives: UnsafeMutableBufferPointer<Float>
  ) {
    lanewise(
      x, values: nil, derivatives: derivatives, lanes: Self.valueLanes, Self.derivativeLanes)
  }

  /// f and f' over `Float`, sixteen lanes at a time sharing one exponential.
  @inlinable
  public func valuesAndDerivatives(
    _ x: UnsafeBufferPointer<Float>, values: UnsafeMutableBufferPointer<Float>,
    derivatives: UnsafeMutableBufferPointer<Float>
  ) { lanewise(x, values: values, derivatives: derivatives, pairs: Self.lanes) }

  /// f and f' on sixteen lanes: min(x, 0) - log(1 + e^-|x|) and σ(-x).
  @inlinable @inline(__always)
  static func lanes(_ x: SIMD16<Float>) -> (SIMD16<Float>, SIMD16<Float>) {
    let (log, logistic) = FloatLanes.softplusParts(-x)
    return (value(x, log: log), logistic)
  }

  /// f on sixteen lanes.
  @inlinable @inline(__always)
  static func valueLanes(_ x: SIMD16<Float>) -> SIMD16<Float> {
    value(x, log: FloatLanes.softplusLog(x))
  }

  /// f' = σ(-x) on sixteen lanes.
  @inlinable @inline(__always)
  static func derivativeLanes(_ x: SIMD16<Float>) -> SIMD16<Float> { FloatLanes.logistic(-x) }

  /// min(x, 0) - log.
  @inlinable @inline(__always)
  static func value(_ x: SIMD16<Float>, log: SIMD16<Float>) -> SIMD16<Float> {
    x.replacing(with: 0, where: x .>= SIMD16<Float>(repeating: 0)) - log
  }

  /// f over `Double`, eight lanes at a time.
  @inlinable
  public func values(
    _ x: UnsafeBufferPointer<Double>, into values: UnsafeMutableBufferPointer<Double>
  ) {
    lanewise(x, values: values, derivatives: nil, lanes: Self.valueLanes, Self.derivativeLanes)
  }

  /// f' over `Double`, eight lanes at a time.
  @inlinable
  public func derivatives(
    _ x: UnsafeBufferPointer<Double>, into derivatives: UnsafeMutableBufferPointer<Double>
  ) {
    lanewise(
      x, values: nil, derivatives: derivatives, lanes: Self.valueLanes, Self.derivativeLanes)
  }

  /// f and f' over `Double`, eight lanes at a time sharing one exponential.
  @inlinable
  public func valuesAndDerivatives(
    _ x: UnsafeBufferPointer<Double>, values: UnsafeMutableBufferPointer<Double>,
    derivatives: UnsafeMutableBufferPointer<Double>
  ) { lanewise(x, values: values, derivatives: derivatives, pairs: Self.lanes) }

  /// f and f' on eight lanes: min(x, 0) - log(1 + e^-|x|) and σ(-x).
  @inlinable @inline(__always)
  static func lanes(_ x: SIMD8<Double>) -> (SIMD8<Double>, SIMD8<Double>) {
    let (log, logistic) = DoubleLanes.softplusParts(-x)
    return (value(x, log: log), logistic)
  }

  /// f on eight lanes.
  @inlinable @inline(__always)
  static func valueLanes(_ x: SIMD8<Double>) -> SIMD8<Double> {
    value(x, log: DoubleLanes.softplusLog(x))
  }

  /// f' = σ(-x) on eight lanes.
  @inlinable @inline(__always)
  static func derivativeLanes(_ x: SIMD8<Double>) -> SIMD8<Double> { DoubleLanes.logistic(-x) }

  /// min(x, 0) - log.
  @inlinable @inline(__always)
  static func value(_ x: SIMD8<Double>, log: SIMD8<Double>) -> SIMD8<Double> {
    x.replacing(with: 0, where: x .>= SIMD8<Double>(repeating: 0)) - log
  }
}
