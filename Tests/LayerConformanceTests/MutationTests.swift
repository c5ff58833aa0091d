import LayerConformance
import LayerKit
import Testing

/// The kit must catch each deliberately wrong component, in both scalar types, and name the
/// problem; the correct twins must pass.
struct MutationTests {
  let checker = ActivationChecker()

  func failures(_ activation: some Activation, _ scalar: ScalarKind) -> ActivationVariantsReport {
    let report = checker.checkAllVariants(activation, as: scalar)
    #expect(!report.passed, "the kit missed a wrong derivative in \(activation) [\(scalar)]")
    return report
  }

  @Test(arguments: ScalarKind.allCases)
  func reluDerivativeWrittenAsMaxXZeroIsCaught(_ scalar: ScalarKind) {
    let report = failures(ReLUDerivativeIsMaxXZero(), scalar)
    #expect(report.problems.contains { $0.kind == .derivativeMismatch })
    let worst = report.runs[0].worstPoints[0]
    #expect(worst.x > 0 && worst.numeric == 1 && worst.analytic == worst.x)
  }

  @Test(arguments: ScalarKind.allCases)
  func sigmoidMissingOneMinusSIsCaught(_ scalar: ScalarKind) {
    let report = failures(SigmoidMissingOneMinusS(), scalar)
    #expect(report.problems.contains { $0.kind == .derivativeMismatch })
  }

  @Test(arguments: ScalarKind.allCases)
  func tanhOneMinusTIsCaught(_ scalar: ScalarKind) {
    let report = failures(TanhOneMinusT(), scalar)
    #expect(report.problems.contains { $0.kind == .derivativeMismatch })
  }

  @Test(arguments: ScalarKind.allCases)
  func leakyReLUWithWrongNegativeSlopeIsCaught(_ scalar: ScalarKind) {
    let report = failures(LeakyReLUWrongNegativeSlope(), scalar)
    #expect(report.problems.contains { $0.kind == .derivativeMismatch })
    #expect(report.problems.contains { $0.kind == .kinkConvention })
  }

  @Test(arguments: ScalarKind.allCases)
  func brokenKinkConventionIsCaught(_ scalar: ScalarKind) {
    let report = failures(ReLUBrokenConvention(), scalar)
    #expect(report.problems.map(\.kind) == [.kinkConvention])
  }

  @Test(arguments: ScalarKind.allCases)
  func phantomKinkIsCaught(_ scalar: ScalarKind) {
    let report = failures(SigmoidWithPhantomKink(), scalar)
    #expect(report.problems.contains { $0.kind == .kinkNotFound })
  }

  @Test(arguments: ScalarKind.allCases)
  func nanDerivativeAtOnePointIsCaught(_ scalar: ScalarKind) {
    let report = failures(TanhNaNAtOne(), scalar)
    #expect(report.problems.contains { $0.kind == .nonFiniteDerivative && $0.x == 1 })
  }

  @Test(arguments: ScalarKind.allCases)
  func swallowedNaNIsCaught(_ scalar: ScalarKind) {
    let report = failures(ReLUSwallowsNaN(), scalar)
    #expect(report.problems.map(\.kind) == [.badSpecialValue])
  }

  @Test func textbookTanhOverflowIsCaught() {
    let report = failures(TextbookTanh(), .double)
    #expect(report.problems.contains { $0.kind == .nonFiniteValue })
  }

  @Test(arguments: ScalarKind.allCases)
  func naiveButCorrectFormulasPass(_ scalar: ScalarKind) {
    expectCorrectDerivatives(of: NaiveSigmoid(), in: [scalar])
    expectCorrectDerivatives(of: NaiveTanh(), in: [scalar])
  }

  @Test func aFailureNamesComponentScalarPointValuesErrorAndTolerance() {
    let report = checker.check(ReLUDerivativeIsMaxXZero(), as: .double)
    let message = report.problems.first { $0.kind == .derivativeMismatch }?.message ?? ""
    #expect(message.contains("ReLU [Double]"))
    #expect(message.contains("derivative wrong at x = "))
    #expect(message.contains("analytic "))
    #expect(message.contains("numeric 1,"))
    #expect(message.contains("relative error "))
    #expect(message.contains("> tolerance 1e-08"))
    let text = report.description
    #expect(text.contains("worst points:"))
    #expect(text.split(separator: "\n").count >= 8, "the worst five points are listed")
  }

  @Test func anEmptyRegistryFailsLoudly() {
    let report = RegistryChecker().check(Registry())
    #expect(!report.passed)
    #expect(report.problems.map(\.kind) == [.nothingChecked])
  }

  @Test func aRegistryCheckedInNoScalarTypeFails() throws {
    let report = RegistryChecker().check(try BuiltIn.registry, scalars: [])
    #expect(!report.passed)
  }

  @Test func anActivationWithNoCheckablePointFails() {
    var plan = SamplePlan()
    plan.range = 0...0
    plan.randomCount = 0
    plan.tails = []
    let report = ActivationChecker(plan: plan).check(NarrowDomain(), as: .double)
    #expect(!report.passed)
    #expect(report.problems.contains { $0.kind == .nothingChecked })
  }
}

/// Defined on 5 < x < 6 only: with an empty grid and no tails, no sample point is left.
struct NarrowDomain: Activation {
  var name: String { "NarrowDomain" }
  var domain: Domain { Domain(lowerBound: 5, upperBound: 6) }
  func value<T: LayerScalar>(at x: T) -> T { x }
  func derivative<T: LayerScalar>(at x: T) -> T { 1 }
}
