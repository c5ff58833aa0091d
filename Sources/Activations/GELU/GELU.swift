import LayerCore

/// The Gaussian error linear unit, exact form (PyTorch's `nn.GELU()`, `approximate="none"`):
/// f(x) = x · Φ(x) with Φ the standard normal distribution function, Φ(x) = erfc(−x/√2) / 2,
/// and f'(x) = Φ(x) + x · φ(x), φ(x) = e^(−x²/2) / √(2π). For the tanh approximation
/// (`approximate="tanh"`) use `GELUTanh`.
///
/// Stable forms: Φ is computed as erfc(−x/√2) / 2, never as (1 + erf(x/√2)) / 2, which cancels
/// to nothing in the left tail (it is 0 below x ≈ −8.3 in `Double`). Both erfc(z) and e^(−x²/2)
/// are so steep in the tail that half an ULP of their argument costs about x²/2 ULPs of the
/// result, so the arguments are carried exactly: x/√2 and x² as a rounded value plus its exact
/// rounding error (``LayerScalar/productWithError(_:_:)``), the error applied as a first-order
/// correction. Near x₀ ≈ −0.7518, where f' has its root and Φ + x φ cancels, f' is a Taylor
/// series in x − x₀. For x ≤ −36, f = −φ(x) · S(x) with S the asymptotic series of the Mills
/// ratio, so f keeps its digits where Φ alone is subnormal. For |x| ≥ 64, Φ is 0 or 1 to far below an ULP and f and f' are their
/// limits. In `Float` both are computed in `Double` and rounded once
/// (``LayerScalar/evaluatedWide(_:_:)``). Smooth: no kinks.
/// Limits: f(−∞) = 0, f(+∞) = +∞, f'(−∞) = 0, f'(+∞) = 1. NaN in gives NaN out.
public struct GELU: Activation {
  /// The exact GELU has no parameters.
  public init() {}

  /// `"GELU"`.
  public var name: String { "GELU" }

  /// No kinks: GELU is smooth.
  public var kinks: [Kink] { [] }

  /// x · Φ(x), in `Double` for `Float`.
  @inlinable
  public func value<T: LayerScalar>(at x: T) -> T {
    T.evaluatedWide(x) { Self.gelu($0) }
  }

  /// Φ(x) + x · φ(x), in `Double` for `Float`.
  @inlinable
  public func derivative<T: LayerScalar>(at x: T) -> T {
    T.evaluatedWide(x) { Self.slope($0) }
  }

  /// x · Φ(x).
  @inlinable
  static func gelu<U: LayerScalar>(_ x: U) -> U {
    if U.abs(x) >= 64 { return x > 0 ? x : 0 }
    if x <= -36 { return -normalDensity(x) * millsSeries(x) }
    return x * normalCDF(x)
  }

  /// S(x) = |x| Φ(x) / φ(x) = 1 − 1/x² + 3/x⁴ − 15/x⁶ + … for x ≤ −36, to 1e-19 (the
  /// asymptotic series, nine terms). Below x ≈ −37.5, Φ(x) is subnormal but f(x) = −φ(x) S(x)
  /// is still normal down to x ≈ −37.6: from φ, which is normal there, f keeps every digit.
  @inlinable
  static func millsSeries<U: LayerScalar>(_ x: U) -> U {
    let r = 1 / (x * x)
    var sum: U = 0
    for k in stride(from: 9, through: 1, by: -1) {
      // term k is (−1)^k (2k − 1)!! r^k: Horner in r with ratio −(2k − 1) r.
      sum = -U(2 * k - 1) * r * (1 + sum)
    }
    return 1 + sum
  }

  /// Φ(x) + x · φ(x).
  @inlinable
  static func slope<U: LayerScalar>(_ x: U) -> U {
    if U.abs(x) >= 64 { return x > 0 ? 1 : 0 }
    if U.abs(x - U(rootHead)) < U(rootRadius) { return rootSeries(x) }
    return normalCDF(x) + x * normalDensity(x)
  }

  /// Φ(x) = erfc(z) / 2 at z = −x/√2 carried exactly: z = −(head + tail) with head + tail =
  /// x/√2 to twice the working precision, and erfc(z + δ) = erfc(z) − δ · 2e^(−z²)/√π.
  @inlinable
  static func normalCDF<U: LayerScalar>(_ x: U) -> U {
    let (head, tail) = U.productWithError(x, U(0.707_106_781_186_547_6))
    let z = -head
    let delta = -(tail + x * U(-4.833_646_656_726_457e-17))  // 1/√2 − its Double
    return U(0.5) * U.erfc(z) - delta * U.exp(-z * z) * U(0.564_189_583_547_756_3)  // 1/√π
  }

  /// φ(x) = e^(−x²/2) / √(2π) with x² = head + tail exactly: e^(−head/2) · (1 − tail/2).
  @inlinable
  static func normalDensity<U: LayerScalar>(_ x: U) -> U {
    let (head, tail) = U.productWithError(x, x)
    return U.exp(-head / 2) * (1 - tail / 2) * U(0.398_942_280_401_432_7)  // 1/√(2π)
  }

  // MARK: f' near its root (coefficients from Scripts/derivative_root_series.py)

  /// The root x₀ ≈ -0.751791524 of f', as the nearest `Double` and the rest.
  @usableFromInline static let rootHead = -0.7517915246935645
  /// x₀ − ``rootHead``.
  @usableFromInline static let rootTail = 1.4956759177009883e-17
  /// Where the series replaces the closed form: |x − x₀| < 0.5.
  @usableFromInline static let rootRadius = 0.5
  /// f'(x₀ + t) = Σ cₖ tᵏ for k = 1…24; its relative error is below 3.02e-20 for
  /// |t| < ``rootRadius``.
  @usableFromInline static let rootCoefficients: [Double] = [
    0.4314939923140469, 0.388284982990552, -0.018199676398671087,
    -0.1140082332972217, -0.014771522148244337, 0.019421679838189067,
    0.004539228379125415, -0.002239538068073497, -0.0007448268386746817,
    0.00018633974623233514, 8.615947861116571e-05, -1.121438018842664e-05,
    -7.74846130700372e-06, 4.3284506257392273e-07, 5.702764979242107e-07,
    -1.6044265494246427e-09, -3.5459866461783865e-08, -1.396942086426202e-09,
    1.90319840501314e-09, 1.4506418938779426e-10, -8.950037692726255e-11,
    -9.950340824808053e-12, 3.725967039270119e-12, 5.482292964742324e-13,
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
