import LayerCore
import LayerKit
import Testing

/// Known values, limits, NaN and extreme inputs of the piecewise and simple activations.
struct CatalogueValueTests {
  /// Every piecewise or simple activation, at its defaults and at each checked parameter value.
  static let all: [any Activation] = [
    Identity(), ReLU6(), HardTanh(), HardTanh(minValue: -3, maxValue: 0.5), HardSigmoid(),
    HardSwish(), Softsign(), Softshrink(), Softshrink(lambda: 0), Softshrink(lambda: 2),
    Hardshrink(), Hardshrink(lambda: 0), Hardshrink(lambda: 2), ELU(), ELU(alpha: 0),
    ELU(alpha: 0.5), ELU(alpha: 2), CELU(), CELU(alpha: 0.25), CELU(alpha: 3), SELU(),
  ]

  /// (activation, x, f(x), f'(x)), exact in Double unless the comment says otherwise.
  static let known: [(any Activation, Double, Double, Double)] = [
    (Identity(), -2.5, -2.5, 1), (Identity(), 0, 0, 1),
    (ReLU6(), -1, 0, 0), (ReLU6(), 0, 0, 0), (ReLU6(), 3, 3, 1), (ReLU6(), 6, 6, 0),
    (ReLU6(), 7, 6, 0),
    (HardTanh(), -2, -1, 0), (HardTanh(), -1, -1, 0), (HardTanh(), 0.25, 0.25, 1),
    (HardTanh(), 1, 1, 0), (HardTanh(), 2, 1, 0),
    (HardTanh(minValue: -3, maxValue: 0.5), -2, -2, 1),
    (HardTanh(minValue: -3, maxValue: 0.5), 0.75, 0.5, 0),
    (HardSigmoid(), -4, 0, 0), (HardSigmoid(), -3, 0, 0), (HardSigmoid(), 0, 0.5, 1.0 / 6),
    (HardSigmoid(), 1.5, 0.75, 1.0 / 6), (HardSigmoid(), 3, 1, 0), (HardSigmoid(), 4, 1, 0),
    (HardSwish(), -4, 0, 0), (HardSwish(), -3, 0, -0.5), (HardSwish(), -1.5, -0.375, 0),
    (HardSwish(), 0, 0, 0.5), (HardSwish(), 3, 3, 1.5), (HardSwish(), 4, 4, 1),
    (Softsign(), 0, 0, 1), (Softsign(), 1, 0.5, 0.25), (Softsign(), -3, -0.75, 0.0625),
    (Softshrink(), 0, 0, 0), (Softshrink(), 0.5, 0, 0), (Softshrink(), -0.5, 0, 0),
    (Softshrink(), 2, 1.5, 1), (Softshrink(), -2, -1.5, 1), (Softshrink(lambda: 0), 0, 0, 1),
    (Softshrink(lambda: 0), -2, -2, 1),
    (Hardshrink(), 0.25, 0, 0), (Hardshrink(), 0.5, 0, 0), (Hardshrink(), -0.5, 0, 0),
    (Hardshrink(), 0.75, 0.75, 1), (Hardshrink(), -0.75, -0.75, 1),
    (Hardshrink(lambda: 0), 0, 0, 1), (Hardshrink(lambda: 0), 0.25, 0.25, 1),
    (ELU(), 2, 2, 1), (ELU(), 0, 0, 1), (ELU(alpha: 0.5), 0, 0, 0.5), (ELU(alpha: 0), -3, 0, 0),
    (CELU(), 2, 2, 1), (CELU(alpha: 0.25), 0, 0, 1), (CELU(alpha: 3), 0, 0, 1),
    (SELU(), 0, 0, SELU.scaledAlpha), (SELU(), 2, 2 * SELU.scale, SELU.scale),
  ]

  @Test func knownValuesAndDerivatives() {
    for (activation, x, f, fPrime) in Self.known {
      #expect(activation.value(at: x) == f, "\(activation) at \(x)")
      #expect(activation.derivative(at: x) == fPrime, "\(activation)' at \(x)")
      #expect(activation.value(at: Float(x)) == Float(f), "\(activation) at \(x) [Float]")
      #expect(activation.derivative(at: Float(x)) == Float(fPrime), "\(activation)' [Float]")
    }
  }

  @Test func exponentialBranchesAgainstTheirFormulas() {
    // e^-1 - 1 and e^-1 to Double precision; expm1 keeps full accuracy near 0.
    let em1 = -0.63212055882855767840
    let e1 = 0.36787944117144233
    #expect(Swift.abs(ELU().value(at: -1.0) - em1) <= 2 * Double.ulpOfOne)
    #expect(Swift.abs(ELU(alpha: 2).derivative(at: -1.0) - 2 * e1) <= 4 * Double.ulpOfOne)
    #expect(Swift.abs(CELU(alpha: 0.25).value(at: -0.25) - 0.25 * em1) <= Double.ulpOfOne)
    #expect(Swift.abs(CELU(alpha: 0.25).derivative(at: -0.25) - e1) <= Double.ulpOfOne)
    let tiny = -1e-20
    #expect(ELU().value(at: tiny) == tiny)
    #expect(CELU().value(at: tiny) == tiny)
    #expect(SELU().value(at: tiny) == SELU.scaledAlpha * tiny)
    #expect(Swift.abs(SELU().value(at: -1.0) - SELU.scaledAlpha * em1) <= 4 * Double.ulpOfOne)
  }

  @Test func seluConstantsArePyTorchs() {
    #expect(SELU.alpha == 1.6732632423543772848170429916717)
    #expect(SELU.scale == 1.0507009873554804934193349852946)
    // scale · α, rounded once: within half an ULP of the product of the two doubles.
    #expect(Swift.abs(SELU.scaledAlpha - SELU.alpha * SELU.scale) <= SELU.scaledAlpha.ulp)
  }

  /// (activation, f(−∞), f(+∞), f'(−∞), f'(+∞)).
  static let limits: [(any Activation, Double, Double, Double, Double)] = [
    (Identity(), -.infinity, .infinity, 1, 1), (ReLU6(), 0, 6, 0, 0), (HardTanh(), -1, 1, 0, 0),
    (HardSigmoid(), 0, 1, 0, 0), (HardSwish(), 0, .infinity, 0, 1), (Softsign(), -1, 1, 0, 0),
    (Softshrink(), -.infinity, .infinity, 1, 1), (Hardshrink(), -.infinity, .infinity, 1, 1),
    (ELU(), -1, .infinity, 0, 1), (ELU(alpha: 2), -2, .infinity, 0, 1),
    (ELU(alpha: 0), 0, .infinity, 0, 1), (CELU(alpha: 3), -3, .infinity, 0, 1),
    (SELU(), -SELU.scaledAlpha, .infinity, 0, SELU.scale),
  ]

  @Test func limitsAtInfinity() {
    for (activation, fLow, fHigh, dLow, dHigh) in Self.limits {
      #expect(activation.value(at: -Double.infinity) == fLow, "\(activation) at -∞")
      #expect(activation.value(at: Double.infinity) == fHigh, "\(activation) at +∞")
      #expect(activation.derivative(at: -Double.infinity) == dLow, "\(activation)' at -∞")
      #expect(activation.derivative(at: Double.infinity) == dHigh, "\(activation)' at +∞")
      #expect(activation.value(at: -Float.infinity) == Float(fLow), "\(activation) [Float]")
      #expect(activation.derivative(at: Float.infinity) == Float(dHigh), "\(activation) [Float]")
    }
  }

  @Test func nanInGivesNaNOut() {
    for activation in Self.all {
      #expect(activation.value(at: Double.nan).isNaN, "\(activation)")
      #expect(activation.derivative(at: Double.nan).isNaN, "\(activation)")
      #expect(activation.value(at: Float.nan).isNaN, "\(activation) [Float]")
      #expect(activation.derivative(at: Float.nan).isNaN, "\(activation) [Float]")
    }
  }

  @Test func extremeFiniteInputsGiveFiniteResults() {
    func finite<T: LayerScalar & BinaryFloatingPoint>(_ activation: any Activation, _: T.Type) {
      let points: [T] = [
        T.greatestFiniteMagnitude, -T.greatestFiniteMagnitude, T.leastNonzeroMagnitude,
        -T.leastNonzeroMagnitude, T.leastNormalMagnitude, 0, -0.0, 1e30, -1e30,
      ]
      for x in points {
        // SELU(x) = 1.0507 x: at the largest finite x the exact result is beyond the range of
        // the type, and +∞ is its correctly rounded value (the kit accepts that too).
        let overflows = activation.name == "SELU" && x == T.greatestFiniteMagnitude
        #expect(activation.value(at: x).isFinite != overflows, "\(activation) at \(x) [\(T.self)]")
        #expect(activation.derivative(at: x).isFinite, "\(activation)' at \(x) [\(T.self)]")
      }
    }
    for activation in Self.all {
      finite(activation, Double.self)
      finite(activation, Float.self)
    }
  }

  @Test func softsignDerivativeUnderflowsInsteadOfOverflowing() {
    // (1 + |x|)² overflows above 1.3e154; r · r with r = 1 / (1 + |x|) stays the tiny truth.
    #expect(Softsign().derivative(at: 1e160) > 0)  // 1e-320, subnormal but not 0
    #expect(Softsign().derivative(at: Double.greatestFiniteMagnitude) == 0)
    #expect(Softsign().derivative(at: 1e154) > 0)
    #expect(Softsign().derivative(at: 1e154) == 1e-308)
    #expect(Softsign().value(at: Double.greatestFiniteMagnitude) == 1)
    #expect(Softsign().value(at: -Float.greatestFiniteMagnitude) == -1)
  }

  @Test func celuHasNoKinkForAnyAlphaAndEluHasOneUnlessAlphaIsOne() {
    for alpha in [0.25, 1, 3] {
      #expect(CELU(alpha: alpha).kinks.isEmpty)
      #expect(CELU(alpha: alpha).derivative(at: 0.0) == 1)
    }
    #expect(ELU(alpha: 1).kinks.isEmpty)
    #expect(ELU(alpha: 0.5).kinks == [Kink(at: 0, convention: .leftLimit)])
    #expect(Softshrink(lambda: 0).kinks.isEmpty)
    #expect(Hardshrink().kinks.isEmpty)
  }

  @Test func invalidParametersAreRejected() throws {
    #expect(throws: ComponentError.self) { try HardTanh().setting("minValue", to: 1) }
    #expect(throws: ComponentError.self) { try HardTanh().setting("maxValue", to: -2) }
    #expect(throws: ComponentError.self) { try Softshrink().setting("lambda", to: -0.1) }
    #expect(throws: ComponentError.self) { try Hardshrink().setting("lambda", to: .nan) }
    #expect(throws: ComponentError.self) { try CELU().setting("alpha", to: 0) }
    #expect(throws: ComponentError.self) { try ELU().setting("alpha", to: .infinity) }
    #expect(throws: ComponentError.self) { try ELU().setting("beta", to: 1) }
    #expect(try HardTanh().setting("maxValue", to: 3).maxValue == 3)
  }
}
