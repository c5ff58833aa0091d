import LayerCore

/// The exponential linear unit (PyTorch's `nn.ELU`): x for x > 0 and α (e^x − 1) for x ≤ 0,
/// with α = `alpha` (default 1).
///
/// For α ≠ 1, one kink at 0: the slope is α on the left and 1 on the right. As in PyTorch's
/// autograd (`elu_backward` takes the negative branch for x ≤ 0), `derivative(at: 0)` returns
/// α, the left limit. For α = 1 both slopes are 1 and there is no kink. e^x − 1 is computed
/// with `expm1`, so there is no cancellation near 0. Limits: f(−∞) = −α, f(+∞) = +∞,
/// f'(−∞) = 0, f'(+∞) = 1. NaN in gives NaN out.
public struct ELU: Activation {
  /// The scale α of the negative branch, its limit at −∞ being −α. Default 1. Any finite value.
  public var alpha: Double

  /// An ELU with the given α (default 1).
  public init(alpha: Double = 1) {
    self.alpha = alpha
  }

  /// `"ELU"`.
  public var name: String { "ELU" }

  /// One kink at 0, where the derivative returns the left limit α; none for α = 1.
  public var kinks: [Kink] {
    alpha == 1 ? [] : [Kink(at: 0, convention: .leftLimit)]
  }

  /// `alpha`, checked at 0, 0.5, 1 and 2.
  public var parameters: [Parameter] {
    [Parameter(name: "alpha", value: alpha, checkedValues: [0, 0.5, 1, 2])]
  }

  /// A copy with `alpha` set to `value`.
  ///
  /// - Throws: ``ComponentError`` for another name or a non-finite value.
  public func setting(_ parameter: String, to value: Double) throws(ComponentError) -> ELU {
    guard parameter == "alpha" else {
      throw .unknownParameter(component: name, name: parameter, known: ["alpha"])
    }
    guard value.isFinite else {
      throw .invalidParameter(
        component: name, name: parameter, value: value, reason: "must be finite")
    }
    return ELU(alpha: value)
  }

  /// x for x > 0, α · expm1(x) otherwise; NaN propagated.
  @inlinable
  public func value<T: LayerScalar>(at x: T) -> T {
    x > 0 ? x : T(alpha) * T.expm1(x)
  }

  /// 1 for x > 0, α · e^x for x ≤ 0; NaN propagated.
  @inlinable
  public func derivative<T: LayerScalar>(at x: T) -> T {
    x > 0 ? 1 : T(alpha) * T.exp(x)
  }
}
