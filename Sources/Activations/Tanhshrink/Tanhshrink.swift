import LayerCore

/// Tanhshrink (PyTorch's `nn.Tanhshrink`): f(x) = x − tanh(x), f'(x) = tanh²(x).
///
/// Stable form near 0, where x − tanh(x) ≈ x³/3 cancels (at x = 0.25 the textbook formula
/// loses 6 bits): for |x| < 2, Lambert's continued fraction tanh(x) = x / (1 + q),
/// q = x² / (3 + x² / (5 + x² / (7 + …))), gives x − tanh(x) = x · q / (1 + q) with every
/// term positive, so nothing cancels. For |x| ≥ 2 the textbook difference loses less than a
/// bit. f' = tanh²(x) = 1 − sech²(x) has no cancellation. In `Float` both are computed in
/// `Double` and rounded once (``LayerScalar/evaluatedWide(_:_:)``). Smooth: no kinks.
/// Limits: f(±∞) = ±∞, f'(±∞) = 1. NaN in gives NaN out.
public struct Tanhshrink: Activation {
  /// Tanhshrink has no parameters.
  public init() {}

  /// `"Tanhshrink"`.
  public var name: String { "Tanhshrink" }

  /// No kinks: tanhshrink is smooth.
  public var kinks: [Kink] { [] }

  /// x · q / (1 + q) from the continued fraction for |x| < 2, x − tanh(x) beyond; in
  /// `Double` for `Float`.
  @inlinable
  public func value<T: LayerScalar>(at x: T) -> T {
    T.evaluatedWide(x) { Self.tanhshrink($0) }
  }

  /// tanh²(x), in `Double` for `Float`.
  @inlinable
  public func derivative<T: LayerScalar>(at x: T) -> T {
    T.evaluatedWide(x) { Self.slope($0) }
  }

  /// x − tanh(x) without cancellation.
  @inlinable
  static func tanhshrink<U: LayerScalar>(_ x: U) -> U {
    guard U.abs(x) < 2 else { return x - U.tanh(x) }
    let q = continuedFraction(x)
    return x * q / (1 + q)
  }

  /// q = x² / (3 + x² / (5 + …)), with tanh(x) = x / (1 + q), truncated after 2k + 1 = 29: for
  /// |x| < 2 the dropped tail changes q by less than 1e-20 relative.
  @inlinable
  static func continuedFraction<U: LayerScalar>(_ x: U) -> U {
    let square = x * x
    var q: U = 0
    var k = 29
    while k >= 3 {
      q = square / (U(k) + q)
      k -= 2
    }
    return q
  }

  /// tanh²(x), with tanh(x) = x / (1 + q) from the continued fraction for |x| < 2 (a little
  /// more accurate there than the C library's tanh, whose error squaring doubles).
  @inlinable
  static func slope<U: LayerScalar>(_ x: U) -> U {
    let t = U.abs(x) < 2 ? x / (1 + continuedFraction(x)) : U.tanh(x)
    return t * t
  }
}
