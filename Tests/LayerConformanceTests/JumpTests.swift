import Foundation
import LayerConformance
import LayerCore
import Testing

/// Declared jumps: measured, checked on both sides, kept off every stencil; each broken
/// declaration named by its own problem kind.
struct JumpTests {
  let checker = ActivationChecker()

  static let hardshrink = Mutant("hardshrink", "correct", .hardshrink(0.5), .none)

  func mutant(_ mutation: JumpMutation, lambda: Double = 0.5) -> Mutant {
    Mutant("hardshrink", "jumps", .hardshrink(lambda), .jump(mutation))
  }

  @Test(arguments: ScalarKind.allCases)
  func hardshrinkPassesAtEveryLambdaWithBothJumpsConfirmed(_ scalar: ScalarKind) {
    let report = checker.checkAllVariants(Self.hardshrink, as: scalar)
    #expect(report.passed, "\(report)")
    #expect(report.runs.map { $0.parameters["lambda"] } == [0.5, 0, 0.1, 1, 2])
    // λ = 0 is the identity: no jump declared, none measured.
    #expect(report.runs.map(\.jumps.count) == [2, 0, 2, 2, 2])
    #expect(report.jumpsDeclared == 8)
    #expect(report.jumpsConfirmed == 8)
    let jump = report.runs[0].jumps[1]
    #expect(jump.location == 0.5 && jump.declaredValue == 0 && jump.valueAtJump == 0)
    #expect(abs(jump.leftLimit) < 1e-6 && abs(jump.rightLimit - 0.5) < 1e-6)
    #expect(abs(jump.leftSlope) < 1e-6 && abs(jump.rightSlope - 1) < 1e-6)
    #expect(jump.analyticLeft == 0 && jump.analyticRight == 1 && jump.analyticAtJump == 0)
    #expect(jump.confirmed && jump.valueHolds && jump.conventionHolds)
  }

  @Test(arguments: ScalarKind.allCases)
  func pointsBesideAJumpAreJudgedOneSided(_ scalar: ScalarKind) {
    let report = checker.check(
      mutant(.beside(negative: false, right: true, width: 1e-3, slope: 0)), as: scalar)
    #expect(!report.passed)
    let near = report.worstPoints.filter { $0.x > 0.5 && $0.x < 0.5 + 1e-3 }
    #expect(!near.isEmpty)
    // Never straddled: every reference is the slope on the right, 1.
    #expect(near.allSatisfy { abs($0.numeric - 1) < 1e-4 })
    // Float16 has no point nearer to 0.5 than its spacing there, 2⁻¹¹ ≈ 4.9e-4, where a
    // central stencil (in Double, h ≈ 6e-6) already fits beside the jump.
    if spacing(of: scalar.type, at: 0.5) < 1e-5 {
      #expect(near.contains { $0.stencil == "forward" })
    }
    #expect(
      report.problems.contains {
        $0.kind == .derivativeMismatch && $0.message.contains("just right of the jump x = 0.5")
      })
  }

  @Test(arguments: ScalarKind.allCases)
  func aDeclaredJumpIsNotADiscontinuity(_ scalar: ScalarKind) {
    let report = checker.check(DeclaredJumpAtPointSeven(), as: scalar)
    #expect(report.passed, "\(report)")
    #expect(report.jumpsConfirmed == 1)
    #expect(!report.problems.contains { $0.kind == .discontinuity })
  }

  @Test(arguments: ScalarKind.allCases)
  func aJumpDeclaredAtTheWrongPlaceIsNotFoundAndTheRealOneIsADiscontinuity(
    _ scalar: ScalarKind
  ) throws {
    let report = checker.check(mutant(.declaredShifted(0.05)), as: scalar)
    let kinds = Set(report.problems.map(\.kind))
    #expect(kinds.isSuperset(of: [.jumpNotFound, .discontinuity]))
    let notFound = try #require(report.problems.first { $0.kind == .jumpNotFound })
    #expect(notFound.x == 0.55 || notFound.x == -0.55)
    #expect(notFound.message.contains("but the function does not jump there"))
    #expect(notFound.message.contains("hardshrink(lambda: 0.5) [\(scalar)]"))
    let jumps = report.problems.filter { $0.kind == .discontinuity }.compactMap(\.x)
    #expect(jumps.contains { abs($0 - 0.5) < 1e-6 } && jumps.contains { abs($0 + 0.5) < 1e-6 })
  }

  @Test(arguments: ScalarKind.allCases)
  func anUndeclaredJumpIsStillADiscontinuity(_ scalar: ScalarKind) {
    let report = checker.check(mutant(.undeclared), as: scalar)
    #expect(report.jumps.isEmpty)
    let jumps = report.problems.filter { $0.kind == .discontinuity }.compactMap(\.x)
    #expect(jumps.count == 2)
    #expect(jumps.contains { abs($0 - 0.5) < 1e-6 } && jumps.contains { abs($0 + 0.5) < 1e-6 })
  }

  @Test(arguments: ScalarKind.allCases)
  func aWrongValueAtTheJumpIsNamed(_ scalar: ScalarKind) throws {
    let report = checker.check(mutant(.valueAtJump), as: scalar)
    #expect(report.problems.map(\.kind) == [.jumpValue, .jumpValue])
    let problem = try #require(report.problems.first { $0.x == 0.5 })
    // |0.5 − 0| / max(0.5, 0, floor): 1, except in Float16, whose floor is 1.
    let (error, tolerance) =
      switch scalar.rawValue {
      case "Float": ("1", "0.0001")
      case "Double": ("1", "1e-08")
      default: ("0.5", "0.0078125")
      }
    #expect(
      problem.message.contains(
        "at the jump x = 0.5 the value is 0.5, but the declared value is 0 (relative error "
          + "\(error) > tolerance \(tolerance); left limit"))
    // The stencils never touched the wrong value: no other problem.
    let declared = checker.check(mutant(.declaredValue(0.5)), as: scalar)
    #expect(declared.problems.map(\.kind) == [.jumpValue])
  }

  @Test(arguments: ScalarKind.allCases)
  func aBrokenConventionAtTheJumpIsNamed(_ scalar: ScalarKind) throws {
    let wrongDerivative = checker.check(mutant(.derivativeAtJump(1)), as: scalar)
    #expect(wrongDerivative.problems.map(\.kind) == [.jumpConvention, .jumpConvention])
    let declared = checker.check(mutant(.declaredConvention(.rightLimit)), as: scalar)
    let problem = try #require(declared.problems.first)
    #expect(declared.problems.count == 1 && problem.kind == .jumpConvention)
    #expect(
      problem.message.contains(
        "at the jump x = 0.5 the derivative is 0, but the declared convention is the right limit (left slope 0, right slope 1"
      ))
  }

  /// The problem each jump mutant must raise at λ = 0.5 (or its own λ), in both scalar types.
  static func expectedKind(_ mutation: JumpMutation) -> Problem.Kind {
    switch mutation {
    case .declaredShifted, .phantom: .jumpNotFound
    case .undeclared, .onlyPositiveDeclared: .discontinuity
    case .valueAtJump, .declaredValue: .jumpValue
    case .derivativeAtJump, .declaredConvention: .jumpConvention
    case .beside, .maskIgnoresLambda: .derivativeMismatch
    }
  }

  /// The report is the mutation suite's own check of the mutant (``MutationOutcomes``), run
  /// once for both.
  @Test(arguments: Mutant.jumpSuite, ScalarKind.allCases)
  func everyJumpMutantIsCaughtForItsReason(_ mutant: Mutant, _ scalar: ScalarKind) async throws {
    guard case .jump(let mutation) = mutant.mutation else { throw CancellationError() }
    let report = try #require(
      try await MutationOutcomes.shared.value.report(of: mutant, in: scalar))
    #expect(!report.passed)
    let kind = Self.expectedKind(mutation)
    #expect(report.problems.contains { $0.kind == kind }, "\(report)")
    #expect(report.problems.allSatisfy { $0.message.hasPrefix("\(mutant.label)(lambda: ") })
  }

  /// Thirty-nine values of λ, tiny, irrational, not representable in `Float`, up to 10: no false
  /// alarm, both jumps confirmed (λ = 1e-6 too, in `Float`: the limits are read in `Double`).
  @Test(arguments: ScalarKind.allCases)
  func hardshrinkPassesForManyLambdas(_ scalar: ScalarKind) {
    var random = RandomSource(seed: 7)
    var lambdas: [Double] = [1e-3, 1e-6, 0.3, 0.7, 3.7, 9.9, 1.0 / 3, 0.125, 5]
    for _ in 0..<30 { lambdas.append(10 * random.nextUnit()) }
    for lambda in lambdas {
      let report = checker.check(Mutant("hardshrink", "", .hardshrink(lambda), .none), as: scalar)
      #expect(report.passed && report.jumpsConfirmed == 2, "\(report)")
    }
  }

  @Test(arguments: ScalarKind.allCases)
  func aJumpBetweenSteepPiecesWithItsOwnValuePasses(_ scalar: ScalarKind) throws {
    let report = checker.check(SteepStep(), as: scalar)
    #expect(report.passed, "\(report)")
    let jump = try #require(report.jumps.first)
    #expect(abs(jump.leftLimit - 3 * exp(0.3)) < 1e-9 && abs(jump.rightLimit - 8) < 1e-9)
    #expect(abs(jump.leftSlope - 3 * exp(0.3)) < 1e-6 && abs(jump.rightSlope - 20) < 1e-6)
  }

  @Test func unusableJumpDeclarationsAreInvalid() {
    let report = checker.check(BadJumps(), as: .double)
    let invalid = report.problems.filter { $0.kind == .invalidDeclaration }.map(\.message)
    #expect(invalid.count == 3)
    #expect(invalid.contains { $0.contains("a jump's location and value must be finite") })
    #expect(invalid.contains { $0.contains("outside the domain") })
    #expect(invalid.contains { $0.contains("declare the jump only") })
  }

  @Test func reportsAndJSONCarryTheJumps() throws {
    let report = checker.checkAllVariants(Self.hardshrink, as: .double)
    #expect(report.description.contains("jumps 8/8 confirmed"))
    #expect(report.runs[0].description.contains("jump at 0.5: limits 0 (left) / 0.5 (right)"))
    let data = try JSONEncoder().encode(RegistryReport.Row.activation(report))
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(json["jumps"] as? Int == 8)
    #expect(json["jumpsConfirmed"] as? Int == 8)
    let decoded = try JSONDecoder().decode(
      ActivationVariantsReport.self, from: JSONEncoder().encode(report))
    #expect(decoded.runs[0].jumps == report.runs[0].jumps)
  }

  @Test func thePlotMarksDeclaredJumps() {
    let svg = SVGPlot.render(
      Self.hardshrink, reports: [checker.check(Self.hardshrink, as: .double)])
    #expect(svg.contains("declared jump"))
    // One marker line per jump and panel.
    #expect(svg.components(separatedBy: "stroke=\"#bc4c00\"").count - 1 >= 4)
    // f and f' are each drawn in three pieces, never across a jump.
    #expect(svg.components(separatedBy: "<polyline").count - 1 == 6)
  }
}

/// x, plus 0.1 from 0.7 on, with the jump declared: f(0.7) = 0.8, the right limit, and the
/// derivative 1 on both sides.
struct DeclaredJumpAtPointSeven: Activation {
  var name: String { "DeclaredJumpAtPointSeven" }
  var jumps: [Jump] { [Jump(at: 0.7, value: 0.8, derivative: .average)] }
  func value<T: LayerScalar>(at x: T) -> T { x < T(0.7) ? x : x + T(0.1) }
  func derivative<T: LayerScalar>(at x: T) -> T { x.isNaN ? x : 1 }
}

/// Jumps that cannot be checked: a NaN value, one outside the domain, one also declared a kink.
struct BadJumps: Activation {
  var name: String { "BadJumps" }
  var domain: Domain { .positive }
  var kinks: [Kink] { [Kink(at: 2, convention: .average)] }
  var jumps: [Jump] {
    [
      Jump(at: 1, value: .nan, derivative: .average), Jump(at: -1, value: 0, derivative: .average),
      Jump(at: 2, value: 2, derivative: .average),
    ]
  }
  func value<T: LayerScalar>(at x: T) -> T { x }
  func derivative<T: LayerScalar>(at x: T) -> T { x.isNaN ? x : 1 }
}

/// 3eˣ left of 0.3, 8 + atan(20(x − 0.3)) from 0.3 on, and 5.5 exactly at 0.3 (neither limit);
/// the derivative there, 10, lies between the slopes 3e^0.3 and 20.
struct SteepStep: Activation {
  var name: String { "SteepStep" }
  var jumps: [Jump] { [Jump(at: 0.3, value: 5.5, derivative: .between)] }
  func value<T: LayerScalar>(at x: T) -> T {
    if x.isNaN || x == T(0.3) { return x.isNaN ? x : T(5.5) }
    if x == -T.infinity { return 0 }
    return x < T(0.3) ? 3 * T.exp(x) : 8 + T.atan(20 * (x - T(0.3)))
  }
  func derivative<T: LayerScalar>(at x: T) -> T {
    if x.isNaN || x == T(0.3) { return x.isNaN ? x : 10 }
    if x.isInfinite { return 0 }
    let d = 20 * (x - T(0.3))
    return x < T(0.3) ? 3 * T.exp(x) : 20 / (1 + d * d)
  }
}
