import LayerCore

/// Mish (PyTorch's `nn.Mish`): f(x) = x · tanh(softplus(x)), softplus(x) = log(1 + e^x).
///
/// Stable forms: with e = e^(−|x|), tanh(softplus(x)) is the rational function
/// (1 + 2e) / (1 + 2e + 2e²) for x ≥ 0 and e(e + 2) / (e(e + 2) + 2) for x < 0, whose terms are
/// all positive, so there is no log, no tanh of a rounded argument and no overflow. The same e
/// gives f'(x) = tanh(sp) + x · sech²(sp) · σ(x) as a sum of positive terms for x ≥ 0 and as
/// e · ((4 + 4x) + e(6 + 4x) + e²(4 + e)) / (n + 2)², n = e(e + 2), for x < 0; near its root
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
    if U.abs(x - U(rootHead)) < U(rootRadius) { return rootSeries(x) }
    let e = U.exp(-U.abs(x))
    if x >= 0 {
      // tanh(sp) = (1 + 2e) / d and x · sech²(sp) · σ(x) = 4x e² (1 + e) / d², d = 1 + 2e + 2e².
      let d = 1 + 2 * e + 2 * e * e
      return (1 + 2 * e) / d + 4 * ((x * e) * e) * (1 + e) / (d * d)
    }
    // f' = e · B / (n + 2)², n = e(e + 2), with the bracket B = (e + 2)(n + 2) + 4x(1 + e)
    // expanded in powers of e as (4 + 4x) + e(6 + 4x) + e²(4 + e): its leading terms are
    // exact or nearly, so B cancels only near the root, where the series is used.
    if e == 0 { return 0 }  // x below about −745: f' ≈ x e^x underflows, and 4x may overflow
    let d = e * (e + 2) + 2
    let bracket = (4 + 4 * x) + e * (6 + 4 * x) + e * e * (4 + e)
    return e * bracket / (d * d)
  }

  // MARK: f' near its root (coefficients from Scripts/derivative_root_series.py)

  /// The root x₀ ≈ -1.192431214 of f', as the nearest `Double` and the rest.
  @usableFromInline static let rootHead = -1.1924312145154952
  /// x₀ − ``rootHead``.
  @usableFromInline static let rootTail = -4.8484829848031044e-17
  /// Where the series replaces the closed form: |x − x₀| < 1.1.
  @usableFromInline static let rootRadius = 1.1
  /// f'(x₀ + t) = Σ cₖ tᵏ for k = 1…50; its relative error is below 3.79e-20 for
  /// |t| < ``rootRadius``.
  @usableFromInline static let rootCoefficients: [Double] = [
    0.2669479140495345, 0.20473126408010586, 0.04190782104360987,
    -0.020271822716684245, -0.01582112656173338, -0.0033606849270232685,
    0.0010924055409445854, 0.0009898181021289196, 0.00025412936386191073,
    -4.1961496031696126e-05, -5.582891567360688e-05, -1.72992708103044e-05,
    9.427361327376651e-07, 2.9088199364912223e-06, 1.071676702702074e-06,
    2.6879417855557728e-08, -1.4117255919499382e-07, -6.174424363104907e-08,
    -5.460186173028381e-09, 6.3895954615089855e-09, 3.3604012383661332e-09,
    4.817646300218697e-10, -2.6751871594311224e-10, -1.7442209713382678e-10,
    -3.3904729895707114e-11, 1.0101727316036154e-11, 8.681382594457511e-12,
    2.124385967466607e-12, -3.20344479568135e-13, -4.153673469447499e-13,
    -1.2348725029307754e-13, 6.337359322280651e-15, 1.9103418630556258e-14,
    6.79383226720695e-15, 1.6183924412509285e-16, -8.421603581894615e-16,
    -3.577018575431464e-16, -3.059285498528877e-17, 3.534620906867835e-17,
    1.8140677609631626e-17, 2.535993308788154e-18, -1.3931390485019807e-18,
    -8.894451932354624e-19, -1.6944112412937898e-19, 5.009265951614554e-20,
    4.2235030313879056e-20, 1.0163291536450476e-20, -1.5274679146715112e-21,
    -1.942412562431019e-21, -5.6924483830766045e-22,
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
