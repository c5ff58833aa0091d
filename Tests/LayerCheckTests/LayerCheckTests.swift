import LayerConformance
import LayerKit
import Testing

/// Every registered layer, and the activation adapter for every activation, passes the layer
/// kit in Float and Double, in full and in directional mode.
struct RegisteredLayerTests {
  static let layers = BuiltIn.layers.map(Named.init)
  static let adapters = BuiltIn.activations.map { Named(ActivationLayerBlueprint($0)) }

  @Test(arguments: layers, ScalarKind.allCases)
  func registeredLayerPassesFullCheck(_ layer: Named, _ scalar: ScalarKind) {
    let report = LayerGradientChecker().check(layer.blueprint, as: scalar)
    #expect(report.passed, "\(report)")
    #expect(report.tensors.first?.name == "input")
    #expect(report.points == report.tensors.reduce(0) { $0 + $1.checkedEntries.count })
  }

  @Test(arguments: adapters, ScalarKind.allCases)
  func activationAdapterPassesFullCheck(_ layer: Named, _ scalar: ScalarKind) {
    let report = LayerGradientChecker().check(layer.blueprint, as: scalar)
    #expect(report.passed, "\(report)")
  }

  @Test(arguments: layers, ScalarKind.allCases)
  func registeredLayerPassesDirectionalCheck(_ layer: Named, _ scalar: ScalarKind) {
    let report = LayerGradientChecker(mode: .directional(count: 3)).check(
      layer.blueprint, as: scalar)
    #expect(report.passed, "\(report)")
    #expect(report.points == 3)
  }

  @Test func registryHoldsEveryLayerFolder() throws {
    let names = try BuiltIn.registry.layers.map(\.name)
    for name in [
      "Dense", "Dropout", "Sequential", "BinaryCrossEntropy", "SoftmaxCrossEntropy",
      "MeanSquaredError", "L1Penalty", "L2Penalty",
    ] {
      #expect(names.contains(name), "\(name) is not registered")
    }
  }
}

/// A blueprint with a readable test name.
struct Named: CustomTestStringConvertible, Sendable {
  let blueprint: any LayerBlueprint
  init(_ blueprint: any LayerBlueprint) { self.blueprint = blueprint }
  var testDescription: String { blueprint.name }
}

/// The kit itself: subsampling, seed fixing, nondeterminism, the mutants.
struct LayerKitBehaviourTests {
  @Test func subsamplingCoversEveryTensorAndRecordsTheEntries() {
    let blueprint = DenseBlueprint(inputSize: 30, outputSize: 20, batch: 2)
    let report = LayerGradientChecker(entryLimit: 7).check(blueprint, as: Double.self)
    #expect(report.passed, "\(report)")
    #expect(report.tensors.map(\.name) == ["input", "weight", "bias"])
    for tensor in report.tensors {
      #expect(tensor.checkedEntries.count == 7, "\(tensor.name)")
      #expect(tensor.checkedEntries.first == 0 && tensor.checkedEntries.last == tensor.count - 1)
      #expect(Set(tensor.checkedEntries).count == tensor.checkedEntries.count)
    }
    #expect(report.tensors[1].count == 600)
  }

  @Test(arguments: ScalarKind.allCases)
  func dropoutPassesOnlyBecauseTheSeedIsFixed(_ scalar: ScalarKind) {
    let fixed = LayerGradientChecker().check(DropoutBlueprint(), as: scalar)
    #expect(fixed.passed, "\(fixed)")
    let unfixed = LayerGradientChecker(reseeds: false).check(DropoutBlueprint(), as: scalar)
    #expect(!unfixed.passed)
    #expect(unfixed.problems.contains { $0.contains("gradient wrong at input[") })
  }

  @Test func nondeterministicBackwardIsCaught() {
    let report = LayerGradientChecker().check(NondeterministicBlueprint(), as: Double.self)
    #expect(!report.passed)
    #expect(report.problems.contains { $0.contains("not deterministic") })
  }

  @Test(arguments: Mutant.allCases, ScalarKind.allCases)
  func mutantIsCaught(_ mutant: Mutant, _ scalar: ScalarKind) {
    let report = LayerGradientChecker().check(mutant, as: scalar)
    #expect(!report.passed, "the kit missed \(mutant) in \(scalar)")
    let expected: String
    switch mutant {
    case .denseWeightWithoutTranspose: expected = "gradient wrong at weight["
    case .denseBiasFromFirstExample: expected = "gradient wrong at bias["
    case .lossWithoutBatchFactor, .softmaxWithoutOneHotTerm, .dropoutBackwardIgnoresMask,
      .dropoutMaskRedrawnInBackward:
      expected = "gradient wrong at input["
    case .dropoutMaskWithoutScaling: expected = "the expected value is not preserved"
    }
    #expect(report.problems.contains { $0.contains(expected) }, "\(report)")
    #expect(report.problems.allSatisfy { $0.contains("[\(scalar)]") })
  }

  @Test func failureMessageNamesLayerScalarEntryValuesAndTolerance() throws {
    let report = LayerGradientChecker().check(Mutant.denseBiasFromFirstExample, as: Double.self)
    let message = try #require(report.problems.first { $0.contains("bias[") })
    #expect(message.contains("denseBiasFromFirstExample [Double]"))
    #expect(message.contains("analytic") && message.contains("numeric"))
    #expect(message.contains("relative error") && message.contains("tolerance 1.0000e-08"))
  }

  @Test func aLayerThatThrowsFailsTheCheckInsteadOfCrashing() {
    let report = LayerGradientChecker().check(
      ActivationLayerBlueprint(Tanh(), sampleInputShape: [0, 3]), as: Double.self)
    #expect(!report.passed)
    let broken = LayerGradientChecker().check(
      SequentialBlueprint(
        name: "Mismatched",
        [DenseBlueprint(inputSize: 4, outputSize: 3), DenseBlueprint(inputSize: 5, outputSize: 2)]),
      as: Double.self)
    #expect(!broken.passed)
    #expect(
      broken.problems.contains { $0.contains("Dense (input): expected shape [3, 5], got [3, 3]") })
  }
}
