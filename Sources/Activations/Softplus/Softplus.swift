import LayerCore

/// Softplus with sharpness β (PyTorch's `nn.Softplus`): f(x) = log(1 + e^(βx)) / β,
/// f'(x) = σ(βx), with β = `beta` (default 1).
///
/// Stable form: f(x) = max(x, 0) + log1p(e^(−|βx|)) / β, exact in every regime (the exponent is
/// never positive, so nothing overflows, and log1p keeps the small correction accurate). It is
/// used for every x, so unlike PyTorch there is no `threshold` (PyTorch returns x itself for
/// βx > 20, which is off by up to log1p(e^−20) ≈ 2e-9); this type's results are the true
/// values, correctly rounded to within a few ULPs. In `Float` both f and f' are computed in
/// `Double` and rounded once (``LayerScalar/evaluatedWide(_:_:)``). Smooth: no kinks.
/// Limits: f(−∞) = 0, f(+∞) = +∞, f'(−∞) = 0, f'(+∞) = 1. NaN in gives NaN out.
public struct Softplus: Activation {
  /// `"Softplus"`.
  public var name: String { "Softplus" }

  /// The sharpness β > 0. Default 1, as in PyTorch.
  public var beta: Double

  /// Softplus with sharpness β (default 1).
  public init(beta: Double = 1) {
    self.beta = beta
  }

  /// `beta`, checked at 0.5, 1 and 4.
  public var parameters: [Parameter] {
    [Parameter(name: "beta", value: beta, checkedValues: [0.5, 1, 4])]
  }

  /// A copy with `beta` set to `value`.
  ///
  /// - Throws: ``ComponentError`` for another name or a value that is not finite and > 0.
  public func setting(_ parameter: String, to value: Double) throws(ComponentError) -> Softplus {
    guard parameter == "beta" else {
      throw .unknownParameter(component: name, name: parameter, known: ["beta"])
    }
    guard value.isFinite, value > 0 else {
      throw .invalidParameter(component: name, name: parameter, value: value, reason: "must be > 0")
    }
    return Softplus(beta: value)
  }

  /// No kinks: softplus is smooth.
  public var kinks: [Kink] { [] }

  /// max(x, 0) + log1p(e^(−|βx|)) / β, in `Double` for `Float`.
  @inlinable
  public func value<T: LayerScalar>(at x: T) -> T {
    let beta = self.beta
    return T.evaluatedWide(x) { Self.softplus($0, beta: .init(beta)) }
  }

  /// σ(βx), in `Double` for `Float`.
  @inlinable
  public func derivative<T: LayerScalar>(at x: T) -> T {
    let beta = self.beta
    return T.evaluatedWide(x) { Self.sigmoid($0, beta: .init(beta)) }
  }

  /// σ(βx).
  @inlinable
  static func sigmoid<U: LayerScalar>(_ x: U, beta: U) -> U { U.logistic(beta * x) }

  /// max(x, 0) + log1p(e^(−|βx|)) / β: no intermediate overflows, no cancellation.
  @inlinable
  static func softplus<U: LayerScalar>(_ x: U, beta: U) -> U {
    // x ≥ 0, not x > 0: at 0 a dual number then carries 1 − 1/2, the true slope.
    let positivePart = x >= 0 ? x : 0
    return positivePart + U.log1p(U.exp(-U.abs(beta * x))) / beta
  }
}
