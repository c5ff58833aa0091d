import LayerCore

/// The log-sigmoid (PyTorch's `nn.LogSigmoid`): f(x) = log σ(x) = −log(1 + e^(−x)),
/// f'(x) = σ(−x) = 1 − σ(x).
///
/// Stable form: f(x) = −softplus(−x) = min(x, 0) − log1p(e^(−|x|)). The exponent is never
/// positive, so nothing overflows, and log1p keeps full accuracy where the textbook
/// log(σ(x)) rounds σ(x) to 1 and returns 0 (x above about 37) or cancels near 0. f' is
/// σ(−x), computed from e^(−|x|) with no subtraction 1 − σ(x). In `Float` both are computed in
/// `Double` and rounded once (``LayerScalar/evaluatedWide(_:_:)``). Smooth: no kinks.
/// Limits: f(−∞) = −∞, f(+∞) = 0, f'(−∞) = 1, f'(+∞) = 0. NaN in gives NaN out.
public struct LogSigmoid: Activation {
  /// LogSigmoid has no parameters.
  public init() {}

  /// `"LogSigmoid"`.
  public var name: String { "LogSigmoid" }

  /// No kinks: the log-sigmoid is smooth.
  public var kinks: [Kink] { [] }

  /// min(x, 0) − log1p(e^(−|x|)), in `Double` for `Float`.
  @inlinable
  public func value<T: LayerScalar>(at x: T) -> T {
    T.evaluatedWide(x) { Self.logSigmoid($0) }
  }

  /// σ(−x), in `Double` for `Float`.
  @inlinable
  public func derivative<T: LayerScalar>(at x: T) -> T {
    T.evaluatedWide(x) { Self.slope($0) }
  }

  /// min(x, 0) − log1p(e^(−|x|)): two terms of the same sign, no cancellation.
  @inlinable
  static func logSigmoid<U: LayerScalar>(_ x: U) -> U {
    let negativePart = x < 0 ? x : 0
    return negativePart - U.log1p(U.exp(-U.abs(x)))
  }

  /// σ(−x).
  @inlinable
  static func slope<U: LayerScalar>(_ x: U) -> U { U.logistic(-x) }
}
