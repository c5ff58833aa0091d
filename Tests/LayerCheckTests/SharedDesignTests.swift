import Foundation
import LayerConformance
import LayerKit
import Testing

/// The pieces the three checkers share: the finite-difference engine, the strategy, the
/// registry check, the test helpers and the JSON rows.
struct SharedDesignTests {
  @Test func theStepIsTheCubeRootOfEpsilonAndExactlyRepresentable() {
    for x in [0.0, 0.3, -7.25, 1e6, 1e-3] {
      let h = FiniteDifference.step(at: x)
      #expect((x + h) - x == h, "x + h is exact at \(x)")
      let expected = cbrt(Double.ulpOfOne) * max(abs(x), 1)
      #expect(abs(h - expected) <= 1e-3 * expected)
    }
    #expect(FiniteDifference.step(at: Float(2)) > 1e-3, "the step is taken in the type of x")
  }

  @Test func theCentralDifferenceIsSecondOrderAndTheBatchedFormAgrees() {
    // d/dx sin(x) = cos(x): error O(h²) ≈ 1e-11 at h ≈ 6e-6.
    let points = [-2.0, -0.5, 0.0, 0.75, 3.0]
    let single = points.map { x in FiniteDifference.central(at: x) { sin($0) } }
    for (x, d) in zip(points, single) { #expect(abs(d - cos(x)) < 1e-9, "at \(x)") }
    let batched = FiniteDifference.central(at: points) { arguments in arguments.map { sin($0) } }
    #expect(batched == single, "one routine, one result, however it is called")
    #expect(FiniteDifference.central(at: points) { _ in [1.0] } == [], "a wrong count is refused")
  }

  @Test func theStandardStrategyIsFullUpToTwentyThousandEntriesThenDirectional() {
    #expect(Strategy.standard.resolved(forEntries: 20_000) == .full(entryLimit: 256))
    #expect(Strategy.standard.resolved(forEntries: 20_001) == .directional(count: 4))
    #expect(Strategy.full(entryLimit: 3).resolved(forEntries: 1_000_000) == .full(entryLimit: 3))
    #expect(LayerChecker().options.strategy == .standard)
    #expect(RegistryChecker().layers.options == LayerChecker().options)
  }

  @Test func aLargeLayerIsCheckedInDirectionsByDefault() {
    let large = DenseBlueprint(inputSize: 200, outputSize: 120, batch: 2)
    let report = LayerChecker().check(large, as: Double.self)
    #expect(report.passed, "\(report)")
    #expect(report.strategy == "directional(4)")
    #expect(report.points == 4)
  }

  @Test func theRegistryCheckHasRowsOfBothKindsAndKindSpecificJSON() throws {
    var registry = Registry()
    try registry.register(Tanh())
    try registry.register(DenseBlueprint())
    let report = RegistryChecker().check(registry, scalars: [.double])
    #expect(report.passed, "\(report)")
    #expect(report.rows.map(\.component) == ["Tanh", "Dense"])
    let data = try JSONEncoder().encode(report.rows)
    let rows = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    #expect(rows.map { $0["kind"] as? String } == ["activation", "layer"])
    #expect(rows[0]["kinks"] != nil && rows[0]["strategy"] == nil)
    #expect(
      rows[1]["kinks"] as? Int == 0 && rows[1]["strategy"] as? String == "full(≤256 per tensor)")
    #expect((rows[1]["kinkEntries"] as? [Any])?.isEmpty == true)
    #expect(report.description.contains("Tanh ") && report.description.contains("Dense "))
  }

  @Test func aRegistryOfLayersAloneIsNotNothingChecked() throws {
    var registry = Registry()
    try registry.register(DenseBlueprint())
    let report = RegistryChecker().check(registry)
    #expect(report.passed, "\(report)")
    #expect(report.problems.isEmpty)
  }

  @Test func theLayerHelperPassesACorrectLayerAndRecordsOneIssuePerFailingScalarType() {
    let reports = expectCorrectGradients(of: DenseBlueprint())
    #expect(reports.map(\.scalar) == ScalarKind.allCases.map(\.rawValue))
    withKnownIssue("a wrong bias gradient, in Float and in Double") {
      let failing = expectCorrectGradients(of: Mutant.denseBiasFromFirstExample)
      #expect(failing.allSatisfy { !$0.passed })
    } matching: { issue in
      "\(issue)".contains("denseBiasFromFirstExample [") && "\(issue)".contains("gradient wrong")
    }
  }

  @Test func theNetworkHelperPassesACorrectNetworkAndRecordsAWrongOne() throws {
    let (layers, input, target) = try smallNetwork(Double.self)
    let report = expectCorrectGradients(
      ofNetwork: layers, loss: BinaryCrossEntropy(), input: input, target: target)
    #expect(report.passed)
    let (wrong, _, _) = try smallNetwork(Double.self, wrongDense: true)
    withKnownIssue("the first Dense has a wrong weight gradient") {
      expectCorrectGradients(
        ofNetwork: wrong, loss: BinaryCrossEntropy(), input: input, target: target)
    } matching: { issue in
      "\(issue)".contains("network [Double]: FAILED")
    }
  }

  @Test func aNetworkWithoutParametersChecksNothingAndSaysSo() throws {
    let input = try Tensor<Double>(shape: [1, 2], scalars: [0.5, -0.5])
    let report = NetworkChecker().check(
      layers: [ActivationLayer(Tanh(), of: Double.self)], loss: MeanSquaredError(), input: input,
      target: input)
    #expect(!report.passed)
    #expect(report.problems.map(\.kind) == [.nothingChecked])
  }

  @Test func aLossIsRegisteredWithItsTargetKindAndNoWrapper() throws {
    let blueprint = try #require(BuiltIn.layers.first { $0.name == "SoftmaxCrossEntropy" })
    let loss = try #require(blueprint as? LossBlueprint)
    #expect(loss.targets == .oneHot)
    #expect(LossBlueprint(MeanSquaredError()).targets == .real)
    #expect(BuiltIn.folders.contains("Sources/Losses/L1Penalty"))
  }
}
