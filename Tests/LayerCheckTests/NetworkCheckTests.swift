import LayerConformance
import LayerKit
import Testing

/// A small [6, 4, 3, 1] tanh/tanh network with dropout, two examples, BCE from logits.
func smallNetwork<T: NetworkCheckScalar>(
  _: T.Type, dropout: Bool = true, wrongDense: Bool = false
) throws -> (layers: [any Layer<T>], input: Tensor<T>, target: Tensor<T>) {
  var random = RandomSource(seed: 7)
  let first = try Dense<T>(inputSize: 6, outputSize: 4, random: &random)
  var layers: [any Layer<T>] = [
    wrongDense ? BrokenDense(inner: first, bug: .weightWithoutTranspose) : first,
    ActivationLayer(Tanh(), of: T.self),
  ]
  if dropout { layers.append(try Dropout<T>(keepProbability: 0.8)) }
  layers += [
    try Dense<T>(inputSize: 4, outputSize: 3, random: &random), ActivationLayer(Tanh(), of: T.self),
    try Dense<T>(inputSize: 3, outputSize: 1, random: &random),
  ]
  let input = try Tensor(shape: [2, 6], scalars: (0..<12).map { _ in T(random.nextUnit()) })
  let target = try Tensor<T>(shape: [2, 1], scalars: [1, 0])
  return (layers, input, target)
}

struct NetworkCheckTests {
  @Test func wholeNetworkPassesWithBreakdownAndWorstEntries() throws {
    let (layers, input, target) = try smallNetwork(Double.self)
    let report = NetworkChecker().check(
      layers: layers, loss: BinaryCrossEntropy(), input: input, target: target)
    #expect(report.passed, "\(report)")
    #expect(report.difference <= 1e-7)
    #expect(report.points == 4 * 6 + 4 + 3 * 4 + 3 + 3 + 1)
    #expect(
      report.tensors.map(\.name) == [
        "0.weight", "0.bias", "3.weight", "3.bias", "5.weight", "5.bias",
      ])
    #expect(report.worst.count == 5)
  }

  @Test func floatNetworkPasses() throws {
    let (layers, input, target) = try smallNetwork(Float.self)
    let report = NetworkChecker().check(
      layers: layers, loss: BinaryCrossEntropy(), input: input, target: target)
    #expect(report.passed, "\(report)")
  }

  @Test func wrongDenseInANetworkIsCaught() throws {
    let (layers, input, target) = try smallNetwork(Double.self, wrongDense: true)
    let report = NetworkChecker().check(
      layers: layers, loss: BinaryCrossEntropy(), input: input, target: target)
    #expect(!report.passed)
    #expect(report.difference > 1e-3)
    #expect(report.tensors[0].difference > 1e-3 && report.tensors[1].difference < 1e-7)
    #expect(report.problems.map(\.kind) == [.gradientMismatch])
    #expect(report.problems.first?.tensor == "0.weight")
  }

  @Test func directionalModePassesAndCatchesTheMutant() throws {
    let (layers, input, target) = try smallNetwork(Double.self)
    let good = NetworkChecker(strategy: .directional(count: 2)).check(
      layers: layers, loss: BinaryCrossEntropy(), input: input, target: target)
    #expect(good.passed, "\(good)")
    #expect(good.points == 2)
    let (bad, _, _) = try smallNetwork(Double.self, wrongDense: true)
    let caught = NetworkChecker(strategy: .directional(count: 2)).check(
      layers: bad, loss: BinaryCrossEntropy(), input: input, target: target)
    #expect(!caught.passed)
    #expect(caught.problems.map(\.kind) == [.gradientMismatch])
  }

  /// The fast path (cached prefix, Dense shortcut) gives the numeric gradient of the plain
  /// recomputation, entry by entry, up to the rounding of the last bits of one output.
  @Test func fastPathEqualsPlainRecomputation() throws {
    let (layers, input, target) = try smallNetwork(Double.self)
    let fast = NetworkChecker(useFastPath: true).check(
      layers: layers, loss: BinaryCrossEntropy(), input: input, target: target)
    let plain = NetworkChecker(useFastPath: false).check(
      layers: layers, loss: BinaryCrossEntropy(), input: input, target: target)
    #expect(fast.points == plain.points)
    for (f, p) in zip(fast.tensors, plain.tensors) { #expect(f.checkedEntries == p.checkedEntries) }
    #expect(abs(fast.difference - plain.difference) < 1e-9)
  }

  /// Entry by entry, for every parameter: the fast path's two-sided differences (stacked
  /// through the rowwise tail without dropout, one at a time with it) equal those of the plain
  /// recomputation of the whole network, up to the rounding of one cached output (~1e-11 here).
  @Test(arguments: [false, true]) func fastPathEqualsPlainRecomputationPerEntry(_ dropout: Bool)
    throws
  {
    let (layers, input, target) = try smallNetwork(Double.self, dropout: dropout)
    let fast = try NetworkChecker(useFastPath: true).numericGradients(
      layers: layers, loss: BinaryCrossEntropy(), input: input, target: target)
    let plain = try NetworkChecker(useFastPath: false).numericGradients(
      layers: layers, loss: BinaryCrossEntropy(), input: input, target: target)
    #expect(fast.map(\.names) == plain.map(\.names))
    var compared = 0
    for (f, p) in zip(fast, plain) {
      for (a, b) in zip(f.tensors, p.tensors) {
        #expect(a.shape == b.shape)
        for k in a.scalars.indices {
          #expect(
            abs(a.scalars[k] - b.scalars[k]) <= 1e-9,
            "entry \(k): \(a.scalars[k]) vs \(b.scalars[k])")
          compared += 1
        }
      }
    }
    #expect(compared == 4 * 6 + 4 + 3 * 4 + 3 + 3 + 1)
  }

  /// Stacking the perturbed outputs along the batch changes no bit: the same network with one
  /// activation wrapped as not rowwise (so nothing is stacked) gives identical differences.
  @Test func stackedPassIsBitIdenticalToOneAtATime() throws {
    let (layers, input, target) = try smallNetwork(Double.self, dropout: false)
    var unstacked = layers
    unstacked[1] = NotRowwise(inner: ActivationLayer(Tanh(), of: Double.self))
    let checker = NetworkChecker(useFastPath: true)
    let stacked = try checker.numericGradients(
      layers: layers, loss: BinaryCrossEntropy(), input: input, target: target)
    let single = try checker.numericGradients(
      layers: unstacked, loss: BinaryCrossEntropy(), input: input, target: target)
    #expect(stacked == single)
  }

  /// `Dense.outputs(settingParameter:entries:...)` is the single-entry shortcuts stacked, bit
  /// for bit, and `nil` for an entry out of range.
  @Test(arguments: [0, 1]) func denseStackedShortcutEqualsSingleShortcuts(_ tensor: Int) throws {
    var random = RandomSource(seed: 5)
    let dense = try Dense<Double>(inputSize: 5, outputSize: 4, random: &random)
    let input = try Tensor(shape: [3, 5], scalars: (0..<15).map { _ in random.nextUnit() - 0.5 })
    let (output, cache) = try dense.forward(input, mode: .inference, random: &random)
    let entries = Array(dense.parameters.tensors[tensor].scalars.indices.reversed())
    let values = entries.map { dense.parameters.tensors[tensor].scalars[$0] - 0.25 }
    let stacked = try #require(
      dense.outputs(
        settingParameter: tensor, entries: entries, to: values, output: output, cache: cache))
    #expect(stacked.shape == [3 * entries.count, 4])
    for (p, (entry, value)) in zip(entries, values).enumerated() {
      let single = try #require(
        dense.output(
          settingParameter: tensor, entry: entry, to: value, output: output, cache: cache))
      #expect(Array(stacked.scalars[(p * 12)..<((p + 1) * 12)]) == single.scalars)
    }
    #expect(
      dense.outputs(
        settingParameter: tensor, entries: [-1], to: [0], output: output, cache: cache) == nil)
  }

  /// `Dense.output(settingParameter:...)` equals a forward pass with the parameter changed.
  @Test(arguments: [0, 1]) func denseShortcutEqualsForwardPass(_ tensor: Int) throws {
    var random = RandomSource(seed: 3)
    let dense = try Dense<Double>(inputSize: 5, outputSize: 4, random: &random)
    let input = try Tensor(shape: [3, 5], scalars: (0..<15).map { _ in random.nextUnit() - 0.5 })
    let (output, cache) = try dense.forward(input, mode: .inference, random: &random)
    let count = dense.parameters.tensors[tensor].count
    for entry in 0..<count {
      let value = dense.parameters.tensors[tensor].scalars[entry] + 0.125
      let shortcut = try #require(
        dense.output(
          settingParameter: tensor, entry: entry, to: value, output: output, cache: cache))
      var changed = dense
      var set = changed.parameters
      set.tensors[tensor].scalars[entry] = value
      changed.parameters = set
      let full = try changed.forward(input, mode: .inference, random: &random).output
      for k in full.scalars.indices {
        #expect(
          abs(shortcut.scalars[k] - full.scalars[k]) <= 8 * Double.ulpOfOne
            * max(abs(full.scalars[k]), 1))
      }
    }
  }
}

/// A layer that hides its inner layer's rowwise property (the default `false`).
struct NotRowwise<Inner: Layer>: Layer {
  var inner: Inner
  var name: String { inner.name }
  var parameters: ParameterSet<Inner.Scalar> {
    get { inner.parameters }
    set { inner.parameters = newValue }
  }
  func forward(_ input: Tensor<Inner.Scalar>, mode: LayerMode, random: inout RandomSource)
    throws(LayerError) -> (output: Tensor<Inner.Scalar>, cache: Inner.Cache)
  { try inner.forward(input, mode: mode, random: &random) }
  func backward(_ outputGradient: Tensor<Inner.Scalar>, cache: Inner.Cache) throws(LayerError)
    -> LayerGradients<Inner.Scalar>
  { try inner.backward(outputGradient, cache: cache) }
}

struct BadInputTests {
  @Test(arguments: [0.0, -0.5, 1.5, .nan]) func dropoutRejectsKeepProbability(_ keep: Double) {
    let error = #expect(throws: LayerError.self) { try Dropout<Double>(keepProbability: keep) }
    #expect("\(error!)".contains("Dropout: the keep probability must lie in (0, 1], got \(keep)"))
  }

  @Test func denseRejectsZeroSizesAndWrongShapes() throws {
    var random = RandomSource(seed: 1)
    #expect(throws: LayerError.self) {
      try Dense<Double>(inputSize: 0, outputSize: 3, random: &random)
    }
    let dense = try Dense<Double>(inputSize: 4, outputSize: 3, random: &random)
    let error = #expect(throws: LayerError.self) {
      try dense.forward(Tensor(zeros: [2, 5]), mode: .training, random: &random)
    }
    #expect("\(error!)" == "Dense (input): expected shape [2, 4], got [2, 5]")
    #expect(throws: LayerError.self) {
      try dense.backward(Tensor(zeros: [2, 2]), cache: Tensor(zeros: [2, 4]))
    }
  }

  @Test func sequentialRejectsAnEmptyList() {
    #expect(throws: LayerError.self) { try Sequential<Double>([]) }
  }

  @Test func lossesRejectMismatchedShapes() {
    let prediction = Tensor<Double>(zeros: [2, 3])
    let target = Tensor<Double>(zeros: [3, 2])
    for loss in [BinaryCrossEntropy() as any Loss, SoftmaxCrossEntropy(), MeanSquaredError()] {
      let error = #expect(throws: LayerError.self) { try loss.value(prediction, target: target) }
      #expect("\(error!)".contains(loss.name) && "\(error!)".contains("[2, 3]"))
    }
  }

  @Test func softmaxCrossEntropyIsStableForHugeLogits() throws {
    let logits = try Tensor<Double>(shape: [1, 3], scalars: [1000, 0, -1000])
    let target = try Tensor<Double>(shape: [1, 3], scalars: [0, 1, 0])
    #expect(try SoftmaxCrossEntropy().value(logits, target: target) == 1000)
    let bce = try BinaryCrossEntropy().value(
      Tensor(shape: [1, 1], scalars: [-800.0]), target: Tensor(shape: [1, 1], scalars: [1.0]))
    #expect(bce == 800)
  }
}
