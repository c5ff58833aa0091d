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
    let report = LayerChecker().check(layer.blueprint, as: scalar)
    #expect(report.passed, "\(report)")
    #expect(report.tensors.first?.name == "input")
    #expect(report.points == report.tensors.reduce(0) { $0 + $1.checkedEntries.count })
  }

  @Test(arguments: adapters, ScalarKind.allCases)
  func activationAdapterPassesFullCheck(_ layer: Named, _ scalar: ScalarKind) {
    let report = LayerChecker().check(layer.blueprint, as: scalar)
    #expect(report.passed, "\(report)")
  }

  @Test(arguments: layers, ScalarKind.allCases)
  func registeredLayerPassesDirectionalCheck(_ layer: Named, _ scalar: ScalarKind) {
    let report = LayerChecker(strategy: .directional(count: 3)).check(layer.blueprint, as: scalar)
    #expect(report.passed, "\(report)")
    // Entries placed on and beside a declared kink leave the directions and are checked alone.
    #expect(report.points == 3 + report.kinkEntries.filter { $0.side != .unresolvable }.count)
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
    let report = LayerChecker(strategy: .full(entryLimit: 7)).check(blueprint, as: Double.self)
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
    let fixed = LayerChecker().check(DropoutBlueprint(), as: scalar)
    #expect(fixed.passed, "\(fixed)")
    let unfixed = LayerChecker(reseeds: false).check(DropoutBlueprint(), as: scalar)
    #expect(!unfixed.passed)
    #expect(unfixed.problems.contains { $0.kind == .gradientMismatch && $0.tensor == "input" })
  }

  @Test func nondeterministicBackwardIsCaught() {
    let report = LayerChecker().check(NondeterministicBlueprint(), as: Double.self)
    #expect(!report.passed)
    #expect(report.problems.contains { $0.kind == .nondeterministic && $0.tensor == "input" })
  }

  @Test(arguments: Mutant.allCases, ScalarKind.allCases)
  func mutantIsCaught(_ mutant: Mutant, _ scalar: ScalarKind) {
    let report = LayerChecker().check(mutant, as: scalar)
    guard mutant.isExpectedCaught(in: scalar) else {
      #expect(report.passed, "\(mutant) is below the resolution of \(scalar)")
      return
    }
    #expect(!report.passed, "the kit missed \(mutant) in \(scalar)")
    let expected: (kind: Problem.Kind, tensor: String)
    switch mutant {
    case .denseWeightWithoutTranspose: expected = (.gradientMismatch, "weight")
    case .denseBiasFromFirstExample: expected = (.gradientMismatch, "bias")
    case .lossWithoutBatchFactor, .softmaxWithoutOneHotTerm, .dropoutBackwardIgnoresMask,
      .dropoutMaskRedrawnInBackward:
      expected = (.gradientMismatch, "input")
    case .dropoutMaskWithoutScaling: expected = (.statistics, "output")
    }
    #expect(
      report.problems.contains { $0.kind == expected.kind && $0.tensor == expected.tensor },
      "\(report)")
    #expect(report.problems.allSatisfy { $0.message.contains("[\(scalar)]") })
  }

  @Test func failureMessageNamesLayerScalarEntryValuesAndTolerance() throws {
    let report = LayerChecker().check(Mutant.denseBiasFromFirstExample, as: Double.self)
    let problem = try #require(report.problems.first { $0.kind == .gradientMismatch })
    #expect(problem.tensor == "bias" && problem.entry != nil)
    let message = problem.message
    #expect(message.contains("denseBiasFromFirstExample [Double]"))
    #expect(message.contains("bias[\(problem.entry ?? -1)]"))
    #expect(message.contains("analytic") && message.contains("numeric"))
    #expect(message.contains("relative error") && message.contains("tolerance 1e-08"))
  }

  @Test func aLayerThatThrowsFailsTheCheckInsteadOfCrashing() throws {
    let report = LayerChecker().check(
      ActivationLayerBlueprint(Tanh(), sampleInputShape: [0, 3]), as: Double.self)
    #expect(!report.passed)
    #expect(report.problems.map(\.kind) == [.invalidArgument], "an empty sample batch is refused")
    let broken = LayerChecker().check(
      SequentialBlueprint(
        name: "Mismatched",
        [DenseBlueprint(inputSize: 4, outputSize: 3), DenseBlueprint(inputSize: 5, outputSize: 2)]),
      as: Double.self)
    #expect(!broken.passed)
    let threw = try #require(broken.problems.first { $0.kind == .threw })
    #expect(threw.message.contains("Dense (input): expected shape [3, 5], got [3, 3]"))
  }
}
