import LayerConformance
import LayerKit
import Testing

// The walk over every public `init` and `check` of the layers and the layer and network kits
// with degenerate arguments: empty lists, zero-sized, negative or mismatched shapes, networks
// that do not chain, layers that return no gradient. Each must throw or return a failing
// report whose message names the argument; none may trap (a trap ends the whole test run).

/// Expects `report` to fail with a problem of `kind` whose message contains `words`.
func expectFailure(
  _ problems: [Problem], passed: Bool, _ kind: Problem.Kind, mentioning words: String,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(!passed, sourceLocation: sourceLocation)
  let matching = problems.filter { $0.kind == kind }
  #expect(!matching.isEmpty, "no \(kind) problem in \(problems)", sourceLocation: sourceLocation)
  #expect(
    matching.contains { $0.message.contains(words) }, "\(matching.map(\.message))",
    sourceLocation: sourceLocation)
}

/// A Dense layer whose backward pass forgets the bias gradient, or returns an input gradient
/// of the wrong shape.
struct ForgetfulDense: Layer {
  enum Lapse { case noBiasGradient, flatInputGradient, noGradients }
  var dense: Dense<Double>
  var lapse: Lapse
  var name: String { "ForgetfulDense" }
  var parameters: ParameterSet<Double> {
    get { dense.parameters }
    set { dense.parameters = newValue }
  }
  func forward(
    _ input: Tensor<Double>, mode: LayerMode, random: inout RandomSource
  ) throws(LayerError) -> (output: Tensor<Double>, cache: Dense<Double>.Cache) {
    try dense.forward(input, mode: mode, random: &random)
  }
  func backward(
    _ outputGradient: Tensor<Double>, cache: Dense<Double>.Cache
  ) throws(LayerError) -> LayerGradients<Double> {
    var gradients = try dense.backward(outputGradient, cache: cache)
    switch lapse {
    case .noBiasGradient:
      gradients.parameters = ParameterSet([("weight", gradients.parameters["weight"]!)])
    case .flatInputGradient:
      gradients.input = try Tensor(shape: [gradients.input.count], scalars: gradients.input.scalars)
    case .noGradients:
      gradients = LayerGradients(input: Tensor(zeros: [0]))
    }
    return gradients
  }
}

@Suite("Degenerate arguments: layers and tensors throw, never trap")
struct DegenerateLayerArgumentTests {
  @Test func tensorsRejectNegativeExtentsAndWrongCounts() {
    #expect(throws: LayerError.invalidTensor(shape: [2, -1], count: 0)) {
      try Tensor<Double>(shape: [2, -1], scalars: [])
    }
    #expect(throws: LayerError.invalidTensor(shape: [2, 2], count: 3)) {
      try Tensor<Double>(shape: [2, 2], scalars: [1, 2, 3])
    }
    #expect(Tensor<Double>(shape: [3, -2], repeating: 1).shape == [3, 0])
  }

  @Test(arguments: [(0, 3), (3, 0), (-1, 2), (2, -5), (Int.max, 2), (1 << 40, 1 << 40)])
  func denseRejectsSizes(inputSize: Int, outputSize: Int) {
    var random = RandomSource(seed: 1)
    let error = #expect(throws: LayerError.self) {
      try Dense<Double>(inputSize: inputSize, outputSize: outputSize, random: &random)
    }
    #expect("\(error!)".contains("inputSize \(inputSize), outputSize \(outputSize)"))
  }

  @Test func denseRejectsWeightsThatAreNotAMatchingMatrix() throws {
    #expect(throws: LayerError.self) {
      try Dense(weight: Tensor<Double>(zeros: [0, 3]), bias: Tensor(zeros: [3]))
    }
    #expect(throws: LayerError.self) {
      try Dense(weight: Tensor<Double>(zeros: [3]), bias: Tensor(zeros: [3]))
    }
    #expect(throws: LayerError.shapeMismatch(layer: "Dense", expected: [2], actual: [3])) {
      try Dense(weight: Tensor<Double>(zeros: [3, 2]), bias: Tensor(zeros: [3]))
    }
  }

  @Test func denseRejectsInputsAndGradientsOfTheWrongShape() throws {
    var random = RandomSource(seed: 1)
    let dense = try Dense<Double>(inputSize: 4, outputSize: 3, random: &random)
    for shape in [[2, 5], [4], [], [2, 4, 1]] {
      #expect(throws: LayerError.self, "input \(shape)") {
        try dense.forward(Tensor(zeros: shape), mode: .training, random: &random)
      }
    }
    let (_, cache) = try dense.forward(Tensor(zeros: [2, 4]), mode: .training, random: &random)
    #expect(throws: LayerError.self) { try dense.backward(Tensor(zeros: [2, 4]), cache: cache) }
  }

  @Test(arguments: [0, -0.5, 1.5, Double.nan, Double.infinity])
  func dropoutRejectsKeepProbability(_ keep: Double) {
    let error = #expect(throws: LayerError.self) { try Dropout<Float>(keepProbability: keep) }
    #expect("\(error!)".contains("keep probability"))
  }

  @Test func sequentialRejectsAnEmptyListAndLayersThatDoNotChain() throws {
    #expect(throws: LayerError.self) { try Sequential<Double>([]) }
    var random = RandomSource(seed: 1)
    let net = try Sequential<Double>([
      try Dense(inputSize: 4, outputSize: 3, random: &random),
      try Dense(inputSize: 5, outputSize: 2, random: &random),
    ])
    let error = #expect(throws: LayerError.self) {
      try net.forward(Tensor(zeros: [2, 4]), mode: .training, random: &random)
    }
    #expect("\(error!)".contains("Dense"))
  }

  @Test func lossAndPenaltyLayersRejectMismatchedShapes() {
    var random = RandomSource(seed: 1)
    let loss = LossLayer<Double>(MeanSquaredError(), target: Tensor(zeros: [2, 3]))
    #expect(throws: LayerError.self) {
      try loss.forward(Tensor(zeros: [3, 2]), mode: .training, random: &random)
    }
    let empty = LossLayer<Double>(MeanSquaredError(), target: Tensor(zeros: [0, 3]))
    #expect(throws: LayerError.self) {
      try empty.forward(Tensor(zeros: [0, 3]), mode: .training, random: &random)
    }
    let penalty = PenaltyLayer<Double>(L2Penalty(), weight: Tensor(zeros: [0]))
    #expect(throws: LayerError.self) {
      let (_, cache) = try penalty.forward(Tensor(zeros: [1]), mode: .training, random: &random)
      _ = try penalty.backward(Tensor(zeros: [2]), cache: cache)
    }
  }
}
