import LayerKit
import Testing

@testable import LayerConformance

/// How many draws the expectation check takes, and what it says when it cannot take enough.
struct ExpectationPlanTests {
  @Test func drawsAre32725TimesTheVarianceWithinTheirBounds() {
    // A keep-0.5 dropout of 62 equal entries has s = √((1 − p) / (p · 62)) ≈ 0.127.
    #expect(ExpectationPlan.draws(spread: 0.127, entries: 20) == (528, 528, false))
    #expect(ExpectationPlan.draws(spread: 0, entries: 20).count == 32)
    #expect(ExpectationPlan.draws(spread: 1, entries: 1) == (20_000, 32_725, true))
    #expect(ExpectationPlan.draws(spread: 1, entries: 1_000) == (4_000, 32_725, true))
    #expect(ExpectationPlan.draws(spread: 0.01, entries: 1_000_000).count == 32)
    let nan = ExpectationPlan.draws(spread: .nan, entries: 20)
    #expect(nan.count == 20_000 && nan.capped)
  }

  @Test(arguments: ScalarKind.allCases)
  func aCappedCheckSaysSoAndStillPassesAnUnbiasedLayer(_ scalar: ScalarKind) throws {
    let report = LayerChecker().check(RandomScaleBlueprint(), as: scalar)
    #expect(report.passed, "\(report)")
    let check = try #require(report.statistics.first { $0.kind == .expectation })
    #expect(check.samples == 20_000)
    #expect(check.detail.contains("capped (a 5% bias needs"), "\(check.detail)")
  }

  @Test func aZeroInferenceOutputCannotBeComparedAndFails() throws {
    let report = LayerChecker().check(RandomScaleBlueprint(zeroInInference: true), as: Double.self)
    #expect(!report.passed)
    let check = try #require(report.statistics.first { $0.kind == .expectation })
    #expect(!check.passed && check.detail.contains("⟨m, m⟩ = 0"), "\(check.detail)")
    #expect(report.problems.contains { $0.kind == .statistics && $0.tensor == "output" })
  }
}
