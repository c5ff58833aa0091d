import LayerConformance
import LayerCore
import SoftsignModel
import TanhActivation
import Testing

@Test(arguments: ScalarKind.allCases)
func softsignDerivativeIsCorrect(_ scalar: ScalarKind) {
  let reports = expectCorrectDerivatives(of: Softsign(), in: [scalar])
  #expect(reports.allSatisfy { $0.passed && $0.points > 100 })
}

@Test func tanhFromLayerKitIsCorrectToo() {
  let reports = expectCorrectDerivatives(of: Tanh())
  #expect(reports.count == ScalarKind.allCases.count)
}

@Test func theModelsChainRuleMatchesItsSlope() {
  let model = TinyModel(weight: 1.5, bias: -0.25)
  for x in [-3.0, -0.5, 0.0, 0.7, 4.0] {
    let h = 1e-6
    let numeric = (model(x + h) - model(x - h)) / (2 * h)
    #expect(abs(model.slope(at: x) - numeric) < 1e-7, "slope at \(x)")
  }
}

/// The kit is not fooled: a Softsign with the derivative of x / (1 + x²) fails, at a named point.
@Test func aWrongDerivativeIsCaught() {
  let checker = ActivationChecker()
  let report = checker.checkAllVariants(WrongSoftsign(), as: .double)
  #expect(!report.passed)
  #expect("\(report)".contains("WrongSoftsign [Double]: FAILED"))
  #expect("\(report)".contains("derivative wrong at x = "))
}

struct WrongSoftsign: Activation {
  var name: String { "WrongSoftsign" }
  func value<T: LayerScalar>(at x: T) -> T { x / (1 + T.abs(x)) }
  func derivative<T: LayerScalar>(at x: T) -> T { 1 / (1 + T.abs(x)) }
}
