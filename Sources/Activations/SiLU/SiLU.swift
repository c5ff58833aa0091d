import LayerCore

/// The sigmoid-weighted linear unit, also called Swish (PyTorch's `nn.SiLU`):
/// f(x) = x · σ(x), f'(x) = σ(x) · (1 + x · σ(−x)).
///
/// Stable forms: σ(x) and σ(−x) both come from e^(−|x|) (``LayerScalar/logistic(_:)``), so for
/// large negative x the tiny f and f' keep full relative accuracy, and 1 − σ(x) is never formed
/// by subtraction. Near x₀ ≈ −1.2785, where f' has its root and 1 + x · σ(−x) cancels, f' is a
/// Taylor series in x − x₀ (``SiLU/rootSeries(_:)``). In `Float` both are computed in `Double`
/// and rounded once (``LayerScalar/evaluatedWide(_:_:)``). Smooth: no kinks.
/// Limits: f(−∞) = 0, f(+∞) = +∞, f'(−∞) = 0, f'(+∞) = 1. NaN in gives NaN out.
public struct SiLU: Activation {
  /// SiLU has no parameters.
  public init() {}

  /// `"SiLU"`.
  public var name: String { "SiLU" }

  /// No kinks: SiLU is smooth.
  public var kinks: [Kink] { [] }

  /// x · σ(x), and the limits at ±∞; in `Double` for `Float`.
  @inlinable
  public func value<T: LayerScalar>(at x: T) -> T {
    T.evaluatedWide(x) { Self.silu($0) }
  }

  /// σ(x) · (1 + x · σ(−x)), a series near its root; in `Double` for `Float`.
  @inlinable
  public func derivative<T: LayerScalar>(at x: T) -> T {
    T.evaluatedWide(x) { Self.slope($0) }
  }

  /// x · σ(x).
  @inlinable
  static func silu<U: LayerScalar>(_ x: U) -> U {
    if x.isInfinite { return x > 0 ? x : 0 }
    return x * U.logistic(x)
  }

  /// σ(x) · (1 + x · σ(−x)).
  @inlinable
  static func slope<U: LayerScalar>(_ x: U) -> U {
    if x.isInfinite { return x > 0 ? 1 : 0 }
    return U.logistic(x) * (1 + x * U.logistic(-x))
  }
}
