import LayerCore
import LayerKit
import Testing

/// Known values, tails, limits, NaN and extreme inputs of the smooth activations.
struct SmoothCatalogueValueTests {
  /// Every smooth activation, at its defaults and at each checked parameter value.
  static let all: [any Activation] = [
    Softplus(), Softplus(beta: 0.5), Softplus(beta: 4), LogSigmoid(), SiLU(), Mish(), GELU(),
    GELUTanh(), Tanhshrink(),
  ]

  /// True if `computed` is within `ulps` units in the last place of `truth` (a `Double`
  /// correctly rounded from mpmath, Scripts/reference_formulas_smooth.py).
  static func close<T: BinaryFloatingPoint>(_ computed: T, _ truth: Double, ulps: T = 4) -> Bool {
    let rounded = T(truth)
    return computed == rounded || (computed - rounded).magnitude <= ulps * rounded.ulp
  }

  /// (activation, x, f(x), f'(x)), the truth rounded to `Double`.
  static let known: [(any Activation, Double, Double, Double)] = [
    (Softplus(), 0, 0.6931471805599453, 0.5),
    (Softplus(), -1, 0.3132616875182228, 0.2689414213699951),
    (Softplus(), 2, 2.1269280110429727, 0.8807970779778824),
    (Softplus(beta: 4), 0.5, 0.5317320027607432, 0.8807970779778824),
    (LogSigmoid(), 0, -0.6931471805599453, 0.5),
    (LogSigmoid(), 1, -0.3132616875182228, 0.2689414213699951),
    (LogSigmoid(), 2, -0.1269280110429725, 0.11920292202211756),
    (SiLU(), 0, 0, 0.5), (SiLU(), -1, -0.2689414213699951, 0.07232948812851327),
    (SiLU(), 2, 1.7615941559557649, 1.0907842487848955),
    (Mish(), 0, 0, 0.6), (Mish(), -1, -0.3034014613741089, 0.05921675587739495),
    (Mish(), 1, 0.8650983882673103, 1.0490362200997922),
    (GELU(), 0, 0, 0.5), (GELU(), -1, -0.15865525393145705, -0.0833154705876863),
    (GELU(), 1, 0.8413447460685429, 1.0833154705876864),
    (GELUTanh(), 0, 0, 0.5), (GELUTanh(), -1, -0.1588080093917233, -0.08296408384578255),
    (GELUTanh(), 2, 1.954597694087775, 1.0860992566236183),
    (Tanhshrink(), 0, 0, 0), (Tanhshrink(), 1, 0.23840584404423512, 0.580025658385974),
    (Tanhshrink(), -1, -0.23840584404423512, 0.580025658385974),
  ]

  @Test func knownValuesAndDerivatives() {
    for (activation, x, f, fPrime) in Self.known {
      #expect(Self.close(activation.value(at: x), f), "\(activation) at \(x)")
      #expect(Self.close(activation.derivative(at: x), fPrime), "\(activation)' at \(x)")
      #expect(Self.close(activation.value(at: Float(x)), f, ulps: 1), "\(activation) [Float]")
      #expect(Self.close(activation.derivative(at: Float(x)), fPrime, ulps: 1), "\(activation)'")
    }
  }

  /// Where the textbook formula cancels or underflows, the stable forms keep every digit.
  static let tails: [(any Activation, Double, Double, Double)] = [
    (GELU(), -10, -7.619853024160526e-23, -7.618400096464814e-22),
    (GELUTanh(), -10, -1.204092348209806e-37, -2.7576380638540315e-36),
    (SiLU(), -700, -6.90177358063184e-302, -6.891913904088079e-302),
    (Mish(), -700, -6.90177358063184e-302, -6.891913904088079e-302),
    (LogSigmoid(), 40, -4.248354255291589e-18, 4.248354255291589e-18),
    (Tanhshrink(), 1e-8, 3.3333333333333335e-25, 1e-16),
    (Softplus(), -700, 9.85967654375977e-305, 9.85967654375977e-305),
  ]

  @Test func stableFormsKeepFullAccuracyInTheTails() {
    for (activation, x, f, fPrime) in Self.tails {
      #expect(Self.close(activation.value(at: x), f), "\(activation) at \(x)")
      #expect(Self.close(activation.derivative(at: x), fPrime), "\(activation)' at \(x)")
    }
  }

  @Test func derivativesNearTheirRootsKeepTheirSign() {
    // f' changes sign at x₀ (SiLU −1.2785, Mish −1.1924, GELU −0.7518, GELUTanh −0.7525);
    // the series keeps the tiny values around it accurate, sign included.
    let roots: [(any Activation, Double)] = [
      (SiLU(), -1.278_464_542_761_073_8), (Mish(), -1.192_431_214_515_495_2),
      (GELU(), -0.751_791_524_693_564_5), (GELUTanh(), -0.752_461_422_071_016_3),
    ]
    for (activation, root) in roots {
      #expect(activation.derivative(at: root.nextDown.nextDown) < 0, "\(activation)")
      #expect(activation.derivative(at: root.nextUp.nextUp) > 0, "\(activation)")
      #expect(Swift.abs(activation.derivative(at: root)) < 1e-15, "\(activation)")
    }
  }

  /// (activation, f(−∞), f(+∞), f'(−∞), f'(+∞)).
  static let limits: [(any Activation, Double, Double, Double, Double)] = [
    (Softplus(), 0, .infinity, 0, 1), (Softplus(beta: 4), 0, .infinity, 0, 1),
    (LogSigmoid(), -.infinity, 0, 1, 0), (SiLU(), 0, .infinity, 0, 1), (Mish(), 0, .infinity, 0, 1),
    (GELU(), 0, .infinity, 0, 1), (GELUTanh(), 0, .infinity, 0, 1),
    (Tanhshrink(), -.infinity, .infinity, 1, 1),
  ]

  @Test func limitsAtInfinity() {
    for (activation, fLow, fHigh, dLow, dHigh) in Self.limits {
      #expect(activation.value(at: -Double.infinity) == fLow, "\(activation) at -∞")
      #expect(activation.value(at: Double.infinity) == fHigh, "\(activation) at +∞")
      #expect(activation.derivative(at: -Double.infinity) == dLow, "\(activation)' at -∞")
      #expect(activation.derivative(at: Double.infinity) == dHigh, "\(activation)' at +∞")
      #expect(activation.value(at: -Float.infinity) == Float(fLow), "\(activation) [Float]")
      #expect(activation.value(at: Float.infinity) == Float(fHigh), "\(activation) [Float]")
      #expect(activation.derivative(at: -Float.infinity) == Float(dLow), "\(activation) [Float]")
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
        -T.leastNonzeroMagnitude, T.leastNormalMagnitude, 0, -0.0, 1e30, -1e30, 700, -700, 64,
        -64, 63.9, -63.9, 745, -745, 1e154, -1e154, 1e300, -1e300,
      ]
      for x in points where x.isFinite {  // 1e154 and beyond are +∞ in Float: skipped
        #expect(activation.value(at: x).isFinite, "\(activation) at \(x) [\(T.self)]")
        #expect(activation.derivative(at: x).isFinite, "\(activation)' at \(x) [\(T.self)]")
      }
    }
    for activation in Self.all {
      finite(activation, Double.self)
      finite(activation, Float.self)
    }
  }

  @Test func noKinksAndTheSoftplusSharpness() throws {
    for activation in Self.all { #expect(activation.kinks.isEmpty, "\(activation)") }
    #expect(Softplus().beta == 1)  // PyTorch's default
    #expect(try Softplus().setting("beta", to: 2).beta == 2)
    #expect(throws: ComponentError.self) { try Softplus().setting("beta", to: 0) }
    #expect(throws: ComponentError.self) { try Softplus().setting("beta", to: -1) }
    #expect(throws: ComponentError.self) { try Softplus().setting("beta", to: .infinity) }
    #expect(throws: ComponentError.self) { try Softplus().setting("threshold", to: 20) }
    #expect(throws: ComponentError.self) { try SiLU().setting("beta", to: 1) }
  }

  @Test func floatIsTheDoubleResultRoundedOnce() {
    // Float is computed in Double and rounded (LayerScalar.Evaluation): the same bits.
    for activation in Self.all {
      for k in -40...40 {
        let x = Float(k) / 8
        #expect(activation.value(at: x) == Float(activation.value(at: Double(x))), "\(activation)")
        #expect(
          activation.derivative(at: x) == Float(activation.derivative(at: Double(x))),
          "\(activation)'")
      }
    }
  }
}
