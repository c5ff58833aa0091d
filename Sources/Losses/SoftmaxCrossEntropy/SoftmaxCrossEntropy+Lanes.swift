import LayerCore

// Σ_c e^(z_c − m) of one row of logits on SIMD lanes: `DoubleLanes.exponentials` on eight
// `Double` lanes, `FloatLanes.exp` on sixteen `Float` lanes (the project's lane functions,
// within 1 ULP of e^x), where the scalar loop calls libm once per class. The lanes are summed
// lane by lane and then across, so the sum differs from the sequential one by rounding only.

extension SoftmaxCrossEntropy {
  /// `Σ_c e^(row[c] − m)` on lanes in `Float` and `Double`; `nil` for any other scalar type.
  @inlinable
  func exponentialSum<T: LayerScalar>(_ row: UnsafeBufferPointer<T>, minus m: T) -> T? {
    if T.self == Double.self {
      let sum = row.withMemoryRebound(to: Double.self) {
        Self.exponentialSum($0, minus: unsafeBitCast(m, to: Double.self))
      }
      return unsafeBitCast(sum, to: T.self)
    }
    if T.self == Float.self {
      let sum = row.withMemoryRebound(to: Float.self) {
        Self.exponentialSum($0, minus: unsafeBitCast(m, to: Float.self))
      }
      return unsafeBitCast(sum, to: T.self)
    }
    return nil
  }

  /// `Σ_c e^(row[c] − m)` in `Double`, eight lanes at a time; the last lanes of a short tail
  /// hold −∞, whose exponential is 0.
  @inlinable
  static func exponentialSum(_ row: UnsafeBufferPointer<Double>, minus m: Double) -> Double {
    typealias V = SIMD8<Double>
    guard let base = row.baseAddress else { return 0 }
    let shift = V(repeating: m)
    var sum = V(repeating: 0)
    var c = 0
    while c + V.scalarCount <= row.count {
      let x = UnsafeRawPointer(base + c).loadUnaligned(as: V.self)
      sum += DoubleLanes.exponentials(x - shift).exp
      c += V.scalarCount
    }
    if c < row.count {
      var x = V(repeating: -.infinity)
      for l in 0..<(row.count - c) { x[l] = base[c + l] - m }
      sum += DoubleLanes.exponentials(x).exp
    }
    return sum.sum()
  }

  /// `Σ_c e^(row[c] − m)` in `Float`, sixteen lanes at a time; the last lanes of a short tail
  /// hold −∞, whose exponential is 0.
  @inlinable
  static func exponentialSum(_ row: UnsafeBufferPointer<Float>, minus m: Float) -> Float {
    typealias V = SIMD16<Float>
    guard let base = row.baseAddress else { return 0 }
    let shift = V(repeating: m)
    var sum = V(repeating: 0)
    var c = 0
    while c + V.scalarCount <= row.count {
      let x = UnsafeRawPointer(base + c).loadUnaligned(as: V.self)
      sum += FloatLanes.exp(x - shift)
      c += V.scalarCount
    }
    if c < row.count {
      var x = V(repeating: -.infinity)
      for l in 0..<(row.count - c) { x[l] = base[c + l] - m }
      sum += FloatLanes.exp(x)
    }
    return sum.sum()
  }
}
