import LayerCore

/// Soft shrinkage (PyTorch's `nn.Softshrink`): x − λ for x > λ, x + λ for x < −λ, and 0 in
/// between, with λ = `lambda` ≥ 0 (default 0.5).
///
/// For λ > 0, two kinks. At −λ the slope is 1 on the left and 0 on the right; at λ it is 0 on
/// the left and 1 on the right. As in PyTorch's autograd (`softshrink_backward` gives 0 for
/// −λ ≤ x ≤ λ), `derivative(at:)` returns 0 at both: the right limit at −λ and the left limit
/// at λ. For λ = 0 the function is the identity, smooth, with no kinks and derivative 1
/// everywhere, 0 included (PyTorch's autograd returns 0 at exactly 0 there; that is not the
/// derivative of the identity, and the kit would flag it as a derivative switch where the
/// function is smooth). Limits: ±∞ at ±∞, derivative 1 at both. NaN in gives NaN out.
public struct Softshrink: VectorizedActivation {
  /// The threshold λ ≥ 0. Default 0.5.
  public var lambda: Double

  /// Soft shrinkage with threshold `lambda` (default 0.5).
  ///
  /// - Precondition: `lambda` is finite and ≥ 0, as PyTorch requires.
  public init(lambda: Double = 0.5) {
    precondition(lambda.isFinite && lambda >= 0, "Softshrink needs a finite lambda >= 0")
    self.lambda = lambda
  }

  /// `"Softshrink"`.
  public var name: String { "Softshrink" }

  /// Kinks at −λ (derivative: the right limit 0) and λ (the left limit 0); none for λ = 0.
  public var kinks: [Kink] {
    if lambda == 0 { return [] }
    return [Kink(at: -lambda, convention: .rightLimit), Kink(at: lambda, convention: .leftLimit)]
  }

  /// `lambda`, checked at 0, 0.5 and 2.
  public var parameters: [Parameter] {
    [Parameter(name: "lambda", value: lambda, checkedValues: [0, 0.5, 2])]
  }

  /// A copy with `lambda` set to `value`.
  ///
  /// - Throws: ``ComponentError`` for another name or a value that is not finite and ≥ 0.
  public func setting(_ parameter: String, to value: Double) throws(ComponentError) -> Softshrink {
    guard parameter == "lambda" else {
      throw .unknownParameter(component: name, name: parameter, known: ["lambda"])
    }
    guard value.isFinite, value >= 0 else {
      throw .invalidParameter(
        component: name, name: parameter, value: value, reason: "must be finite and >= 0")
    }
    return Softshrink(lambda: value)
  }

  /// x − λ for x > λ, x + λ for x < −λ, 0 in between (x itself for λ = 0); NaN propagated.
  @inlinable
  public func value<T: LayerScalar>(at x: T) -> T {
    let l = T(lambda)
    if x > l { return x - l }
    if x < -l { return x + l }
    return lambda == 0 || x.isNaN ? x : 0
  }

  /// 1 for |x| > λ, 0 for |x| ≤ λ (1 everywhere for λ = 0), NaN for NaN.
  @inlinable
  public func derivative<T: LayerScalar>(at x: T) -> T {
    if x.isNaN { return x }
    if lambda == 0 { return 1 }
    return T.abs(x) > T(lambda) ? 1 : 0
  }

  /// f on `SIMD8<Double>` lanes, bit for bit the scalar ``value(at:)``.
  @inlinable
  public func value(lanes x: SIMD8<Double>) -> SIMD8<Double> {
    let l = Double(lambda)
    if lambda == 0 { return x }
    return SIMD8<Double>(repeating: 0).replacing(with: x - l, where: x .> l).replacing(
      with: x + l, where: x .< -l
    )
    .replacing(with: x, where: x .!= x)
  }

  /// f' on `SIMD8<Double>` lanes, bit for bit the scalar ``derivative(at:)``.
  @inlinable
  public func derivative(lanes x: SIMD8<Double>) -> SIMD8<Double> {
    if lambda == 0 { return SIMD8<Double>(repeating: 1).replacing(with: x, where: x .!= x) }
    let magnitude = x.replacing(with: -x, where: x .< 0)
    return SIMD8<Double>(repeating: 0).replacing(with: 1, where: magnitude .> Double(lambda))
      .replacing(with: x, where: x .!= x)
  }
}
