import Foundation
import LayerCore

/// Finite-difference estimates of f'(x) from values of f, computed in the wide type.
///
/// The step is `cbrt(ε) · max(|x|, 1)`, the classical optimum for the central difference
/// (truncation error O(h²) balanced against rounding error O(ε/h)), rounded so that x + h is
/// exactly representable and the step is what the difference really spans.
@usableFromInline
struct Stencil<W: CheckableScalar> {
  /// Which side of x the stencil may use.
  @usableFromInline
  enum Side: String, Sendable {
    case central, forward, backward
  }

  @usableFromInline let f: (W) -> W

  @usableFromInline
  init(_ f: @escaping (W) -> W) { self.f = f }

  /// The step for x: cbrt(ε_W) · max(|x|, 1), made exact.
  @usableFromInline
  static func step(at x: W, scale: W = 1) -> W {
    let raw = W(Foundation.cbrt(Double(W.ulpOfOne))) * Swift.max(Swift.abs(x), 1) * scale
    let shifted = x + raw
    let exact = shifted - x
    return exact == 0 ? raw : exact
  }

  /// The second-order estimate on the given side: central (f(x+h) - f(x-h)) / 2h, or the
  /// one-sided (∓3f(x) ± 4f(x±h) ∓ f(x±2h)) / 2h that never crosses to the other side.
  @usableFromInline
  func derivative(at x: W, step h: W, side: Side) -> W {
    switch side {
    case .central:
      return (f(x + h) - f(x - h)) / (2 * h)
    case .forward:
      return (-3 * f(x) + 4 * f(x + h) - f(x + 2 * h)) / (2 * h)
    case .backward:
      return (3 * f(x) - 4 * f(x - h) + f(x - 2 * h)) / (2 * h)
    }
  }
}
