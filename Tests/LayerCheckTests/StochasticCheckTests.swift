import Foundation
import LayerConformance
import LayerKit
import Testing

/// The four Layer-only dropout mutants of the stochastic checks.
enum StochasticMutant: String, CaseIterable, CustomTestStringConvertible, Sendable {
  case noScaling, keepsWithDropProbability, backwardIgnoresMask, systemGenerator

  var testDescription: String { rawValue }

  var blueprint: UserDropoutBlueprint {
    switch self {
    case .noScaling: UserDropoutBlueprint(variant: .noScaling)
    case .keepsWithDropProbability: UserDropoutBlueprint(variant: .keepsWithDropProbability)
    case .backwardIgnoresMask: UserDropoutBlueprint(variant: .backwardIgnoresMask)
    case .systemGenerator: UserDropoutBlueprint(variant: .systemGenerator)
    }
  }
}

/// Every stochastic layer gets its statistics checked, whether or not it is a `MaskingLayer`.
struct StochasticCheckTests {
  @Test(arguments: StochasticMutant.allCases, ScalarKind.allCases)
  func layerOnlyDropoutMutantIsCaught(_ mutant: StochasticMutant, _ scalar: ScalarKind) {
    let report = LayerChecker().check(mutant.blueprint, as: scalar)
    #expect(!report.passed, "the kit missed \(mutant) in \(scalar)")
    let failed = report.statistics.filter { !$0.passed }.map(\.kind)
    switch mutant {
    case .noScaling, .keepsWithDropProbability:
      // Forward and backward agree: only the expectation check can see these.
      #expect(report.problems.allSatisfy { $0.kind == .statistics }, "\(report)")
      #expect(report.problems.contains { $0.tensor == "output" })
      #expect(failed == [.expectation], "\(report)")
      let bias = try? #require(report.statistics.first { $0.kind == .expectation }?.estimate)
      let expected = mutant == .noScaling ? -0.3 : 0.3 / 0.7 - 1
      #expect(abs((bias ?? 0) - expected) < 0.05, "relative bias \(bias ?? .nan)")
    case .backwardIgnoresMask:
      #expect(report.problems.contains { $0.kind == .gradientMismatch && $0.tensor == "input" })
      #expect(failed.isEmpty, "the forward pass is right: \(report)")
    case .systemGenerator:
      #expect(
        report.problems.contains { $0.kind == .nondeterministic && $0.tensor == "output" },
        "\(report)")
      #expect(failed.contains(.seed))
    }
    #expect(report.problems.allSatisfy { $0.message.contains("[\(scalar)]") })
  }

  @Test(arguments: ScalarKind.allCases)
  func correctLayerOnlyDropoutPassesEveryCheck(_ scalar: ScalarKind) throws {
    let report = LayerChecker().check(UserDropoutBlueprint(), as: scalar)
    #expect(report.passed, "\(report)")
    #expect(report.statistics.map(\.kind) == [.seed, .distinctSeeds, .expectation])
    #expect(report.statistics.allSatisfy { $0.passed })
    let expectation = try #require(report.statistics.last)
    let draws = try #require(expectation.samples)
    #expect(draws >= 32 && draws <= 20_000)
    #expect(report.statisticsSummary.hasPrefix("seed ok, distinct seeds ok, expectation ok ("))
    #expect(report.description.contains("statistics: seed ok"))
  }

  @Test(arguments: ScalarKind.allCases)
  func waivedUnscaledDropoutPassesAndSaysSo(_ scalar: ScalarKind) {
    let report = LayerChecker().check(UserDropoutBlueprint(waived: true), as: scalar)
    #expect(report.passed, "\(report)")
    #expect(report.statistics.map(\.kind) == [.seed, .distinctSeeds, .expectationWaived])
    #expect(report.statisticsSummary.contains("expectation waived"))
    #expect(report.statistics.last?.detail.contains("expectationPreserving = false") == true)
  }

  @Test func builtInDropoutAddsMaskingChecksAndDenseHasNone() {
    let dropout = LayerChecker().check(DropoutBlueprint(), as: Float.self)
    #expect(
      dropout.statistics.map(\.kind) == [
        .seed, .distinctSeeds, .expectation, .keptFraction, .inferenceIdentity,
      ])
    #expect(dropout.statistics.allSatisfy { $0.passed }, "\(dropout)")
    let dense = LayerChecker().check(DenseBlueprint(), as: Float.self)
    #expect(dense.statistics.isEmpty && dense.statisticsSummary.isEmpty)
  }

  @Test func expectationPreservingAndStochasticDeclarations() throws {
    let unscaled = UnscaledDropout<Double>(keep: 0.5)
    let dropout = try Dropout<Double>(keepProbability: 0.5)
    #expect(dropout.expectationPreserving && !unscaled.expectationPreserving)
    let unbiased = try Sequential<Double>([dropout, dropout])
    let biased = try Sequential<Double>([dropout, unscaled])
    #expect(unbiased.expectationPreserving && !biased.expectationPreserving)
    let keepAll = try Dropout<Double>(keepProbability: 1)
    #expect(dropout.isStochastic && !keepAll.isStochastic)
    var random = RandomSource(seed: 1)
    let dense = try Dense<Double>(inputSize: 3, outputSize: 3, random: &random)
    let tanh = ActivationLayer(Tanh(), of: Double.self)
    let affineAfterDropout = try Sequential<Double>([dense, tanh, dropout, dense])
    let tanhAfterDropout = try Sequential<Double>([dense, dropout, tanh, dense])
    #expect(affineAfterDropout.expectationPreserving && !tanhAfterDropout.expectationPreserving)
  }

  /// A nonlinearity after a dropout biases a composition (E[tanh(y)] ≠ tanh(E[y])): Sequential
  /// declares it, the check is waived and the correct composition passes; claiming it unbiased
  /// would be refuted by the expectation check.
  @Test(arguments: ScalarKind.allCases)
  func tanhAfterDropoutIsWaivedBecauseItIsReallyBiased(_ scalar: ScalarKind) {
    let blueprint = SequentialBlueprint(
      name: "DropoutThenTanh",
      [
        DenseBlueprint(inputSize: 4, outputSize: 5, batch: 3),
        DropoutBlueprint(keepProbability: 0.5, sampleInputShape: [3, 5]),
        ActivationLayerBlueprint(Tanh(), sampleInputShape: [3, 5]),
      ])
    let report = LayerChecker().check(blueprint, as: scalar)
    #expect(report.passed, "\(report)")
    #expect(report.statistics.map(\.kind) == [.seed, .distinctSeeds, .expectationWaived])
    let claimed = LayerChecker().check(ClaimsUnbiased(wrapped: blueprint), as: scalar)
    #expect(
      claimed.statistics.contains { $0.kind == .expectation && !$0.passed }, "\(claimed)")
  }

  @Test func statisticsAreInTheJSONRowsAndTheCommandLineTable() throws {
    var registry = Registry()
    try registry.register(UserDropoutBlueprint())
    try registry.register(DenseBlueprint())
    let report = RegistryChecker().check(registry, scalars: [.double])
    let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(report.rows))
    let rows = try #require(json as? [[String: Any]])
    let statistics = try #require(rows.first?["statistics"] as? [[String: Any]])
    #expect(
      statistics.compactMap { $0["kind"] as? String } == ["seed", "distinctSeeds", "expectation"])
    #expect((rows.last?["statistics"] as? [Any])?.isEmpty == true, "Dense has none")
    #expect(report.statisticsLines.count == 1)
    #expect(report.description.contains("UserDropout(correct) [Double] statistics: seed ok"))
  }

  /// The expectation check over many seeds: a correct dropout never fails it, a 5% bias is
  /// almost always found.
  @Test(arguments: ScalarKind.allCases)
  func expectationCheckHasNoFalseAlarmsAndFindsAFivePercentBias(_ scalar: ScalarKind) {
    var falseAlarms: [UInt64] = []
    for seed in UInt64(0)..<200 {
      let checker = LayerChecker(strategy: .directional(count: 2), seed: seed)
      let report = checker.check(UserDropoutBlueprint(keep: 0.8), as: scalar)
      if !report.passed { falseAlarms.append(seed) }
    }
    #expect(falseAlarms.isEmpty, "false alarms at seeds \(falseAlarms)")
    var found = 0
    for seed in UInt64(0)..<50 {
      let checker = LayerChecker(strategy: .directional(count: 2), seed: seed)
      let report = checker.check(
        UserDropoutBlueprint(variant: .scaledBy(0.95), keep: 0.8), as: scalar)
      if report.problems.contains(where: { $0.kind == .statistics }) { found += 1 }
    }
    #expect(found >= 45, "a 5% bias was found in only \(found) of 50 seeds")
  }
}
