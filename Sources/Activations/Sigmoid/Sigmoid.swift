import LayerCore

/// The logistic sigmoid σ(x) = 1 / (1 + e^-x).
///
/// The value is computed from e^-|x| so it never overflows; the derivative
/// σ'(x) = σ(x)(1 - σ(x)) is computed as e^-|x| / (1 + e^-|x|)², which keeps full relative
/// accuracy in both tails (the product form loses every digit for large x, where σ rounds
/// to 1). Limits: σ(-∞) = 0, σ(+∞) = 1, σ'(±∞) = 0.
public struct Sigmoid: Activation {
  /// The sigmoid has no parameters.
  public init() {}

  /// `"Sigmoid"`.
  public var name: String { "Sigmoid" }

  /// σ(x).
  @inlinable
  public func value<T: LayerScalar>(at x: T) -> T { T.logistic(x) }

  /// σ'(x) = e^-|x| / (1 + e^-|x|)².
  @inlinable
  public func derivative<T: LayerScalar>(at x: T) -> T {
    let e = T.exp(-T.abs(x))
    let d = 1 + e
    return e / (d * d)
  }
}
