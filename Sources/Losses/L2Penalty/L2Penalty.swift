import LayerCore

/// The L2 penalty `(λ/2) Σ w²`, gradient `λ w`.
public struct L2Penalty: Penalty {
  /// The strength λ.
  public var strength: Double

  /// An L2 penalty of strength `strength`.
  public init(strength: Double = 0.01) { self.strength = strength }

  /// `"L2Penalty"`.
  public var name: String { "L2Penalty" }

  /// `(λ/2) Σ w²`.
  @inlinable
  public func value<T: LayerScalar>(_ parameter: Tensor<T>) -> T {
    var sum: T = 0
    for w in parameter.scalars { sum += w * w }
    return T(strength / 2) * sum
  }

  /// `λ w`.
  @inlinable
  public func gradient<T: LayerScalar>(_ parameter: Tensor<T>) -> Tensor<T> {
    let lambda = T(strength)
    return parameter.map { lambda * $0 }
  }
}
