import LayerConformance
import LayerKit
import Testing

/// Blueprints that cannot build a checkable layer, each with the kind of its failure and a word
/// the message must contain.
let unbuildable: [(blueprint: any LayerBlueprint, kind: Problem.Kind, names: String)] = [
  (DenseBlueprint(inputSize: 0), .invalidArgument, "sample input shape [3, 0]"),
  (DenseBlueprint(outputSize: -2), .threw, "outputSize -2"),
  (DenseBlueprint(batch: 0), .invalidArgument, "sample input shape [0, 4]"),
  (DenseBlueprint(batch: -3), .invalidArgument, "sample input shape [-3, 4]"),
  (DropoutBlueprint(keepProbability: 2), .threw, "keep probability"),
  (DropoutBlueprint(sampleInputShape: []), .invalidArgument, "sample input shape []"),
  (DropoutBlueprint(sampleInputShape: [0, 5]), .invalidArgument, "sample input shape"),
  (DropoutBlueprint(sampleInputShape: [4, -1]), .invalidArgument, "sample input shape"),
  (ActivationLayerBlueprint(ReLU(), sampleInputShape: [0, 3]), .invalidArgument, "sample input"),
  (LossBlueprint(SoftmaxCrossEntropy(), sampleInputShape: []), .invalidArgument, "sample input"),
  (LossBlueprint(SoftmaxCrossEntropy(), sampleInputShape: [4, 0]), .invalidArgument, "sample"),
  (LossBlueprint(MeanSquaredError(), sampleInputShape: [0, 3]), .invalidArgument, "sample input"),
  (SequentialBlueprint(name: "Nothing", []), .threw, "at least one layer"),
  (
    SequentialBlueprint(
      name: "Unchained",
      [DenseBlueprint(inputSize: 4, outputSize: 3), DenseBlueprint(inputSize: 5)]
    ), .threw, "Dense"
  ),
]

@Suite("Degenerate arguments: the layer and network kits report, never trap")
struct DegenerateCheckTests {
  @Test(arguments: 0..<unbuildable.count, ScalarKind.allCases)
  func unbuildableBlueprintFails(_ index: Int, _ scalar: ScalarKind) {
    let (blueprint, kind, names) = unbuildable[index]
    let report = LayerChecker().check(blueprint, as: scalar)
    expectFailure(report.problems, passed: report.passed, kind, mentioning: names)
  }

  @Test(arguments: [
    Strategy.full(entryLimit: 0), .full(entryLimit: -1), .directional(count: 0),
    .directional(count: -3), .adaptive(entryLimit: -1, directionalAbove: 10, directions: 4),
    .adaptive(entryLimit: 8, directionalAbove: -1, directions: 0),
  ])
  func unusableStrategiesFail(_ strategy: Strategy) {
    let report = LayerChecker(strategy: strategy).check(DenseBlueprint(), as: Double.self)
    expectFailure(report.problems, passed: report.passed, .invalidArgument, mentioning: "strategy")
    let network = NetworkChecker(strategy: strategy).check(
      layers: [ActivationLayer(Tanh(), of: Double.self)], loss: MeanSquaredError(),
      input: Tensor(zeros: [2, 2]), target: Tensor(zeros: [2, 2]))
    expectFailure(
      network.problems, passed: network.passed, .invalidArgument, mentioning: "strategy")
  }

  @Test(arguments: [ForgetfulDense.Lapse.noBiasGradient, .flatInputGradient, .noGradients])
  func missingOrMisshapenGradientsFail(_ lapse: ForgetfulDense.Lapse) throws {
    var random = RandomSource(seed: 1)
    let dense = try Dense<Double>(inputSize: 3, outputSize: 2, random: &random)
    let wide = try Dense<Double.Wide>(
      weight: Tensor(shape: [3, 2], scalars: dense.weight.scalars.map { Double.Wide($0) }),
      bias: Tensor(zeros: [2]))
    let input = Tensor<Double>(shape: [2, 3], repeating: 0.5)
    for strategy in [Strategy.everyEntry, .directional(count: 3)] {
      let report = LayerChecker(strategy: strategy).check(
        ForgetfulDense(dense: dense, lapse: lapse), reference: wide, input: input,
        name: "ForgetfulDense")
      expectFailure(
        report.problems, passed: report.passed, .shapeMismatch,
        mentioning: lapse == .noBiasGradient ? "bias" : "input gradient")
    }
  }

  @Test func aReferenceOfAnotherShapeFails() throws {
    var random = RandomSource(seed: 1)
    let layer = try Dense<Double>(inputSize: 3, outputSize: 2, random: &random)
    let reference = try Dense<Double.Wide>(inputSize: 3, outputSize: 4, random: &random)
    let report = LayerChecker().check(
      layer, reference: reference, input: Tensor(zeros: [2, 3]), name: "Dense")
    #expect(!report.passed)
    #expect(report.problems.contains { $0.message.contains("reference") })
  }

  @Test func anEmptyInputChecksNothingAndSaysSo() {
    let report = LayerChecker().check(
      ActivationLayer(Tanh(), of: Double.self),
      reference: ActivationLayer(Tanh(), of: Double.Wide.self),
      input: Tensor(zeros: [0, 3]), name: "Tanh")
    expectFailure(report.problems, passed: report.passed, .nothingChecked, mentioning: "no entry")
  }

  @Test func networksThatCannotRunFail() throws {
    var random = RandomSource(seed: 1)
    let first = try Dense<Double>(inputSize: 4, outputSize: 3, random: &random)
    let second = try Dense<Double>(inputSize: 5, outputSize: 2, random: &random)
    let input = Tensor<Double>(shape: [2, 4], repeating: 0.3)
    let checker = NetworkChecker()
    let unchained = checker.check(
      layers: [first, second], loss: MeanSquaredError(), input: input,
      target: Tensor(zeros: [2, 2]))
    expectFailure(unchained.problems, passed: unchained.passed, .threw, mentioning: "Dense")
    let wrongTarget = checker.check(
      layers: [first], loss: MeanSquaredError(), input: input, target: Tensor(zeros: [2, 2]))
    expectFailure(wrongTarget.problems, passed: wrongTarget.passed, .threw, mentioning: "target")
    let nothing = checker.check(
      layers: [], loss: MeanSquaredError(), input: input, target: Tensor(zeros: [2, 4]))
    expectFailure(nothing.problems, passed: nothing.passed, .invalidArgument, mentioning: "layers")
    let empty = checker.check(
      layers: [first], loss: MeanSquaredError(), input: Tensor(zeros: [0, 4]),
      target: Tensor(zeros: [0, 3]))
    #expect(!empty.passed)
    #expect(throws: LayerError.self) {
      try checker.numericGradients(
        layers: [first, second], loss: MeanSquaredError(), input: input,
        target: Tensor(zeros: [2, 2]))
    }
  }
}
