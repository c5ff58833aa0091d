import LayerCore

/// Softsign: f(x) = x / (1 + |x|), f'(x) = 1 / (1 + |x|)² (PyTorch's `nn.Softsign`).
///
/// Smooth everywhere (its second derivative jumps at 0, the first does not), so no kinks.
/// The derivative is computed as r · r with r = 1 / (1 + |x|), never as 1 / (1 + |x|)², whose
/// square overflows to infinity for |x| above about 1.3e154 in `Double`; r · r underflows
/// gracefully to the true, tiny value. Limits: f(±∞) = ±1 (not ∞/∞ = NaN), f'(±∞) = 0.
/// NaN in gives NaN out.
public struct Softsign: VectorizedActivation {
  /// Softsign has no parameters.
  public init() {}

  /// `"Softsign"`.
  public var name: String { "Softsign" }

  /// x / (1 + |x|), and ±1 at ±∞.
  @inlinable
  public func value<T: LayerScalar>(at x: T) -> T {
    if x.isInfinite { return x > 0 ? 1 : -1 }
    return x / (1 + T.abs(x))
  }

  /// r · r with r = 1 / (1 + |x|): no intermediate overflows, 0 at ±∞.
  @inlinable
  public func derivative<T: LayerScalar>(at x: T) -> T {
    let r = 1 / (1 + T.abs(x))
    return r * r
  }

  /// f on `SIMD8<Double>` lanes, bit for bit the scalar ``value(at:)``.
  @inlinable
  public func value(lanes x: SIMD8<Double>) -> SIMD8<Double> {
    let magnitude = x.replacing(with: -x, where: x .< 0)
    return (x / (1 + magnitude)).replacing(with: 1, where: x .== .infinity)
      .replacing(with: -1, where: x .== -.infinity)
  }

  /// f' on `SIMD8<Double>` lanes, bit for bit the scalar ``derivative(at:)``.
  @inlinable
  public func derivative(lanes x: SIMD8<Double>) -> SIMD8<Double> {
    let r = 1 / (1 + x.replacing(with: -x, where: x .< 0))
    return r * r
  }
}
