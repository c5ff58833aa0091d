import LayerCore

/// A way to estimate the derivative of an activation numerically.
public enum DerivativeMethod: String, Sendable, Hashable, Codable, CaseIterable {
  /// Central difference (f(x+h) - f(x-h)) / 2h with h = ∛ε · max(|x|, 1): O(h²) truncation.
  case central
  /// Five-point stencil at h and h/2 with Richardson extrapolation, h = ε^(1/7) · max(|x|, 1):
  /// O(h⁶) truncation.
  case richardson
  /// Forward-mode dual numbers through the component's own generic `value(at:)`: the exact
  /// derivative of the implementation, with no step at all.
  case dual
}

/// Numeric derivatives of an activation's `value(at:)`, for use outside the checker (the
/// accuracy benchmark uses these).
public enum NumericDerivative {
  /// The derivative of `activation` at `x` by `method`, computed entirely in `W`.
  ///
  /// Finite-difference methods use the central stencils; near a kink they straddle it.
  public static func estimate<W: CheckableScalar>(
    of activation: some Activation, at x: W, by method: DerivativeMethod
  ) -> W {
    let stencil = Stencil<W> { activation.value(at: $0) }
    switch method {
    case .central:
      return stencil.secondOrder(at: x, step: Stencil<W>.centralStep(at: x), side: .central)
    case .richardson:
      return stencil.richardson(at: x, step: Stencil<W>.richardsonStep(at: x), side: .central)
        .value
    case .dual:
      return activation.value(at: Dual(x, derivative: 1)).derivative
    }
  }

  /// The textbook central difference with a fixed step h and the nominal width 2h, the
  /// baseline the accuracy benchmark compares the kit's references with.
  public static func central<W: CheckableScalar>(
    of activation: some Activation, at x: W, step h: W
  ) -> W {
    (activation.value(at: x + h) - activation.value(at: x - h)) / (2 * h)
  }
}
