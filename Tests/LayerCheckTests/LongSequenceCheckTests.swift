import Foundation
import LayerConformance
import LayerKit
import Testing

/// T = 100: gradients that vanish or explode along time raise no false alarm, a broken BPTT
/// still fails, and an overflow gives one clear problem instead of NaN noise.
struct LongSequenceCheckTests {
  static let scalars: [ScalarKind] = [.float, .double]

  /// h_t = w ⊙ h_{t−1} + x_t over 100 steps, judged on the last state only, so that the
  /// gradient at step t is w^(99−t) times the last one.
  static func lastStep(_ w: Double, _ bug: RecurrenceBug = .none) -> LinearRecurrenceBlueprint {
    LinearRecurrenceBlueprint(w: [w, -w, w], time: 100, lastStepOnly: true, bug: bug)
  }

  @Test(arguments: scalars)
  func aVanishingGradientRaisesNoFalseAlarm(_ scalar: ScalarKind) throws {
    let report = LayerChecker(strategy: .everyEntry).check(Self.lastStep(0.5), as: scalar)
    #expect(report.passed, "\(report)")
    let steps = report.timeSteps
    #expect(steps.count == 100 && steps.allSatisfy { $0.entries == 6 })
    let ratio = try #require(steps.first).largestGradient / #require(steps.last).largestGradient
    #expect(ratio < 1e-28 && ratio > 0, "0.5^99 ≈ 1.6e-30, measured \(ratio)")
    #expect(report.tensors.allSatisfy { $0.floor == nil }, "nothing above 1: floors unchanged")
    let elman = LayerChecker(strategy: .everyEntry).check(
      ElmanFixtureBlueprint(recurrentScale: 0.3, time: 100, lastStepOnly: true), as: scalar)
    #expect(elman.passed, "\(elman)")
    let decay =
      try #require(elman.timeSteps.first).largestGradient
      / #require(elman.timeSteps.last).largestGradient
    #expect(decay < 1e-20, "a tanh cell with small weights forgets: \(decay)")
  }

  @Test(arguments: scalars)
  func aBrokenBPTTStillFailsAtT100(_ scalar: ScalarKind) throws {
    let report = LayerChecker(strategy: .everyEntry).check(
      Self.lastStep(0.5, .dropsRecurrentTerm), as: scalar)
    #expect(!report.passed)
    let problem = try #require(
      report.problems.first { $0.kind == .gradientMismatch && $0.tensor == "input" })
    // Wrong from t = 98 back to where 0.5^(99 − t) sinks below the resolution.
    #expect(problem.message.contains("wrong from t = 98 backwards (worst t = "), "\(problem)")
    #expect(problem.message.contains("; t = 0–"), "\(problem)")
    #expect(problem.message.contains(" unresolved: every |numeric gradient| there is at most "))
    let directional = LayerChecker(strategy: .directional(count: 4)).check(
      Self.lastStep(0.5, .dropsRecurrentTerm), as: scalar)
    #expect(!directional.passed, "\(directional)")
  }

  /// Whether `Double`'s references are computed in `Float80`. Without it (arm64, and CI's
  /// portable build) they are computed in `Double` itself, and an objective of about 1e17
  /// leaves the exploding case's numeric gradients off by a few 1e-8 relative: the check then
  /// fails, clearly, on the `Double` tolerance 1e-8 (measured 5.9e-8), with no NaN or crash.
  static var doubleHasWiderReferences: Bool {
    #if !(os(Windows) || os(Android)) && (arch(x86_64) || arch(i386)) && !LAYERKIT_NO_FLOAT80
      true
    #else
      false
    #endif
  }

  /// Passes, or, for `Double` without wider references, fails only on gradient mismatches
  /// below 1e-6 relative (see ``doubleHasWiderReferences``).
  static func expectPassesAtItsResolution(_ report: LayerReport, _ scalar: String) {
    if scalar == "Double" && !doubleHasWiderReferences {
      #expect(report.problems.allSatisfy { $0.kind == .gradientMismatch }, "\(report)")
      #expect(report.maxRelativeError < 1e-6, "\(report)")
    } else {
      #expect(report.passed, "\(report)")
    }
  }

  @Test(arguments: scalars)
  func anExplodingGradientIsCheckedAgainstItsScale(_ scalar: ScalarKind) throws {
    for strategy in [Strategy.everyEntry, .directional(count: 4)] {
      let report = LayerChecker(strategy: strategy).check(Self.lastStep(1.5), as: scalar)
      Self.expectPassesAtItsResolution(report, report.scalar)
    }
    let report = LayerChecker(strategy: .everyEntry).check(Self.lastStep(1.5), as: scalar)
    let growth =
      try #require(report.timeSteps.first).largestGradient
      / #require(report.timeSteps.last).largestGradient
    #expect(growth > 1e16, "1.5^99 ≈ 2.5e17, measured \(growth)")
    let input = try #require(report.tensors.first)
    let floor = try #require(input.floor, "the input's floor follows its scale")
    #expect(floor > report.tolerance.floor)
    // The objective is about 1e17, so its rounding hides the last steps' gradients (about 1):
    // the report says they are below the resolution rather than calling them checked.
    let resolution = report.tolerance.relative * floor
    #expect(try #require(report.timeSteps.last).largestReference <= resolution)
    #expect(report.description.contains("0 failing, "))
    #expect(!report.description.contains("0 failing, 0 below the resolution"))
    let broken = LayerChecker(strategy: .everyEntry).check(
      Self.lastStep(1.5, .dropsRecurrentTerm), as: scalar)
    #expect(
      broken.problems.contains {
        $0.message.contains("wrong at every resolved time step (worst t = 0; t = ")
          && $0.message.contains("–99 unresolved")
      },
      "\(broken)")
  }

  /// w = 3: 3^99 ≈ 1.7e47 overflows `Float` (and fits in `Double`).
  @Test func anOverflowIsOneClearProblemInFloatAndPassesInDouble() throws {
    let float = LayerChecker(strategy: .everyEntry).check(Self.lastStep(3), as: Float.self)
    #expect(float.problems.map(\.kind) == [.nonFiniteValue], "\(float)")
    #expect(float.problems.first?.message.contains("overflows in Float") == true)
    #expect(float.points == 0 && float.maxRelativeError == 0)
    _ = try JSONEncoder().encode(float)  // no NaN or infinity to refuse
    let double = LayerChecker(strategy: .everyEntry).check(Self.lastStep(3), as: Double.self)
    Self.expectPassesAtItsResolution(double, "Double")
  }

  @Test func eachLongCheckIsFast() {
    let start = ContinuousClock.now
    _ = LayerChecker(strategy: .everyEntry).check(Self.lastStep(0.5), as: Double.self)
    #expect(ContinuousClock.now - start < .seconds(2))
  }
}
