import LayerCore

/// The sigmoid-weighted linear unit, also called Swish (PyTorch's `nn.SiLU`):
/// f(x) = x · σ(x), f'(x) = σ(x) · (1 + x · σ(−x)).
///
/// Stable forms: σ(x) and σ(−x) both come from e^(−|x|) (``LayerScalar/logistic(_:)``), so for
/// large negative x the tiny f and f' keep full relative accuracy, and 1 − σ(x) is never formed
/// by subtraction. Near x₀ ≈ −1.2785, where f' has its root and 1 + x · σ(−x) cancels, f' is a
/// Taylor series in x − x₀. In `Float` both are computed in `Double` and rounded once
/// (``LayerScalar/evaluatedWide(_:_:)``). Smooth: no kinks.
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

  /// σ(x) · (1 + x · σ(−x)), over e = e^(−|x|) and d = 1 + e: ((1 + e) + x e) / d² for x ≥ 0
  /// (positive terms) and e ((1 + x) + e) / d² below (1 + x exact near the root, where the
  /// series takes over).
  @inlinable
  static func slope<U: LayerScalar>(_ x: U) -> U {
    if x.isInfinite { return x > 0 ? 1 : 0 }
    if U.abs(x - U(rootHead)) < U(rootRadius) { return rootSeries(x) }
    let e = U.exp(-U.abs(x))
    let d = 1 + e
    if x >= 0 { return ((1 + e) + x * e) / (d * d) }
    return e * ((1 + x) + e) / (d * d)
  }

  // MARK: f' near its root (coefficients from Scripts/derivative_root_series.py)

  /// The root x₀ ≈ -1.278464542 of f', as the nearest `Double` and the rest.
  @usableFromInline static let rootHead = -1.2784645427610737
  /// x₀ − ``rootHead``.
  @usableFromInline static let rootTail = -1.0946994183093437e-16
  /// Where the series replaces the closed form: |x − x₀| < 0.75.
  @usableFromInline static let rootRadius = 0.75
  /// f'(x₀ + t) = Σ cₖ tᵏ for k = 1…31; its relative error is below 1.31e-19 for
  /// |t| < ``rootRadius``.
  @usableFromInline static let rootCoefficients: [Double] = [
    0.2178117057198001, 0.1466487969969469, 0.018874814223782312,
    -0.015222655223188032, -0.006606589138356696, 0.000126627410081122,
    0.0007985218818397998, 0.00018570724361186496, -4.090534237428612e-05,
    -2.9733542213263917e-05, -2.942631888842464e-06, 2.346029682463866e-06,
    8.599695028268575e-07, -3.051244750055421e-08, -9.266646309267441e-08,
    -1.8877622907727957e-08, 4.619379769031606e-09, 2.9177603026903803e-09,
    2.3648315053103244e-10, -2.251366201881081e-10, -7.50344609385287e-11,
    3.998547874723996e-12, 8.04274075537398e-12, 1.4842855116792256e-12,
    -4.1428341124873365e-13, -2.3496573817834053e-13, -1.5376365106809265e-14,
    1.8397842645887054e-14, 5.662235988802348e-15, -4.0908332256286805e-16,
    -6.188638949724368e-16,
  ]

  /// f'(x) near its root: Horner's rule in t = (x − ``rootHead``) − ``rootTail``, which is
  /// exact to an ULP of t, so the result keeps full relative accuracy however small it is.
  @inlinable
  static func rootSeries<U: LayerScalar>(_ x: U) -> U {
    let t = (x - U(rootHead)) - U(rootTail)
    var sum: U = 0
    for coefficient in rootCoefficients.reversed() { sum = (sum + U(coefficient)) * t }
    return sum
  }
}
