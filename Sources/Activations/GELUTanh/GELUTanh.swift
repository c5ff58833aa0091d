import LayerCore

/// The Gaussian error linear unit, tanh approximation (PyTorch's `nn.GELU(approximate="tanh")`):
/// f(x) = x/2 · (1 + tanh(√(2/π) · (x + 0.044715 x³))) = x · σ(v), v = 2√(2/π)(x + 0.044715 x³),
/// f'(x) = σ(v) + x · σ(v) σ(−v) · 2√(2/π)(1 + 3 · 0.044715 x²). For the exact form with erf use
/// `GELU`. The constants are PyTorch's: √(2/π) and the decimal 0.044715.
///
/// Stable forms: 1 + tanh(u) is written 2σ(2u), so nothing cancels in the left tail, where
/// σ(v) ≈ e^v. There half an ULP of v costs |v| ULPs of the result (v ≈ −87 at x = −10), so v
/// is carried to twice the working precision (x³ and the two constants each as a head and a
/// tail, ``LayerScalar/productWithError(_:_:)``) and its tail applied as a first-order
/// correction to σ. Near x₀ ≈ −0.7521, where f' has its root and its two terms cancel, f' is a
/// Taylor series in x − x₀. For |x| ≥ 64, σ(v) is 0 or 1 to far below an ULP and f and f' are
/// their limits. In `Float` both are computed in `Double` and rounded once
/// (``LayerScalar/evaluatedWide(_:_:)``). Smooth: no kinks.
/// Limits: f(−∞) = 0, f(+∞) = +∞, f'(−∞) = 0, f'(+∞) = 1. NaN in gives NaN out.
public struct GELUTanh: Activation {
  /// The tanh-approximated GELU has no parameters.
  public init() {}

  /// `"GELUTanh"`.
  public var name: String { "GELUTanh" }

  /// No kinks: it is smooth.
  public var kinks: [Kink] { [] }

  /// x · σ(v), in `Double` for `Float`.
  @inlinable
  public func value<T: LayerScalar>(at x: T) -> T {
    T.evaluatedWide(x) { Self.geluTanh($0) }
  }

  /// σ(v) + x · σ(v) σ(−v) · v'(x), in `Double` for `Float`.
  @inlinable
  public func derivative<T: LayerScalar>(at x: T) -> T {
    T.evaluatedWide(x) { Self.slope($0) }
  }

  /// x · σ(v).
  @inlinable
  static func geluTanh<U: LayerScalar>(_ x: U) -> U {
    if U.abs(x) >= 64 { return x > 0 ? x : 0 }
    return x * sigmoids(x).positive
  }

  /// σ(v) (1 + x σ(−v) v'(x)).
  @inlinable
  static func slope<U: LayerScalar>(_ x: U) -> U {
    if U.abs(x) >= 64 { return x > 0 ? 1 : 0 }
    if U.abs(x - U(rootHead)) < U(rootRadius) { return rootSeries(x) }
    let (positive, negative) = sigmoids(x)
    let vPrime = U(1.595_769_121_605_730_8) + U(0.214_064_448_817_800_73) * (x * x)
    return positive + x * positive * negative * vPrime
  }

  /// σ(v) and σ(−v), v = a x + b x³ with a = 2√(2/π) and b = 0.044715 a, from v = head + tail:
  /// σ(head + tail) = σ(head) (1 + tail σ(−head)), σ(−head − tail) = σ(−head) (1 − tail σ(head)).
  @inlinable
  static func sigmoids<U: LayerScalar>(_ x: U) -> (positive: U, negative: U) {
    let (aHead, aTail) = (U(1.595_769_121_605_730_8), U(-9.969_308_809_110_92e-17))
    let (bHead, bTail) = (U(0.071_354_816_272_600_25), U(-6.175_149_918_155_315e-19))
    let (square, squareTail) = U.productWithError(x, x)
    let (cube, cubeTail0) = U.productWithError(x, square)
    let cubeTail = cubeTail0 + x * squareTail
    let (cubic, cubicTail0) = U.productWithError(bHead, cube)
    let cubicTail = cubicTail0 + bHead * cubeTail + bTail * cube
    let (linear, linearTail0) = U.productWithError(aHead, x)
    let linearTail = linearTail0 + aTail * x
    let head = cubic + linear
    let back = head - cubic
    let sumTail = (cubic - (head - back)) + (linear - back)
    let tail = sumTail + cubicTail + linearTail
    let positive = U.logistic(head)
    let negative = U.logistic(-head)
    return (positive * (1 + tail * negative), negative * (1 - tail * positive))
  }

  // MARK: f' near its root (coefficients from Scripts/derivative_root_series.py)

  /// The root x₀ ≈ -0.752461422 of f', as the nearest `Double` and the rest.
  @usableFromInline static let rootHead = -0.7524614220710163
  /// x₀ − ``rootHead``.
  @usableFromInline static let rootTail = 3.635560509207687e-17
  /// Where the series replaces the closed form: |x − x₀| < 0.9.
  @usableFromInline static let rootRadius = 0.9
  /// f'(x₀ + t) = Σ cₖ tᵏ for k = 1…43; its relative error is below 1.07e-19 for
  /// |t| < ``rootRadius``.
  @usableFromInline static let rootCoefficients: [Double] = [
    0.4304000910248585, 0.38751844613578895, -0.01578285352184803,
    -0.11394448308095899, -0.01661932834305256, 0.019682309459833118,
    0.005261059254921912, -0.0024227318458750974, -0.0009274420230205449,
    0.00026392764052681053, 0.00012425227802639782, -3.4956171694436116e-05,
    -1.5950896871645105e-05, 5.918611710894005e-06, 2.4335516344299543e-06,
    -9.898647747433667e-07, -4.3102482988029016e-07, 1.4157556987729473e-07,
    7.520740909289922e-08, -1.6978217459781023e-08, -1.196180847972441e-08,
    1.7637802707907564e-09, 1.744987137846621e-09, -1.708811216951738e-10,
    -2.433873557833449e-10, 1.687283177355558e-11, 3.393384490409003e-11,
    -1.6704708256434772e-12, -4.827778412316251e-12, 1.2486727012407477e-13,
    6.939761437601454e-13, 3.5144509347290215e-15, -9.865467716880927e-14,
    -4.0424099628443715e-15, 1.3689635953428314e-14, 1.0670712209669226e-15,
    -1.8550779636696272e-15, -2.1115707405860734e-16, 2.4762252206615437e-16,
    3.678760822956425e-17, -3.284110461653973e-17, -6.0309047917836144e-18,
    4.339430603651584e-18,
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
