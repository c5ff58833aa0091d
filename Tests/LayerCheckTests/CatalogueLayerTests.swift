import LayerConformance
import LayerKit
import Testing

/// Softmax, LogSoftmax and PReLU: values, large inputs, full Jacobians, kinks and mutants.
@Suite("Catalogue layers: Softmax, LogSoftmax, PReLU")
struct CatalogueLayerTests {
  static let jacobianBlueprints: [Named] = [
    Named(SoftmaxBlueprint()), Named(LogSoftmaxBlueprint()), Named(PReLUBlueprint()),
    Named(DenseBlueprint()),
  ]

  @Test(arguments: jacobianBlueprints, ScalarKind.allCases)
  func fullJacobianMatches(_ layer: Named, _ scalar: ScalarKind) {
    let report = LayerChecker().checkJacobian(layer.blueprint, as: scalar)
    #expect(report.passed, "\(report)")
    let summary = report.tensors.first
    #expect(report.tensors.count == 1 && summary?.name == "jacobian")
    // Every entry of the Jacobian is compared (none of these has an unresolvable kink).
    #expect(summary.map { $0.checkedEntries.count == $0.count } == true, "\(report)")
    #expect(report.points == summary?.count)
  }

  @Test func jacobianOfPReLUOnItsKinksUsesTheConvention() {
    let report = LayerChecker().checkJacobian(PReLUBlueprint(), as: Double.self)
    #expect(report.passed, "\(report)")
    #expect(report.kinkEntries.map(\.side) == [.both, .right, .left], "\(report)")
    #expect(report.points == 12 * 12)
  }

  @Test func softmaxAndLogSoftmaxValues() throws {
    let x = try Tensor<Double>(shape: [2, 3], scalars: [1, 2, 3, 1001, 1002, 1003])
    var random = RandomSource(seed: 1)
    let y = try Softmax<Double>(features: 3).forward(x, mode: .inference, random: &random).output
    let logY = try LogSoftmax<Double>(features: 3).forward(x, mode: .inference, random: &random)
      .output
    let expected = [0.09003057317038046, 0.24472847105479764, 0.6652409557748218]
    let expectedLog = [-2.4076059644443806, -1.4076059644443804, -0.4076059644443804]
    for k in 0..<6 {
      #expect(Swift.abs(y.scalars[k] - expected[k % 3]) <= 4e-16, "softmax[\(k)]")
      #expect(Swift.abs(logY.scalars[k] - expectedLog[k % 3]) <= 1e-15, "logsoftmax[\(k)]")
    }
  }

  @Test func backwardPassesMatchTheClosedForms() throws {
    let x = try Tensor<Double>(shape: [1, 3], scalars: [0.5, -1, 2])
    let g = try Tensor<Double>(shape: [1, 3], scalars: [1, -2, 0.25])
    var random = RandomSource(seed: 1)
    let softmax = try Softmax<Double>(features: 3)
    let (y, cache) = try softmax.forward(x, mode: .inference, random: &random)
    let dx = try softmax.backward(g, cache: cache).input
    let dot = zip(g.scalars, y.scalars).reduce(0) { $0 + $1.0 * $1.1 }
    let logSoftmax = try LogSoftmax<Double>(features: 3)
    let logCache = try logSoftmax.forward(x, mode: .inference, random: &random).cache
    let logDx = try logSoftmax.backward(g, cache: logCache).input
    for k in 0..<3 {
      #expect(Swift.abs(dx.scalars[k] - y.scalars[k] * (g.scalars[k] - dot)) <= 1e-16)
      #expect(Swift.abs(logDx.scalars[k] - (g.scalars[k] - y.scalars[k] * -0.75)) <= 1e-15)
    }
    #expect(Swift.abs(dx.scalars.reduce(0, +)) <= 1e-16)  // softmax gradients sum to 0
  }

  @Test(arguments: ScalarKind.allCases)
  func largeInputsGiveNoNaN(_ scalar: ScalarKind) throws {
    try expectFiniteForLargeInputs(scalar.type)
  }

  func expectFiniteForLargeInputs<T: CheckableScalar>(_: T.Type) throws {
    // `large` is 1e30 where the type has it, a quarter of the largest finite value in Float16.
    let big = T.greatestFiniteMagnitude
    let large = Swift.min(T(1e30), big / 4)
    let rows: [T] = [
      large, -large, 0, large, big, -big, 0, 1, -big, -big, -big, -big, big, big, 3, -3,
    ]
    let x = try Tensor(shape: [4, 4], scalars: rows)
    let g = try Tensor<T>(shape: [4, 4], scalars: (0..<16).map { T($0 % 5) - 2 })
    var random = RandomSource(seed: 1)
    let softmax = try Softmax<T>(features: 4)
    let (y, cache) = try softmax.forward(x, mode: .inference, random: &random)
    let dx = try softmax.backward(g, cache: cache).input
    #expect(y.scalars.allSatisfy(\.isFinite) && dx.scalars.allSatisfy(\.isFinite), "\(y) \(dx)")
    #expect(y.scalars[0] == 0.5 && y.scalars[3] == 0.5 && y.scalars[4] == 1)
    #expect(y.scalars[8..<12].allSatisfy { $0 == 0.25 } && y.scalars[12] == 0.5)
    let logSoftmax = try LogSoftmax<T>(features: 4)
    let (logY, logCache) = try logSoftmax.forward(x, mode: .inference, random: &random)
    let logDx = try logSoftmax.backward(g, cache: logCache).input
    #expect(!logY.scalars.contains(where: \.isNaN) && logDx.scalars.allSatisfy(\.isFinite))
    // Finite wherever the true value is: every entry but −big in the row with +big (−2·big).
    for k in logY.scalars.indices where k != 5 {
      #expect(logY.scalars[k].isFinite, "logsoftmax[\(k)] = \(logY.scalars[k])")
    }
    #expect(logY.scalars[5] == -T.infinity && logY.scalars[1] == -2 * large)
    let prelu = try PReLU<T>(features: 4)
    let (p, preluCache) = try prelu.forward(x, mode: .inference, random: &random)
    let preluGradients = try prelu.backward(g, cache: preluCache)
    #expect(p.scalars.allSatisfy(\.isFinite) && preluGradients.input.scalars.allSatisfy(\.isFinite))
  }

  @Test func preluFollowsPyTorch() throws {
    // torch.nn.PReLU(4): slopes 0.25; at x = 0 the input gradient is the slope (ATen's PReLU
    // backward tests x > 0), the slope gradient is Σ_batch x · g over x ≤ 0.
    let prelu = try PReLU<Double>(features: 2)
    #expect(prelu.parameters["weight"]?.scalars == [0.25, 0.25])
    let x = try Tensor<Double>(shape: [3, 2], scalars: [0, 2, -4, -1, -2, 0])
    let g = try Tensor<Double>(shape: [3, 2], scalars: [1, 1, 1, 2, 3, 4])
    var random = RandomSource(seed: 1)
    let (y, cache) = try prelu.forward(x, mode: .training, random: &random)
    #expect(y.scalars == [0, 2, -1, -0.25, -0.5, 0])
    let gradients = try prelu.backward(g, cache: cache)
    #expect(gradients.input.scalars == [0.25, 1, 0.25, 0.5, 0.75, 1])
    #expect(gradients.parameters["weight"]?.scalars == [-4 - 6, -2])
    #expect(prelu.kinks(ofInputEntry: 3, in: x) == [Kink(at: 0, convention: .leftLimit)])
    #expect(prelu.kinks(ofParameter: "weight", entry: 0).isEmpty)
    let identity = try PReLU<Double>(features: 2, initialSlope: 1)
    #expect(identity.kinks(ofInputEntry: 0, in: x).isEmpty)  // slope 1: no kink
  }

  @Test func invalidConfigurationsAndShapesThrow() throws {
    #expect(throws: LayerError.self) { try Softmax<Double>(features: 0) }
    #expect(throws: LayerError.self) { try PReLU<Double>(features: 2, initialSlope: .nan) }
    var random = RandomSource(seed: 1)
    let wrong = Tensor<Double>(zeros: [2, 3])
    #expect(throws: LayerError.self) {
      try LogSoftmax<Double>(features: 4).forward(wrong, mode: .inference, random: &random)
    }
    #expect(throws: LayerError.self) {
      try PReLU<Double>(features: 4).forward(wrong, mode: .inference, random: &random)
    }
  }

  /// PReLU in the kink sweep's style: inputs on, within 1e-7 of and within three steps of 0,
  /// random slopes; the gradient check in both strategies and the Jacobian check.
  @Test(arguments: KinkScalars.all)
  func preluSweepNearKinksHasNoFalseAlarm(_ scalar: ScalarKind) throws {
    try preluSweep(scalar.type)
  }

  func preluSweep<T: CheckableScalar>(_: T.Type) throws {
    var falseAlarms: [LayerReport] = []
    var onKink = 0
    for seed in 0..<200 {
      var random = RandomSource(seed: UInt64(seed))
      // A last row of ordinary negative inputs gives every slope an O(1) gradient. Without
      // it, a feature whose inputs all lie within 1e-7 of 0 has a slope gradient near 1e-8,
      // and the Float80 rounding noise of the O(1) objective over the step (about 1e-13)
      // reaches the Double tolerance's absolute floor (1e-8 · 1e-5): a limit of the kit, not
      // of the layer.
      let values =
        valuesNearKinks(T.self, count: 8, &random)
        + (0..<4).map { _ in T(-0.1 - random.nextUnit()) }
      let slopes = (0..<4).map { _ in 2 * random.nextUnit() - 0.5 }
      var layer = try PReLU<T>(features: 4)
      var reference = try PReLU<T.Wide>(features: 4)
      layer.parameters["weight"] = try Tensor(shape: [4], scalars: slopes.map { T($0) })
      reference.parameters["weight"] = try Tensor(
        shape: [4], scalars: slopes.map { T.Wide(T($0)) })
      let input = try Tensor(shape: [3, 4], scalars: values)
      for checker in [LayerChecker(strategy: .everyEntry, seed: UInt64(seed)), .init()] {
        for report in [
          checker.check(layer, reference: reference, input: input, name: "PReLU"),
          checker.checkJacobian(layer, reference: reference, input: input, name: "PReLU"),
        ] {
          if !report.passed { falseAlarms.append(report) }
          onKink += report.kinkEntries.filter { $0.side == .both }.count
        }
      }
    }
    #expect(falseAlarms.isEmpty, "\(falseAlarms.count) false alarms; first: \(falseAlarms.first!)")
    #expect(onKink >= 200 * 4 * 2)
  }

  /// Dense → PReLU → Dense → LogSoftmax (→ Softmax) under a mean squared error: the layers
  /// compose in a network, kinks of PReLU watched through the later layers.
  /// Float and Double, as the other network kink tests (`KinkScalars`).
  @Test(arguments: KinkScalars.all)
  func networkOfTheCatalogueLayersPasses(_ scalar: ScalarKind) throws {
    if scalar == .float {
      try expectNetworkPasses(Float.self)
    } else {
      try expectNetworkPasses(Double.self)
    }
  }

  func expectNetworkPasses<T: NetworkCheckScalar>(_: T.Type) throws {
    var random = RandomSource(seed: 7)
    var prelu = try PReLU<T>(features: 5)
    prelu.parameters["weight"] = try Tensor(shape: [5], scalars: [0.25, -0.5, 0.1, 1.5, 0.75])
    let layers: [any Layer<T>] = [
      try Dense(inputSize: 3, outputSize: 5, random: &random), prelu,
      try Dense(inputSize: 5, outputSize: 4, random: &random), try LogSoftmax(features: 4),
      try Softmax(features: 4),
    ]
    let input = try Tensor<T>(shape: [2, 3], scalars: [0.3, -0.7, 1.1, -0.2, 0.5, 0.9])
    let target = try Tensor<T>(shape: [2, 4], scalars: [1, 0, 0, 0, 0, 0, 1, 0])
    let report = NetworkChecker().check(
      layers: layers, loss: MeanSquaredError(), input: input, target: target)
    #expect(report.passed, "\(report)")
    // The three are rowwise shortcuts: the stacked fast path agrees with plain recomputation.
    let plain = NetworkChecker(options: CheckOptions(), useFastPath: false).check(
      layers: layers, loss: MeanSquaredError(), input: input, target: target)
    #expect(plain.passed, "\(plain)")
    #expect(plain.kinkEntries == report.kinkEntries && plain.points == report.points)
  }

  // MARK: - Mutants

  @Test(arguments: CatalogueLayerBug.allCases, ScalarKind.allCases)
  func mutantFailsTheRegistryCheck(_ bug: CatalogueLayerBug, _ scalar: ScalarKind) {
    let blueprint = CatalogueLayerMutantBlueprint(bug: bug)
    let report = LayerChecker().check(blueprint, as: scalar)
    #expect(!report.passed)
    let mismatch = report.problems.first { $0.kind == .gradientMismatch }
    #expect(mismatch?.tensor == (bug == .preluSlopeGradientNotSummed ? "weight" : "input"))
    print("catalogue mutant \(bug) [\(scalar)]: \(mismatch?.message ?? "not caught")")
  }

  @Test(arguments: CatalogueLayerBug.allCases, ScalarKind.allCases)
  func mutantFailsTheJacobianCheckIfItsJacobianIsWrong(
    _ bug: CatalogueLayerBug, _ scalar: ScalarKind
  ) {
    let report = LayerChecker().checkJacobian(CatalogueLayerMutantBlueprint(bug: bug), as: scalar)
    #expect(report.passed == !bug.breaksJacobian, "\(report)")
    guard bug.breaksJacobian else { return }
    let problem = report.problems.first { $0.kind == .gradientMismatch }
    #expect(problem?.tensor == "jacobian" && problem?.entry != nil)
    let message = problem?.message ?? ""
    for part in ["\(bug) [", "Jacobian wrong at entry (row ", ", column ", "analytic ", "numeric "]
    {
      #expect(message.contains(part), "\(message)")
    }
    // Float16 (where compiled) is the only other kind: 8ε = 2⁻⁷.
    let tolerance = [ScalarKind.float: "0.0001", .double: "1e-08"][scalar] ?? "0.0078125"
    #expect(message.contains("> tolerance \(tolerance)"), "\(message)")
  }

  /// The one-sided PReLU mutant with every input within 1e-7 of its kink, as in KinkTests.
  @Test(arguments: KinkScalars.all)
  func preluWrongRightOfTheKinkIsCaughtNearIt(_ scalar: ScalarKind) throws {
    try expectOneSidedCaught(scalar.type)
  }

  func expectOneSidedCaught<T: CheckableScalar>(_: T.Type) throws {
    for seed in 0..<20 {
      var random = RandomSource(seed: UInt64(seed))
      let values = (0..<8).map { i in T([0, 1e-7, -1e-7][i % 3] * (0.1 + 0.9 * random.nextUnit())) }
      let input = try Tensor(shape: [2, 4], scalars: values)
      let layer = try CatalogueLayerMutant<T>(.preluSlopeRightOfZero)
      let reference = try CatalogueLayerMutant<T.Wide>(.preluSlopeRightOfZero)
      for checker in [LayerChecker(strategy: .everyEntry, seed: UInt64(seed)), .init()] {
        let gradient = checker.check(layer, reference: reference, input: input, name: "mutant")
        let jacobian = checker.checkJacobian(
          layer, reference: reference, input: input, name: "mutant")
        #expect(!gradient.passed && !jacobian.passed, "seed \(seed)")
        #expect(gradient.kinks >= 8 && jacobian.kinks == 8)
      }
    }
  }
}
