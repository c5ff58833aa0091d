import LayerCore

/// The continuously differentiable exponential linear unit (PyTorch's `nn.CELU`):
/// max(0, x) + min(0, α (e^(x/α) − 1)), that is x for x > 0 and α (e^(x/α) − 1) for x ≤ 0,
/// with α = `alpha` > 0 (default 1).
///
/// No kinks, for every α: the slope of the negative branch, e^(x/α), is 1 at 0, the same as
/// the slope of the positive branch, so the derivative is continuous. That is the point of
/// CELU: an ELU with α ≠ 1 has a kink at 0, a CELU has none (the catalogue issue listed one for
/// α ≠ 1; the one-sided slopes say otherwise). `derivative(at: 0)` returns 1, as PyTorch's
/// autograd does. e^(x/α) − 1 is computed with `expm1`, so there is no cancellation near 0.
/// α must be positive: for α < 0 the negative branch overflows to −∞ at finite x, and α = 0
/// divides by zero (PyTorch rejects it too). Limits: f(−∞) = −α, f(+∞) = +∞,
/// f'(−∞) = 0, f'(+∞) = 1. NaN in gives NaN out.
public struct CELU: Activation {
  /// The scale α > 0 of the negative branch, its limit at −∞ being −α. Default 1.
  public var alpha: Double

  /// A CELU with the given α (default 1).
  ///
  /// - Precondition: `alpha` is finite and > 0.
  public init(alpha: Double = 1) {
    precondition(alpha.isFinite && alpha > 0, "CELU needs a finite alpha > 0")
    self.alpha = alpha
  }

  /// `"CELU"`.
  public var name: String { "CELU" }

  /// `alpha`, checked at 0.25, 1 and 3.
  public var parameters: [Parameter] {
    [Parameter(name: "alpha", value: alpha, checkedValues: [0.25, 1, 3])]
  }

  /// A copy with `alpha` set to `value`.
  ///
  /// - Throws: ``ComponentError`` for another name or a value that is not finite and > 0.
  public func setting(_ parameter: String, to value: Double) throws(ComponentError) -> CELU {
    guard parameter == "alpha" else {
      throw .unknownParameter(component: name, name: parameter, known: ["alpha"])
    }
    guard value.isFinite, value > 0 else {
      throw .invalidParameter(
        component: name, name: parameter, value: value, reason: "must be finite and > 0")
    }
    return CELU(alpha: value)
  }

  /// x for x > 0, α · expm1(x / α) otherwise; NaN propagated.
  @inlinable
  public func value<T: LayerScalar>(at x: T) -> T {
    x > 0 ? x : T(alpha) * T.expm1(x / T(alpha))
  }

  /// 1 for x > 0, e^(x/α) for x ≤ 0 (1 at 0); NaN propagated.
  @inlinable
  public func derivative<T: LayerScalar>(at x: T) -> T {
    x > 0 ? 1 : T.exp(x / T(alpha))
  }
}
