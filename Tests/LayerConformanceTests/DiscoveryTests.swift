import LayerConformance
import LayerCore
import Testing

/// Non-smooth points nobody declared are found, located and named.
struct DiscoveryTests {
  let checker = ActivationChecker()

  @Test(arguments: ScalarKind.allCases)
  func anUndeclaredKinkIsFoundAndLocated(_ scalar: ScalarKind) throws {
    let report = checker.check(KinkAtPointThree(), as: scalar)
    let problem = try #require(report.problems.first { $0.kind == .undeclaredKink })
    let location = try #require(problem.x)
    #expect(abs(location - 0.3) <= 1e-9)
    #expect(problem.message.contains("undeclared kink at x = 0.3"))
    #expect(problem.message.contains("slope 0.5 on the left, 1 on the right"))
  }

  @Test func reluWithoutItsKinkDeclaredFails() throws {
    let report = checker.check(UndeclaredReLU(), as: .double)
    let problem = try #require(report.problems.first { $0.kind == .undeclaredKink })
    #expect(abs(problem.x ?? 1) <= 1e-9)
  }

  @Test(arguments: ScalarKind.allCases)
  func aJumpInTheFunctionIsADiscontinuity(_ scalar: ScalarKind) throws {
    let report = checker.check(JumpAtPointSeven(), as: scalar)
    let problem = try #require(report.problems.first { $0.kind == .discontinuity })
    #expect(abs((problem.x ?? 0) - 0.7) <= 1e-9)
    #expect(problem.message.contains("the function jumps at x = 0.7"))
  }

  @Test(arguments: ScalarKind.allCases)
  func aDerivativeSwitchingAtTheWrongPlaceIsLocated(_ scalar: ScalarKind) throws {
    let report = checker.check(Mutant("relu' at 1e-3", "", .relu, .switchAt(1e-3)), as: scalar)
    let switchProblem = try #require(
      report.problems.first { $0.message.contains("the derivative jumps at") })
    // The switch is at T(1e-3), 1e-3 rounded to T, and the derivative is evaluated in T: it is
    // located to within one spacing of T there (about 9.5e-7 in Float16), or 1e-9.
    #expect(abs((switchProblem.x ?? 0) - 1e-3) <= max(1e-9, spacing(of: scalar.type, at: 1e-3)))
    #expect(switchProblem.message.contains("but the function is smooth there"))
  }

  @Test func declaredKinksAreNotReportedAgain() {
    let report = checker.check(Mutant("relu", "", .relu, .none), as: .double)
    #expect(report.passed)
    #expect(report.kinks.map(\.confirmed) == [true])
  }

  @Test func aFailureTableListsEveryReference() {
    let report = checker.check(Mutant("tanh", "", .tanh, .factor(1.01)), as: .double)
    let text = report.description
    for column in ["x", "analytic", "central", "richardson", "dual", "stencil", "error"] {
      #expect(text.contains(column))
    }
    #expect(report.worstPoints.count == 5)
    #expect(report.worstPoints.allSatisfy { $0.references.count == 3 })
  }

  @Test func pointsBesideAKinkUseTheStencilOnTheirOwnSide() {
    let report = checker.check(Mutant("relu", "", .relu, .factor(1.5)), as: .double)
    let near = report.worstPoints.filter { abs($0.x) < 1e-3 }
    #expect(!near.isEmpty)
    #expect(near.allSatisfy { $0.stencil == ($0.x > 0 ? "forward" : "backward") })
  }
}

/// Slope 0.5 left of 0.3, slope 1 right of it, continuous, and no kink declared.
struct KinkAtPointThree: Activation {
  var name: String { "KinkAtPointThree" }
  func value<T: LayerScalar>(at x: T) -> T { x < T(0.3) ? x / 2 : x - T(0.15) }
  func derivative<T: LayerScalar>(at x: T) -> T {
    if x.isNaN { return x }
    return x < T(0.3) ? T(0.5) : 1
  }
}

/// ReLU that forgot to declare its kink.
struct UndeclaredReLU: Activation {
  var name: String { "UndeclaredReLU" }
  func value<T: LayerScalar>(at x: T) -> T { x < 0 ? 0 : x }
  func derivative<T: LayerScalar>(at x: T) -> T {
    if x.isNaN { return x }
    return x > 0 ? 1 : 0
  }
}

/// x, plus 0.1 from 0.7 on: the slope is 1 everywhere but the function jumps.
struct JumpAtPointSeven: Activation {
  var name: String { "JumpAtPointSeven" }
  func value<T: LayerScalar>(at x: T) -> T { x < T(0.7) ? x : x + T(0.1) }
  func derivative<T: LayerScalar>(at x: T) -> T { x.isNaN ? x : 1 }
}

/// The natural logarithm, defined for x > 0 only.
struct Logarithm: Activation {
  var name: String { "Logarithm" }
  var domain: Domain { .positive }
  func value<T: LayerScalar>(at x: T) -> T { T.log(x) }
  func derivative<T: LayerScalar>(at x: T) -> T { 1 / x }
}

/// The logarithm with a derivative that is wrong by 1 % close to the domain's edge.
struct LogarithmWrongNearZero: Activation {
  var name: String { "LogarithmWrongNearZero" }
  var domain: Domain { .positive }
  func value<T: LayerScalar>(at x: T) -> T { T.log(x) }
  func derivative<T: LayerScalar>(at x: T) -> T { x < T(0.05) ? T(1.01) / x : 1 / x }
}

struct DomainTests {
  @Test(arguments: ScalarKind.allCases)
  func aDomainIsRespected(_ scalar: ScalarKind) {
    let report = ActivationChecker().check(Logarithm(), as: scalar)
    #expect(report.passed, "\(report)")
    #expect(report.points > 100)
  }

  @Test func pointsOutsideTheDomainAreNeverSampled() {
    let points = SamplePlan().finitePoints(for: Logarithm(), as: Double.self)
    #expect(!points.isEmpty)
    #expect(points.allSatisfy { $0 > 0 })
  }

  @Test(arguments: ScalarKind.allCases)
  func anErrorNearTheDomainEdgeIsCaught(_ scalar: ScalarKind) {
    let report = ActivationChecker().check(LogarithmWrongNearZero(), as: scalar)
    #expect(!report.passed)
    #expect(report.problems.contains { $0.kind == .derivativeMismatch })
  }
}

/// The distance from `x` rounded to `T` to the next larger value of `T`.
func spacing<T: CheckableScalar>(of _: T.Type, at x: Double) -> Double { Double(T(x).ulp) }
