import LayerConformance
import LayerKit
import Testing

extension Mutant {
  /// Whether `Float16` still sees the bug. Every layer mutant is a gross error (a missing
  /// transpose, factor or term, a wrong mask), far above half precision's resolution.
  var inFloat16: Bool {
    switch self {
    case .denseWeightWithoutTranspose, .denseBiasFromFirstExample, .lossWithoutBatchFactor,
      .dropoutBackwardIgnoresMask, .dropoutMaskWithoutScaling, .dropoutMaskRedrawnInBackward,
      .softmaxWithoutOneHotTerm:
      true
    }
  }

  /// Whether the check in `scalar` must catch the mutant: always in `Float` and `Double`, in
  /// `Float16` when ``inFloat16``.
  func isExpectedCaught(in scalar: ScalarKind) -> Bool {
    #if !LAYERKIT_NO_FLOAT16 && (arch(arm64) || (arch(x86_64) && os(Linux)))
      if scalar == .float16 { return inFloat16 }
    #endif
    return true
  }
}

extension StochasticMutant {
  /// Whether `Float16` still sees the bug: a 30% bias, a backward pass without the mask and a
  /// second generator are all far above its resolution.
  var inFloat16: Bool {
    switch self {
    case .noScaling, .keepsWithDropProbability, .backwardIgnoresMask, .systemGenerator: true
    }
  }

  /// As ``Mutant/isExpectedCaught(in:)``.
  func isExpectedCaught(in scalar: ScalarKind) -> Bool {
    #if !LAYERKIT_NO_FLOAT16 && (arch(arm64) || (arch(x86_64) && os(Linux)))
      if scalar == .float16 { return inFloat16 }
    #endif
    return true
  }
}

/// The layer mutation suite per scalar type, and the network checker in half precision.
struct HalfPrecisionTests {
  /// Prints the layer mutants caught in every scalar type and the false alarms over every
  /// registered layer and activation adapter; every expected mutant caught (exactly those in
  /// `Float16`), no false alarm.
  @Test func layerMutationCountsPerScalarType() {
    var lines: [String] = []
    let correct = BuiltIn.layers + BuiltIn.activations.map { ActivationLayerBlueprint($0) }
    var falseAlarms: [String] = []
    for scalar in ScalarKind.allCases {
      let caught = Mutant.allCases.filter { !LayerChecker().check($0, as: scalar).passed }
      let expected = Mutant.allCases.filter { $0.isExpectedCaught(in: scalar) }
      #expect(caught == expected, "\(scalar): caught \(caught), expected \(expected)")
      let stochastic = StochasticMutant.allCases.filter {
        !LayerChecker().check($0.blueprint, as: scalar).passed
      }
      let stochasticExpected = StochasticMutant.allCases.filter { $0.isExpectedCaught(in: scalar) }
      #expect(stochastic == stochasticExpected, "\(scalar): stochastic mutants \(stochastic)")
      let all = Mutant.allCases.count + StochasticMutant.allCases.count
      lines.append(
        "  \(scalar): \(caught.count + stochastic.count) of \(all) wrong layers caught "
          + "(exactly the \(expected.count + stochasticExpected.count) expected)")
      for blueprint in correct {
        let report = LayerChecker().check(blueprint, as: scalar)
        if !report.passed { falseAlarms.append("\(report)") }
      }
    }
    print(
      """
      layer mutation suite (\(Mutant.allCases.count) backward-pass and \
      \(StochasticMutant.allCases.count) Layer-only dropout mutants), per scalar type:
      \(lines.joined(separator: "\n"))
      false alarms: \(falseAlarms.count) of \(correct.count * ScalarKind.allCases.count) \
      correct layer checks
      """)
    #expect(falseAlarms.isEmpty, "\(falseAlarms.joined(separator: "\n"))")
  }

  #if !LAYERKIT_NO_FLOAT16 && (arch(arm64) || (arch(x86_64) && os(Linux)))
    /// The whole network in half precision, every entry: a correct network passes and a Dense
    /// without its transpose is caught, with the threshold derived from Float16's ε.
    @Test func float16NetworkPassesAndTheWrongDenseIsCaught() throws {
      let (layers, input, target) = try smallNetwork(Float16.self)
      let report = NetworkChecker().check(
        layers: layers, loss: BinaryCrossEntropy(), input: input, target: target)
      #expect(report.passed, "\(report)")
      let (wrong, _, _) = try smallNetwork(Float16.self, wrongDense: true)
      let caught = NetworkChecker().check(
        layers: wrong, loss: BinaryCrossEntropy(), input: input, target: target)
      #expect(!caught.passed, "\(caught)")
      #expect(caught.problems.first?.tensor == "0.weight")
      print(
        "network [Float16], full: difference \(report.difference) correct, "
          + "\(caught.difference) with the wrong Dense (threshold \(Float16.networkThreshold))")
    }
  #endif
}
