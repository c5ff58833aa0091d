import LayerCore

/// The rectified linear unit capped at 6: min(max(x, 0), 6) (PyTorch's `nn.ReLU6`).
///
/// Two kinks. At 0 the slope is 0 on the left and 1 on the right; at 6 it is 1 on the left and
/// 0 on the right. As in PyTorch's autograd (ReLU6 is `hardtanh(x, 0, 6)`, whose gradient is 1
/// only strictly inside (0, 6)), `derivative(at: 0)` and `derivative(at: 6)` return 0: the
/// left limit at 0 and the right limit at 6. Limits: 0 at -∞, 6 at +∞, derivative 0 at both.
/// NaN in gives NaN out.
public struct ReLU6: VectorizedActivation {
  /// ReLU6 has no parameters.
  public init() {}

  /// `"ReLU6"`.
  public var name: String { "ReLU6" }

  /// Kinks at 0 (derivative: the left limit 0) and 6 (derivative: the right limit 0).
  public var kinks: [Kink] {
    [Kink(at: 0, convention: .leftLimit), Kink(at: 6, convention: .rightLimit)]
  }

  /// min(max(x, 0), 6), with NaN propagated.
  @inlinable
  public func value<T: LayerScalar>(at x: T) -> T {
    if x < 0 { return 0 }
    if x > 6 { return 6 }
    return x
  }

  /// 1 for 0 < x < 6, 0 elsewhere (0 and 6 included), NaN for NaN.
  @inlinable
  public func derivative<T: LayerScalar>(at x: T) -> T {
    if x.isNaN { return x }
    return x > 0 && x < 6 ? 1 : 0
  }

  /// f on `SIMD8<Double>` lanes, bit for bit the scalar ``value(at:)``.
  @inlinable
  public func value(lanes x: SIMD8<Double>) -> SIMD8<Double> {
    x.replacing(with: 0, where: x .< 0).replacing(with: 6, where: x .> 6)
  }

  /// f' on `SIMD8<Double>` lanes, bit for bit the scalar ``derivative(at:)``.
  @inlinable
  public func derivative(lanes x: SIMD8<Double>) -> SIMD8<Double> {
    SIMD8<Double>(repeating: 0).replacing(with: 1, where: (x .> 0) .& (x .< 6)).replacing(
      with: x, where: x .!= x)
  }
}
