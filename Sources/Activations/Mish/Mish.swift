import LayerCore

/// Mish (PyTorch's `nn.Mish`): f(x) = x · tanh(softplus(x)), softplus(x) = log(1 + e^x).
///
/// Stable forms: with e = e^(−|x|), tanh(softplus(x)) is the rational function
/// (1 + 2e) / (1 + 2e + 2e²) for x ≥ 0 and e(e + 2) / (e(e + 2) + 2) for x < 0, whose terms are
/// all positive, so there is no log, no tanh of a rounded argument and no overflow. The same e
/// gives f'(x) = tanh(sp) + x · sech²(sp) · σ(x) as a sum of positive terms for x ≥ 0 and as
/// e · ((e + 2)(n + 2) + 4x(1 + e)) / (n + 2)², n = e(e + 2), for x < 0; near its root
/// x₀ ≈ −1.1924, where that bracket cancels, f' is a Taylor series in x − x₀. In `Float` both
/// are computed in `Double` and rounded once (``LayerScalar/evaluatedWide(_:_:)``). Smooth: no
/// kinks. Limits: f(−∞) = 0, f(+∞) = +∞, f'(−∞) = 0, f'(+∞) = 1. NaN in gives NaN out.
public struct Mish: Activation {
  /// Mish has no parameters.
  public init() {}

  /// `"Mish"`.
  public var name: String { "Mish" }

  /// No kinks: Mish is smooth.
  public var kinks: [Kink] { [] }

  /// x · tanh(softplus(x)), in `Double` for `Float`.
  @inlinable
  public func value<T: LayerScalar>(at x: T) -> T {
    T.evaluatedWide(x) { Self.mish($0) }
  }

  /// tanh(sp) + x · sech²(sp) · σ(x), in `Double` for `Float`.
  @inlinable
  public func derivative<T: LayerScalar>(at x: T) -> T {
    T.evaluatedWide(x) { Self.slope($0) }
  }

  /// x · tanh(softplus(x)).
  @inlinable
  static func mish<U: LayerScalar>(_ x: U) -> U {
    if x.isInfinite { return x > 0 ? x : 0 }
    let e = U.exp(-U.abs(x))
    if x >= 0 {
      let twoE = 2 * e
      return x * ((1 + twoE) / (1 + twoE + twoE * e))
    }
    let n = e * (e + 2)
    return x * (n / (n + 2))
  }

  /// tanh(sp) + x · sech²(sp) · σ(x).
  @inlinable
  static func slope<U: LayerScalar>(_ x: U) -> U {
    if x.isInfinite { return x > 0 ? 1 : 0 }
    let e = U.exp(-U.abs(x))
    if x >= 0 {
      // tanh(sp) = (1 + 2e) / d and x · sech²(sp) · σ(x) = 4x e² (1 + e) / d², d = 1 + 2e + 2e².
      let d = 1 + 2 * e + 2 * e * e
      return (1 + 2 * e) / d + 4 * ((x * e) * e) * (1 + e) / (d * d)
    }
    let n = e * (e + 2)
    let d = n + 2
    // e · x first: for x near −greatestFiniteMagnitude, e = 0 keeps 4 x (1 + e) from overflowing.
    return (e * (e + 2) * d + 4 * (e * x) * (1 + e)) / (d * d)
  }
}
