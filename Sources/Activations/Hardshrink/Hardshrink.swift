import LayerCore

/// Hard shrinkage (PyTorch's `nn.Hardshrink`): x for |x| > λ and 0 for |x| ≤ λ, with
/// λ = `lambda` ≥ 0 (default 0.5).
///
/// For λ > 0 the function is discontinuous: it jumps from 0 to ±λ at ±λ (f(±λ) = 0, the value
/// of the middle piece, as in PyTorch). Away from the jumps the derivative is 1 outside and 0
/// inside; at ±λ it returns 0, as PyTorch's autograd does (`hardshrink_backward` gives 0 for
/// −λ ≤ x ≤ λ). There are no kinks (the slopes on either side of a jump are what they are,
/// and the jump is not a kink). For λ = 0 the function is the identity, with derivative 1
/// everywhere, 0 included (PyTorch returns 0 at exactly 0 there). Limits: ±∞ at ±∞,
/// derivative 1 at both. NaN in gives NaN out.
public struct Hardshrink: Activation {
  /// The threshold λ ≥ 0. Default 0.5.
  public var lambda: Double

  /// Hard shrinkage with threshold `lambda` (default 0.5).
  ///
  /// - Precondition: `lambda` is finite and ≥ 0, as PyTorch requires.
  public init(lambda: Double = 0.5) {
    precondition(lambda.isFinite && lambda >= 0, "Hardshrink needs a finite lambda >= 0")
    self.lambda = lambda
  }

  /// `"Hardshrink"`.
  public var name: String { "Hardshrink" }

  /// Jumps at −λ (from −λ to 0) and at λ (from 0 to λ); none for λ = 0. At each jump f is 0,
  /// the inner piece's value, and f' is 0, the inner piece's slope (PyTorch's autograd): the
  /// right limit at −λ and the left limit at λ.
  public var jumps: [Jump] {
    if lambda == 0 { return [] }
    return [
      Jump(at: -lambda, value: 0, derivative: .rightLimit),
      Jump(at: lambda, value: 0, derivative: .leftLimit),
    ]
  }

  /// `lambda`, checked at 0, 0.5 and 2.
  public var parameters: [Parameter] {
    [Parameter(name: "lambda", value: lambda, checkedValues: [0, 0.5, 2])]
  }

  /// A copy with `lambda` set to `value`.
  ///
  /// - Throws: ``ComponentError`` for another name or a value that is not finite and ≥ 0.
  public func setting(_ parameter: String, to value: Double) throws(ComponentError) -> Hardshrink {
    guard parameter == "lambda" else {
      throw .unknownParameter(component: name, name: parameter, known: ["lambda"])
    }
    guard value.isFinite, value >= 0 else {
      throw .invalidParameter(
        component: name, name: parameter, value: value, reason: "must be finite and >= 0")
    }
    return Hardshrink(lambda: value)
  }

  /// x for |x| > λ, 0 for |x| ≤ λ (x itself for λ = 0); NaN propagated.
  @inlinable
  public func value<T: LayerScalar>(at x: T) -> T {
    if lambda == 0 || x.isNaN { return x }
    return T.abs(x) > T(lambda) ? x : 0
  }

  /// 1 for |x| > λ, 0 for |x| ≤ λ (1 everywhere for λ = 0), NaN for NaN.
  @inlinable
  public func derivative<T: LayerScalar>(at x: T) -> T {
    if x.isNaN { return x }
    if lambda == 0 { return 1 }
    return T.abs(x) > T(lambda) ? 1 : 0
  }
}
