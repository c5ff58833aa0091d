import LayerCore

/// The L1 penalty `λ Σ |w|`, gradient `λ · sign(w)` (0 at 0, a subgradient).
public struct L1Penalty: Penalty {
  /// The strength λ.
  public var strength: Double

  /// An L1 penalty of strength `strength`.
  public init(strength: Double = 0.01) { self.strength = strength }

  /// `"L1Penalty"`.
  public var name: String { "L1Penalty" }

  /// |w| has a kink at 0, where the gradient returns 0, the average of −λ and λ.
  public var kinks: [Kink] { [Kink(at: 0, convention: .average)] }

  /// `λ Σ |w|`.
  @inlinable
  public func value<T: LayerScalar>(_ parameter: Tensor<T>) -> T {
    var sum: T = 0
    for w in parameter.scalars { sum += T.abs(w) }
    return T(strength) * sum
  }

  /// `λ · sign(w)`.
  @inlinable
  public func gradient<T: LayerScalar>(_ parameter: Tensor<T>) -> Tensor<T> {
    let lambda = T(strength)
    return parameter.map { w in w > 0 ? lambda : (w < 0 ? -lambda : (w.isNaN ? w : 0)) }
  }
}
