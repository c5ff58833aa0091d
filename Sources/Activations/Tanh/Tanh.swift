import LayerCore

/// The hyperbolic tangent.
///
/// The value comes from the platform's `tanh`, never from (e^x - e^-x) / (e^x + e^-x),
/// which overflows to NaN for |x| > ~355 in `Double`. The derivative 1 - tanh²(x) is computed
/// as 4e^-2|x| / (1 + e^-2|x|)², the same quantity without the cancellation that makes
/// 1 - t² lose every digit where t rounds to ±1. Limits: tanh(±∞) = ±1, tanh'(±∞) = 0.
public struct Tanh: Activation {
  /// Tanh has no parameters.
  public init() {}

  /// `"Tanh"`.
  public var name: String { "Tanh" }

  /// tanh(x).
  @inlinable
  public func value<T: LayerScalar>(at x: T) -> T { T.tanh(x) }

  /// tanh'(x) = 1 / cosh²(x) = 4e^-2|x| / (1 + e^-2|x|)².
  @inlinable
  public func derivative<T: LayerScalar>(at x: T) -> T {
    let e = T.exp(-2 * T.abs(x))
    let d = 1 + e
    return 4 * e / (d * d)
  }
}
