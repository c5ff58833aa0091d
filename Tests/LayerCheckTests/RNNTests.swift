import LayerConformance
import LayerKit
import Testing

/// The RNN: the gradient check in both strategies, forward values computed independently, the
/// initial state, shape errors, and the BPTT mutants of issue 12.
@Suite("RNN: BPTT checked, values, initial state, shapes, mutants")
struct RNNTests {
  static let scalars: [ScalarKind] = [.float, .double]
  static let blueprints: [Named] = [
    Named(RNNBlueprint()), Named(RNNBlueprint(nonlinearity: .relu)),
    Named(RNNBlueprint(inputSize: 2, hiddenSize: 5, outputSize: 3, batch: 3, time: 7)),
  ]

  @Test(arguments: blueprints, scalars)
  func passesTheFullCheck(_ layer: Named, _ scalar: ScalarKind) {
    let report = LayerChecker(strategy: .everyEntry).check(layer.blueprint, as: scalar)
    #expect(report.passed, "\(report)")
    #expect(report.tensors.map(\.name) == ["input", "initialState", "U", "W", "b", "V", "c"])
    #expect(report.tensors.allSatisfy { $0.checkedEntries.count == $0.count }, "\(report)")
  }

  @Test(arguments: blueprints, scalars)
  func passesTheDirectionalCheck(_ layer: Named, _ scalar: ScalarKind) {
    let report = LayerChecker(strategy: .directional(count: 4)).check(layer.blueprint, as: scalar)
    #expect(report.passed, "\(report)")
    #expect(report.points == 4 && report.tensors.map(\.name) == ["direction"])
  }

  // MARK: - Values

  /// The tiny case: batch 1, T = 2, inputSize 2, hidden 2, outputSize 1,
  /// `U = [[0.5, −0.25], [0.1, 0.2]]`, `W = [[0.3, −0.1], [0.2, 0.4]]`, `b = (0.1, −0.2)`,
  /// `V = [[1, −0.5]]`, `c = (0.05)`, `x_1 = (1, 2)`, `x_2 = (−1, 0.5)`.
  static func tiny(_ nonlinearity: RNNNonlinearity = .tanh) throws -> (RNN<Double>, Tensor<Double>)
  {
    let rnn = try RNN<Double>(
      U: Tensor(shape: [2, 2], scalars: [0.5, -0.25, 0.1, 0.2]),
      W: Tensor(shape: [2, 2], scalars: [0.3, -0.1, 0.2, 0.4]),
      b: Tensor(shape: [2], scalars: [0.1, -0.2]), V: Tensor(shape: [1, 2], scalars: [1, -0.5]),
      c: Tensor(shape: [1], scalars: [0.05]), nonlinearity: nonlinearity)
    return (rnn, try Tensor(shape: [1, 2, 2], scalars: [1, 2, -1, 0.5]))
  }

  /// Runs `rnn` on `x` from `h0` and compares the output and the states `h_1, h_2` with the
  /// expected values, entry by entry, within `1e-15`.
  func expectValues(
    _ rnn: RNN<Double>, _ x: Tensor<Double>, _ h0: Tensor<Double>, output: [Double],
    states: [Double]
  ) throws {
    var random = RandomSource(seed: 1)
    let (y, cache) = try rnn.forward(x, initialState: h0, mode: .inference, random: &random)
    #expect(y.shape == [1, 2, 1] && cache.states.shape == [3, 1, 2])
    #expect(Array(cache.states.scalars[0..<2]) == h0.scalars)
    for (k, expected) in output.enumerated() {
      #expect(Swift.abs(y.scalars[k] - expected) <= 1e-15, "o[\(k)] = \(y.scalars[k])")
    }
    for (k, expected) in states.enumerated() {
      let value = cache.states.scalars[2 + k]
      #expect(Swift.abs(value - expected) <= 1e-15, "h[\(k / 2 + 1)][\(k % 2)] = \(value)")
    }
  }

  @Test func forwardMatchesAHandComputedCase() throws {
    let (rnn, x) = try Self.tiny()
    // By hand: a_1 = U x_1 + b = (0.5 − 0.5 + 0.1, 0.1 + 0.4 − 0.2) = (0.1, 0.3), so
    // h_1 = (tanh 0.1, tanh 0.3) and o_1 = tanh 0.1 − 0.5 tanh 0.3 + 0.05;
    // a_2 = W h_1 + U x_2 + b = W h_1 + (−0.525, −0.2).
    let h1 = [Double.tanh(0.1), Double.tanh(0.3)]
    let a2 = [0.3 * h1[0] - 0.1 * h1[1] - 0.525, 0.2 * h1[0] + 0.4 * h1[1] - 0.2]
    let h2 = a2.map { Double.tanh($0) }
    // The same case in numpy (float64), written independently of the layer:
    //   h = zeros(2); for x in xs: h = tanh(W @ h + U @ x + b); o.append(V @ h + c)
    let numpyOutput = [0.004011688399160371, -0.39923080890748436]
    let numpyStates = [
      0.09966799462495582, 0.2913126124515909, -0.4809587978171658, -0.06345597781936291,
    ]
    let byHand = [h1[0] - 0.5 * h1[1] + 0.05, h2[0] - 0.5 * h2[1] + 0.05]
    for k in 0..<2 { #expect(Swift.abs(byHand[k] - numpyOutput[k]) <= 1e-16) }
    let zero = Tensor<Double>(zeros: [1, 2])
    try expectValues(rnn, x, zero, output: numpyOutput, states: numpyStates)
    // The zero-state `forward(_:mode:random:)` is `forward` from zeros, bit for bit.
    var random = RandomSource(seed: 1)
    let plain = try rnn.forward(x, mode: .inference, random: &random).output
    let fromZero = try rnn.forward(x, initialState: zero, mode: .inference, random: &random)
    #expect(plain == fromZero.output)
  }

  @Test func forwardFromANonzeroInitialState() throws {
    let (rnn, x) = try Self.tiny()
    let h0 = try Tensor<Double>(shape: [1, 2], scalars: [0.5, -0.8])
    // numpy as above from h = (0.5, −0.8); a_1 = (0.15 + 0.08 + 0.1, 0.1 − 0.32 + 0.3) =
    // (0.33, 0.08).
    try expectValues(
      rnn, x, h0, output: [0.3286058923472052, -0.3095158686760049],
      states: [
        0.31852077690277086, 0.07982976911113127, -0.41150920653416395, -0.10398667571631816,
      ])
    // ReLU: h_1 = (0.33, 0.08), o_1 = 0.33 − 0.04 + 0.05 = 0.34; a_2 = (−0.434, −0.102) < 0,
    // so h_2 = 0 and o_2 = c = 0.05.
    let (relu, _) = try Self.tiny(.relu)
    try expectValues(relu, x, h0, output: [0.34, 0.05], states: [0.33, 0.08, 0, 0])
  }

  // MARK: - The initial state's gradient

  @Test func initialStateGradientMatchesACentralDifference() throws {
    var random = RandomSource(seed: 5)
    let rnn = try RNNBlueprint().makeRNN(of: Double.self, random: &random)
    func draw(_ shape: [Int]) throws -> Tensor<Double> {
      let count = shape.reduce(1, *)
      return try Tensor(shape: shape, scalars: (0..<count).map { _ in 2 * random.nextUnit() - 1 })
    }
    let (x, h0, weights) = (try draw([2, 4, 3]), try draw([2, 4]), try draw([2, 4, 2]))
    func objective(_ state: Tensor<Double>) throws -> Double {
      var fixed = RandomSource(seed: 1)
      let y = try rnn.forward(x, initialState: state, mode: .training, random: &fixed).output
      return zip(y.scalars, weights.scalars).reduce(0) { $0 + $1.0 * $1.1 }
    }
    var fixed = RandomSource(seed: 1)
    let cache = try rnn.forward(x, initialState: h0, mode: .training, random: &fixed).cache
    let analytic = try rnn.backwardThroughTime(weights, cache: cache).initialState
    let dropped = try RNNMutant(bug: .initialStateGradientDropped, rnn: rnn)
      .backwardThroughTime(weights, cache: cache).initialState
    #expect(analytic.shape == [2, 4] && dropped.shape == [2, 4])
    let step = 1e-5
    var (worst, worstDropped, largest) = (0.0, 0.0, 0.0)
    for k in h0.scalars.indices {
      var (plus, minus) = (h0, h0)
      plus.scalars[k] += step
      minus.scalars[k] -= step
      let numeric = (try objective(plus) - objective(minus)) / (2 * step)
      let scale = Swift.max(Swift.abs(numeric), 1)
      worst = Swift.max(worst, Swift.abs(analytic.scalars[k] - numeric) / scale)
      worstDropped = Swift.max(worstDropped, Swift.abs(dropped.scalars[k] - numeric) / scale)
      largest = Swift.max(largest, Swift.abs(numeric))
    }
    // Step 1e-5: truncation and rounding each near 1e-11.
    #expect(worst <= 1e-8, "∂h_0 off by \(worst)")
    #expect(largest > 0.05 && worstDropped > 0.05, "the comparison must see a dropped ∂h_0")
  }

  @Test(arguments: [RNNBlueprint(), RNNBlueprint(inputSize: 2, hiddenSize: 5, batch: 3, time: 7)])
  func theEntryByEntryCopyAgreesWithTheLayer(_ blueprint: RNNBlueprint) throws {
    var random = RandomSource(seed: 9)
    let rnn = try blueprint.makeRNN(of: Double.self, random: &random)
    let count = blueprint.sampleInputShape.reduce(1, *)
    let x = try Tensor(
      shape: blueprint.sampleInputShape, scalars: (0..<count).map { _ in random.nextUnit() - 0.5 })
    let h0 = Tensor<Double>(shape: [blueprint.batch, blueprint.hiddenSize], repeating: 0.3)
    let (y, cache) = try rnn.forward(x, initialState: h0, mode: .training, random: &random)
    let g = y.map { $0 * 0.7 - 0.1 }
    let fast = try rnn.backwardThroughTime(g, cache: cache)
    let plain = try plainBPTT(rnn, g, cache: cache, bug: nil)
    let pairs =
      [(fast.input, plain.input), (fast.initialState, plain.initialState)]
      + Array(zip(fast.parameters.tensors, plain.parameters.tensors))
    let names = ["input", "initialState"] + fast.parameters.names
    for (name, (a, b)) in zip(names, pairs) {
      #expect(a.shape == b.shape, "\(name)")
      let gap = zip(a.scalars, b.scalars).map { Swift.abs($0 - $1) }.max() ?? 0
      #expect(gap <= 1e-14, "\(name): the two BPTTs differ by \(gap)")
    }
  }

  // MARK: - Errors

  @Test func wrongShapesAndMissingParametersThrow() throws {
    let (rnn, _) = try Self.tiny()
    var random = RandomSource(seed: 1)
    let x = Tensor<Double>(zeros: [3, 4, 2])
    let h0 = Tensor<Double>(zeros: [3, 2])
    func forward(_ layer: RNN<Double>, _ x: Tensor<Double>, _ h: Tensor<Double>) throws(LayerError)
    {
      _ = try layer.forward(x, initialState: h, mode: .training, random: &random)
    }
    #expect(throws: LayerError.shapeMismatch(layer: "RNN", expected: [4, 1, 2], actual: [4, 2])) {
      try rnn.forward(Tensor<Double>(zeros: [4, 2]), mode: .training, random: &random)
    }
    #expect(
      throws: LayerError.shapeMismatch(layer: "RNN (input)", expected: [1, 1, 2], actual: [4, 2])
    ) { try forward(rnn, Tensor(zeros: [4, 2]), h0) }
    #expect(
      throws: LayerError.shapeMismatch(
        layer: "RNN (input)", expected: [3, 4, 2], actual: [3, 4, 5])
    ) { try forward(rnn, Tensor(zeros: [3, 4, 5]), h0) }
    let empty = #expect(throws: LayerError.self) { try forward(rnn, Tensor(zeros: [3, 0, 2]), h0) }
    #expect(empty.map { "\($0)".contains("is empty") } == true)
    #expect(
      throws: LayerError.shapeMismatch(
        layer: "RNN (initial state)", expected: [3, 2], actual: [2, 2])
    ) { try forward(rnn, x, Tensor(zeros: [2, 2])) }
    #expect(
      throws: LayerError.shapeMismatch(
        layer: "RNN (initial state)", expected: [3, 2], actual: [3, 2, 1])
    ) { try forward(rnn, x, Tensor(zeros: [3, 2, 1])) }
    let cache = try rnn.forward(x, initialState: h0, mode: .training, random: &random).cache
    #expect(
      throws: LayerError.shapeMismatch(
        layer: "RNN (output gradient)", expected: [3, 4, 1], actual: [3, 4, 2])
    ) { try rnn.backwardThroughTime(Tensor(zeros: [3, 4, 2]), cache: cache) }
    #expect(throws: LayerError.self) { try rnn.backward(Tensor(zeros: [4, 3, 1]), cache: cache) }
    var missing = rnn
    missing.parameters["W"] = nil
    let known = ["U", "b", "V", "c"]
    #expect(throws: LayerError.unknownParameter(layer: "RNN", name: "W", known: known)) {
      try forward(missing, x, h0)
    }
    #expect(throws: LayerError.unknownParameter(layer: "RNN", name: "W", known: known)) {
      try missing.backwardThroughTime(Tensor(zeros: [3, 4, 1]), cache: cache)
    }
    var misshapen = rnn
    misshapen.parameters["b"] = Tensor(zeros: [3])
    #expect(throws: LayerError.shapeMismatch(layer: "RNN (b)", expected: [2], actual: [3])) {
      try forward(misshapen, x, h0)
    }
  }

  @Test func invalidConfigurationsThrow() throws {
    var random = RandomSource(seed: 1)
    for sizes in [(0, 4, 2), (3, 0, 2), (3, 4, 0), (3, 1 << 31, 2)] {
      #expect(throws: LayerError.self) {
        try RNN<Double>(
          inputSize: sizes.0, hiddenSize: sizes.1, outputSize: sizes.2, random: &random)
      }
    }
    let (square, row) = (Tensor<Double>(zeros: [2, 2]), Tensor<Double>(zeros: [2]))
    #expect(throws: LayerError.shapeMismatch(layer: "RNN (W)", expected: [2, 2], actual: [2, 3])) {
      try RNN(U: square, W: Tensor(zeros: [2, 3]), b: row, V: square, c: row)
    }
    #expect(throws: LayerError.self) {
      try RNN(U: square, W: square, b: row, V: Tensor<Double>(zeros: [2, 3]), c: row)
    }
    let rnn = try RNN(
      U: square, W: square, b: row, V: Tensor(zeros: [1, 2]), c: Tensor(zeros: [1]))
    #expect([rnn.inputSize, rnn.hiddenSize, rnn.outputSize, rnn.stateWidth] == [2, 2, 1, 2])
    #expect(rnn.parameters.names == ["U", "W", "b", "V", "c"] && rnn.nonlinearity == .tanh)
  }

  // MARK: - Mutants

  @Test(arguments: RNNBug.caughtByTheLayerCheck, scalars)
  func mutantFailsTheLayerCheck(_ bug: RNNBug, _ scalar: ScalarKind) {
    let blueprint = RNNMutantBlueprint(bug: bug)
    let report = LayerChecker().check(blueprint, as: scalar)
    #expect(!report.passed)
    let named = report.problems.filter { $0.kind == .gradientMismatch }.compactMap(\.tensor)
    #expect(named == bug.wrongTensors, "\(report)")
    #expect(report.problems.allSatisfy { $0.kind == .gradientMismatch }, "\(report)")
    let directional = LayerChecker(strategy: .directional(count: 4)).check(blueprint, as: scalar)
    #expect(!directional.passed)
    #expect(directional.problems.map(\.tensor) == ["direction"], "\(directional)")
    let message = report.problems.first { $0.kind == .gradientMismatch }?.message
    print("RNN mutant \(bug) [\(scalar)]: \(message ?? "not caught")")
  }
}
