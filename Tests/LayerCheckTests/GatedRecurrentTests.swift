import LayerConformance
import LayerKit
import Testing

/// GRU and LSTM: the gradient check in both strategies, PyTorch's forward values, a nonzero
/// initial state and its gradient, shape errors and the mutants.
@Suite("Gated recurrent layers: GRU, LSTM")
struct GatedRecurrentTests {
  static let blueprints: [Named] = [Named(GRUBlueprint()), Named(LSTMBlueprint())]
  static let parameterNames = ["weight_ih", "weight_hh", "bias_ih", "bias_hh"]

  @Test(arguments: blueprints, KinkScalars.all)
  func passesTheFullCheck(_ layer: Named, _ scalar: ScalarKind) {
    let report = LayerChecker(strategy: .everyEntry).check(layer.blueprint, as: scalar)
    #expect(report.passed, "\(report)")
    #expect(report.tensors.map(\.name) == ["input", "initialState"] + Self.parameterNames)
    // Every entry: 24 inputs, 2·3 (GRU) or 2·6 (LSTM: h then c) initial-state entries and
    // 3·3·(3 + 3 + 2) = 72 (GRU) or 96 (LSTM) parameters.
    let gates = layer.blueprint.name == "GRU" ? 3 : 4
    #expect(report.points == 24 + 2 * 3 * (gates - 2) + gates * 3 * 8, "\(report)")
  }

  @Test(arguments: blueprints, KinkScalars.all)
  func passesTheDirectionalCheck(_ layer: Named, _ scalar: ScalarKind) {
    let report = LayerChecker(strategy: .directional(count: 4)).check(layer.blueprint, as: scalar)
    #expect(report.passed, "\(report)")
    #expect(report.points == 4)
  }

  /// The Jacobian check judges with `T.tolerance`, not the layer checker's floor raised for
  /// central-difference noise, so `Double` is checked only where its references are `Float80`
  /// (without them the LSTM's smallest Jacobian entries carry noise of about 1e-7 relative).
  #if !(os(Windows) || os(Android)) && (arch(x86_64) || arch(i386)) && !LAYERKIT_NO_FLOAT80
    static let jacobianScalars: [ScalarKind] = [.float, .double]
  #else
    static let jacobianScalars: [ScalarKind] = [.float]
  #endif

  @Test(arguments: blueprints, jacobianScalars)
  func passesTheJacobianCheck(_ layer: Named, _ scalar: ScalarKind) {
    let report = LayerChecker().checkJacobian(layer.blueprint, as: scalar)
    #expect(report.passed, "\(report)")
  }

  @Test func parametersHavePyTorchsNamesAndShapes() throws {
    var random = RandomSource(seed: 3)
    let gru = try GRU<Double>(inputSize: 5, hiddenSize: 4, random: &random)
    let lstm = try LSTM<Double>(inputSize: 5, hiddenSize: 4, random: &random)
    #expect(gru.parameters.names == Self.parameterNames)
    #expect(gru.parameters.tensors.map(\.shape) == [[12, 5], [12, 4], [12], [12]])
    #expect(lstm.parameters.tensors.map(\.shape) == [[16, 5], [16, 4], [16], [16]])
    #expect(gru.stateWidth == 4 && lstm.stateWidth == 8)
    // PyTorch's initialization: uniform in (−1/√4, 1/√4) = (−0.5, 0.5), biases included.
    let all = (gru.parameters.tensors + lstm.parameters.tensors).flatMap(\.scalars)
    #expect(all.allSatisfy { Swift.abs($0) < 0.5 })
    #expect(all.filter { Swift.abs($0) > 0.4 }.count > 20)
    #expect(gru.parameters["bias_hh"]!.scalars.allSatisfy { $0 != 0 })
  }

  // MARK: - Forward values against PyTorch's equations

  // Printed by `python3 Scripts/gated_recurrent_reference.py` (PyTorch's equations in numpy,
  // for the weights, inputs and states of `GatedCase`), output [batch 2, time 3, hidden 2].
  static let gruZeroState = [
    -0.049028610005186594, 0.017667444211642857, -0.08440007056871068, -0.03752806302922109,
    -0.09884968201149108, -0.12205415129284976, -0.08303611069220157, -0.1487621537445948,
    -0.30214320788875193, 0.1243469847006133, -0.45891191624719424, 0.21437073437752452,
  ]
  static let gruInitialState = [
    -0.317339402732508, -0.011332549224039128, -0.18335539221413, -0.0601793658187673,
    -0.13307889212493373, -0.1362170444594236, 0.3283570838558699, -0.24807209400751684,
    -0.037596236460356564, 0.11322700549931866, -0.3086708315964893, 0.2189038545449291,
  ]
  static let lstmZeroState = [
    -0.04069485114498698, -0.026795043171767032, -0.058257109552489035, -0.06049224528224822,
    -0.06482934638796109, -0.09927638108208771, -0.057355958551795226, -0.08922483483577108,
    -0.21650368694649447, -0.02843398626908596, -0.27867079678439055, -0.014734638463572586,
  ]
  static let lstmInitialState = [
    0.09755967163696677, -0.08943316420019944, 0.02343500045708823, -0.07816387132571365,
    -0.02963960507213382, -0.10604723911433846, 0.06955335036146122, -0.1302215104868952,
    -0.1445725635991337, -0.06849353278655221, -0.24599799881485374, -0.04053088495384956,
  ]

  @Test func forwardValuesMatchPyTorchsEquationsInDouble() throws {
    try expectForwardValues(Double.self, tolerance: 1e-14)
  }

  @Test func forwardValuesMatchPyTorchsEquationsInFloat() throws {
    try expectForwardValues(Float.self, tolerance: 2e-6)
  }

  func expectForwardValues<T: LayerScalar & BinaryFloatingPoint>(_: T.Type, tolerance: Double)
    throws
  {
    let gru: GRU<T> = try GatedCase.gru()
    let lstm: LSTM<T> = try GatedCase.lstm()
    let x: Tensor<T> = try GatedCase.input()
    var random = RandomSource(seed: 1)
    let cases: [(String, Tensor<T>, [Double])] = [
      (
        "GRU, zero state", try gru.forward(x, mode: .inference, random: &random).output,
        Self.gruZeroState
      ),
      (
        "GRU, initial state",
        try gru.forward(
          x, initialState: GatedCase.state(width: 2), mode: .inference,
          random: &random
        ).output, Self.gruInitialState
      ),
      (
        "LSTM, zero state", try lstm.forward(x, mode: .inference, random: &random).output,
        Self.lstmZeroState
      ),
      (
        "LSTM, initial state",
        try lstm.forward(
          x, initialState: GatedCase.state(width: 4), mode: .inference,
          random: &random
        ).output, Self.lstmInitialState
      ),
    ]
    for (label, output, expected) in cases {
      #expect(output.shape == [2, 3, 2], "\(label)")
      for k in expected.indices {
        let error = Swift.abs(Double(output.scalars[k]) - expected[k])
        #expect(error <= tolerance, "\(label) [\(k)]: \(output.scalars[k]) vs \(expected[k])")
      }
    }
  }
}

extension GatedRecurrentTests {
  // MARK: - A nonzero initial state

  @Test(arguments: KinkScalars.all)
  func passesTheCheckFromANonzeroInitialState(_ scalar: ScalarKind) throws {
    try expectPassesFromState(scalar.type)
  }

  func expectPassesFromState<T: CheckableScalar>(_: T.Type) throws {
    let input: Tensor<T> = try GatedCase.input()
    let gru: GRU<T> = try GatedCase.gru()
    let lstm: LSTM<T> = try GatedCase.lstm()
    var gruReference: GRU<T.Wide> = try GatedCase.gru()
    var lstmReference: LSTM<T.Wide> = try GatedCase.lstm()
    gruReference.parameters = widened(gru.parameters)
    lstmReference.parameters = widened(lstm.parameters)
    let reports = [
      LayerChecker(strategy: .everyEntry).check(
        StartingFrom(base: gru, state: try GatedCase.state(width: 2)),
        reference: StartingFrom(base: gruReference, state: try GatedCase.state(width: 2)),
        input: input, name: "GRU from a state"),
      LayerChecker(strategy: .everyEntry).check(
        StartingFrom(base: lstm, state: try GatedCase.state(width: 4)),
        reference: StartingFrom(base: lstmReference, state: try GatedCase.state(width: 4)),
        input: input, name: "LSTM from a state"),
    ]
    for report in reports {
      #expect(report.passed, "\(report)")
      #expect(report.tensors.map(\.name) == ["input"] + Self.parameterNames)
    }
  }

  /// The parameters converted exactly to the wide type (the quarter-valued states are exact
  /// in every type already).
  func widened<T: CheckableScalar>(_ parameters: ParameterSet<T>) -> ParameterSet<T.Wide> {
    var result = ParameterSet<T.Wide>()
    for (name, tensor) in zip(parameters.names, parameters.tensors) {
      result[name] = try? Tensor(
        shape: tensor.shape, scalars: tensor.scalars.map { T.Wide(Double($0)) })
    }
    return result
  }

  /// ∂L/∂(initial state) from `backwardThroughTime` against central differences of
  /// L = ⟨R, y⟩ computed here, entry by entry, in Double.
  @Test func initialStateGradientMatchesCentralDifferences() throws {
    try expectInitialStateGradient(GatedCase.gru() as GRU<Double>, width: 2)
    try expectInitialStateGradient(GatedCase.lstm() as LSTM<Double>, width: 4)
  }

  func expectInitialStateGradient<L: RecurrentLayer>(_ layer: L, width: Int) throws
  where L.Scalar == Double {
    let x: Tensor<Double> = try GatedCase.input()
    let state: Tensor<Double> = try GatedCase.state(width: width)
    let weights = try Tensor(shape: [2, 3, 2], scalars: (0..<12).map { Double($0 % 5) - 1.5 })
    var random = RandomSource(seed: 1)
    func objective(_ s: Tensor<Double>) throws -> Double {
      let y = try layer.forward(x, initialState: s, mode: .inference, random: &random).output
      return zip(y.scalars, weights.scalars).reduce(0) { $0 + $1.0 * $1.1 }
    }
    let cache = try layer.forward(x, initialState: state, mode: .inference, random: &random).cache
    let analytic = try layer.backwardThroughTime(weights, cache: cache).initialState
    #expect(analytic.shape == [2, width])
    let step = 1e-6
    for k in 0..<state.count {
      var plus = state
      var minus = state
      plus.scalars[k] += step
      minus.scalars[k] -= step
      let numeric = (try objective(plus) - objective(minus)) / (2 * step)
      let error = Swift.abs(analytic.scalars[k] - numeric)
      #expect(error <= 1e-8 * Swift.max(1, Swift.abs(numeric)), "\(layer.name) state[\(k)]")
      // Every entry of the state (the LSTM's c_0 too) moves the objective.
      #expect(Swift.abs(numeric) > 1e-3, "\(layer.name) state[\(k)]: \(numeric)")
    }
  }

  // MARK: - Shapes

  @Test func wrongShapesThrowErrorsNamingTheTensor() throws {
    let gru: GRU<Double> = try GatedCase.gru()
    let lstm: LSTM<Double> = try GatedCase.lstm()
    let x: Tensor<Double> = try GatedCase.input()
    var random = RandomSource(seed: 1)
    let state: Tensor<Double> = try GatedCase.state(width: 2)
    #expect(
      throws: LayerError.shapeMismatch(
        layer: "GRU (input)", expected: [2, 3, 2], actual: [2, 3, 5])
    ) {
      try gru.forward(
        Tensor(zeros: [2, 3, 5]), initialState: state, mode: .inference, random: &random)
    }
    #expect(
      throws: LayerError.shapeMismatch(layer: "LSTM (input)", expected: [6, 1, 2], actual: [6, 2])
    ) {
      try lstm.forward(
        Tensor(zeros: [6, 2]), initialState: state, mode: .inference, random: &random)
    }
    #expect(throws: LayerError.shapeMismatch(layer: "LSTM", expected: [6, 1, 2], actual: [6, 2])) {
      try lstm.forward(Tensor(zeros: [6, 2]), mode: .inference, random: &random)
    }
    #expect(
      throws: LayerError.shapeMismatch(
        layer: "LSTM (initial state)", expected: [2, 4], actual: [2, 2])
    ) {
      try lstm.forward(x, initialState: state, mode: .inference, random: &random)
    }
    #expect(throws: LayerError.self) {
      try gru.forward(Tensor(zeros: [0, 3, 2]), mode: .inference, random: &random)
    }
    let cache = try gru.forward(x, mode: .inference, random: &random).cache
    #expect(
      throws: LayerError.shapeMismatch(
        layer: "GRU (output gradient)", expected: [2, 3, 2], actual: [2, 3, 3])
    ) {
      try gru.backwardThroughTime(Tensor(zeros: [2, 3, 3]), cache: cache)
    }
    var missing = gru
    missing.parameters["bias_hh"] = nil
    #expect(
      throws: LayerError.unknownParameter(
        layer: "GRU", name: "bias_hh", known: ["weight_ih", "weight_hh", "bias_ih"])
    ) {
      try missing.forward(x, mode: .inference, random: &random)
    }
    #expect(throws: LayerError.self) { try missing.backwardThroughTime(x, cache: cache) }
    var misshapen = lstm
    misshapen.parameters["weight_hh"] = Tensor(zeros: [8, 3])
    #expect(
      throws: LayerError.shapeMismatch(
        layer: "LSTM (weight_hh)", expected: [8, 2], actual: [8, 3])
    ) {
      try misshapen.forward(x, mode: .inference, random: &random)
    }
    #expect(throws: LayerError.self) {
      try GRU<Double>(inputSize: 0, hiddenSize: 2, random: &random)
    }
    #expect(throws: LayerError.self) {
      try LSTM<Double>(inputSize: 2, hiddenSize: 0, random: &random)
    }
  }

  // MARK: - Mutants

  /// Each bug breaks the gradient of the input, the initial state and all four parameter
  /// tensors (measured: every one is named), and the first problem names the input and locates
  /// the error along time.
  @Test(arguments: GatedRecurrentBug.allCases, KinkScalars.all)
  func mutantFailsTheCheck(_ bug: GatedRecurrentBug, _ scalar: ScalarKind) {
    let report = LayerChecker().check(GatedRecurrentMutantBlueprint(bug: bug), as: scalar)
    #expect(!report.passed)
    let wrong = report.problems.filter { $0.kind == .gradientMismatch }.compactMap(\.tensor)
    #expect(wrong == ["input", "initialState"] + Self.parameterNames, "\(report)")
    let message = report.problems.first?.message ?? ""
    #expect(message.hasPrefix("\(bug) [\(scalar)]: input gradient wrong at "), "\(message)")
    #expect(message.contains("gradient wrong at input["), "\(message)")
    print("gated mutant \(bug) [\(scalar)]: \(message)")
  }

  @Test(arguments: GatedRecurrentBug.allCases, KinkScalars.all)
  func mutantFailsTheDirectionalCheck(_ bug: GatedRecurrentBug, _ scalar: ScalarKind) {
    let report = LayerChecker(strategy: .directional(count: 4)).check(
      GatedRecurrentMutantBlueprint(bug: bug), as: scalar)
    #expect(!report.passed)
    #expect(report.problems.contains { $0.kind == .gradientMismatch }, "\(report)")
  }
}
