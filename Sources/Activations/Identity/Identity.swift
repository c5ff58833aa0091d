import LayerCore

/// The identity f(x) = x, f'(x) = 1 (PyTorch's `nn.Identity`).
///
/// Smooth everywhere, so no kinks. The value of ±infinity is ±infinity and its derivative 1;
/// NaN in gives NaN out, for the value and the derivative.
public struct Identity: Activation {
  /// The identity has no parameters.
  public init() {}

  /// `"Identity"`.
  public var name: String { "Identity" }

  /// x.
  @inlinable
  public func value<T: LayerScalar>(at x: T) -> T { x }

  /// 1, or NaN for NaN.
  @inlinable
  public func derivative<T: LayerScalar>(at x: T) -> T {
    x.isNaN ? x : 1
  }
}
