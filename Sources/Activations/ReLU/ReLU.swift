import LayerCore

/// The rectified linear unit max(x, 0).
///
/// Kink at 0: the derivative is 0 on the left and 1 on the right. By convention
/// `derivative(at: 0)` returns 0, the left limit (as PyTorch and most frameworks do).
/// NaN in gives NaN out, for the value and the derivative.
public struct ReLU: Activation {
  /// ReLU has no parameters.
  public init() {}

  /// `"ReLU"`.
  public var name: String { "ReLU" }

  /// One kink, at 0, where the derivative returns the left limit 0.
  public var kinks: [Kink] { [Kink(at: 0, convention: .leftLimit)] }

  /// max(x, 0), with NaN propagated.
  @inlinable
  public func value<T: LayerScalar>(at x: T) -> T { x < 0 ? 0 : x }

  /// 1 for x > 0, 0 for x <= 0, NaN for NaN.
  @inlinable
  public func derivative<T: LayerScalar>(at x: T) -> T {
    if x.isNaN { return x }
    return x > 0 ? 1 : 0
  }
}
