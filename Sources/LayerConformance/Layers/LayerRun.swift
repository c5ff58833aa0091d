import LayerCore

/// The state of one layer check: one layer in scalar type `T`, references in `T.Wide`.
struct LayerRun<T: CheckableScalar> {
  typealias W = T.Wide
  let layer: any Layer<T>
  var reference: any Layer<W>
  let input: Tensor<T>
  let name: String
  let strategy: Strategy.Resolved
  let seed: UInt64
  let reseeds: Bool
  /// E.g. `Dense [Double]`, the prefix of every message.
  let label: String
  let tolerance = T.layerTolerance
  var results: [EntryResult] = []
  var summaries: [TensorSummary] = []
  var problems: [Problem] = []
  /// The statistical checks of a stochastic layer, in the order they ran.
  var statistics: [StatisticalCheck] = []
  var kinkEntries: [KinkEntry] = []
  /// Whether `layer` is a recurrent layer presented with its initial state as the extra tensor
  /// `initialState` (see ``RecurrentStateAdapter``): its input gradient is then summarized per
  /// time step.
  var recurrent = false
  var timeSteps: [TimeStepSummary] = []

  init(
    layer: any Layer<T>, reference: any Layer<W>, input: Tensor<T>, name: String,
    strategy: Strategy.Resolved, seed: UInt64, reseeds: Bool
  ) {
    self.layer = layer
    self.reference = reference
    self.input = input
    self.name = name
    self.strategy = strategy
    self.seed = seed
    self.reseeds = reseeds
    self.label = "\(name) [\(T.scalarName)]"
  }

  /// The random source every forward pass starts from.
  var fresh: RandomSource { RandomSource(seed: seed &+ 2) }

  /// Runs every check, turning a thrown error into a problem.
  mutating func execute() {
    do throws(LayerError) {
      try checkEverything()
    } catch {
      problems.append(Problem(.threw, tensor: nil, "\(label): the layer threw \(error)"))
    }
  }

  mutating func checkEverything() throws(LayerError) {
    var random = fresh
    let base = try layer.forward(input, mode: .training, random: &random).output
    var outputRandom = RandomSource(seed: seed &+ 3)
    let weights: Tensor<T> = randomTensor(base.shape, &outputRandom)
    if layer.isStochastic { try checkStatistics() }
    guard try objectiveIsUsable(base, weights) else { return }
    let original = layer.parameters
    switch strategy {
    case .full(let limit): try checkEveryEntry(weights: weights, limit: limit)
    case .directional(let count): try checkDirections(Swift.max(count, 2))
    }
    let after = layer.parameters
    for (k, tensor) in original.tensors.enumerated() {
      if let entry = firstBitDifference(tensor, after.tensors[k]) {
        problems.append(
          Problem(
            .parametersNotRestored, tensor: original.names[k], entry: entry,
            "\(label): \(role(original.names[k]))[\(entry)] was not restored bit-exactly"))
      }
    }
  }

  /// The backward pass for output gradient `weights`, run twice; both runs must agree bit for
  /// bit, and the gradients must have the names and shapes of the input and parameters.
  mutating func analyticGradients(_ weights: Tensor<T>) throws(LayerError) -> LayerGradients<T> {
    var runs: [LayerGradients<T>] = []
    for _ in 0..<2 {
      var random = fresh
      let (_, cache) = try layer.forward(input, mode: .training, random: &random)
      runs.append(try layer.backward(weights, erasedCache: cache))
    }
    checkShapes(of: runs[0])
    checkDeterminism(runs[0], runs[1])
    return runs[0]
  }

  mutating func checkShapes(of gradients: LayerGradients<T>) {
    let parameters = layer.parameters
    if gradients.input.shape != input.shape {
      problems.append(
        Problem(
          .shapeMismatch, tensor: "input",
          "\(label): the input gradient has shape \(gradients.input.shape), the input "
            + "\(input.shape)"))
    }
    var (given, expected) = (gradients.parameters, parameters)
    if recurrent {
      let state = expected[initialStateName]
      let stateGradient = given[initialStateName]
      if stateGradient?.shape != state?.shape {
        problems.append(
          Problem(
            .shapeMismatch, tensor: initialStateName,
            "\(label): the initial-state gradient has shape \(stateGradient?.shape ?? []), the "
              + "initial state \(state?.shape ?? [])"))
      }
      given[initialStateName] = nil
      expected[initialStateName] = nil
    }
    let shapes = zip(given.tensors, expected.tensors)
    if given.names != expected.names
      || shapes.contains(where: { $0.shape != $1.shape })
    {
      problems.append(
        Problem(
          .shapeMismatch, tensor: nil,
          "\(label): the parameter gradients \(given.names) do not match the "
            + "parameters \(expected.names) in names and shapes"))
    }
  }

  mutating func checkDeterminism(_ first: LayerGradients<T>, _ second: LayerGradients<T>) {
    let pairs =
      [("input", first.input, second.input)]
      + zip(first.parameters.names, zip(first.parameters.tensors, second.parameters.tensors)).map {
        ($0, $1.0, $1.1)
      }
    for (tensor, a, b) in pairs {
      guard let entry = firstBitDifference(a, b) else { continue }
      let values = [a, b].map { $0.scalars.indices.contains(entry) ? "\($0.scalars[entry])" : "?" }
      problems.append(
        Problem(
          .nondeterministic, tensor: tensor, entry: entry,
          "\(label): the backward pass is not deterministic: two runs give \(tensor)[\(entry)] = "
            + "\(values[0]) and \(values[1])"))
    }
  }

  /// `⟨weights, reference(x)⟩` in the wide type, re-seeding first (unless told not to), through
  /// `layer` instead of the reference if given.
  func objective(
    _ x: Tensor<W>, _ weights: Tensor<W>, _ random: inout RandomSource,
    through layer: (any Layer<W>)? = nil
  ) throws(LayerError) -> W {
    if reseeds { random = fresh }
    let y = try (layer ?? reference).forward(x, mode: .training, random: &random).output
    guard y.shape == weights.shape else {
      throw .shapeMismatch(
        layer: "\(name) (reference output)", expected: weights.shape, actual: y.shape)
    }
    var sum: W = 0
    for k in y.scalars.indices { sum += weights.scalars[k] * y.scalars[k] }
    return sum
  }

  /// The comparison of entry `index` of `tensor`; ``summarize(_:count:_:)`` judges it again
  /// with the tensor's floor and records it.
  func compare(_ tensor: String, _ index: Int, _ analytic: T, _ numeric: W) -> EntryResult {
    EntryResult(tensor, index, analytic: analytic, numeric: numeric, tolerance: tolerance)
  }

  /// `parameter weight`, or `the initial state initialState` for a recurrent layer's state.
  func role(_ tensor: String) -> String {
    recurrent && tensor == initialStateName
      ? "the initial state \(tensor)" : "parameter \(tensor)"
  }

  /// Judges the compared entries of one tensor with its floor
  /// (``Tolerance/floor(forTensorScale:)`` of its largest |numeric gradient|), records and
  /// summarizes them (per time step for a recurrent layer's input), and reports the worst
  /// failing entry.
  mutating func summarize(_ tensor: String, count: Int, _ compared: [EntryResult]) {
    let scale = compared.lazy.map { Swift.abs($0.numeric) }.filter(\.isFinite).max() ?? 0
    let floor = tolerance.floor(forTensorScale: scale)
    let entries = compared.map { entry in
      var judged = entry
      judged.error = tolerance.error(entry.analytic, entry.numeric, floor: floor)
      return judged
    }
    results += entries
    var summary = TensorSummary(name: tensor, count: count, entries: entries)
    if floor > tolerance.floor { summary.floor = floor }
    summaries.append(summary)
    var along = ""
    if recurrent && tensor == "input" {
      timeSteps = TimeStepSummary.steps(entries, inputShape: input.shape)
      along =
        TimeStepSummary.extent(
          of: timeSteps, tolerance: tolerance.relative, resolution: tolerance.relative * floor
        ).map { "input gradient \($0); " } ?? ""
    }
    let failing = entries.filter { !($0.error <= tolerance.relative) }
    guard let worst = failing.max(by: { $0.error < $1.error }) else { return }
    problems.append(
      Problem(
        .gradientMismatch, tensor: tensor, entry: worst.index,
        "\(label): \(along)gradient wrong at \(tensor)[\(worst.index)]: analytic "
          + "\(format(worst.analytic)), numeric \(format(worst.numeric)), relative error "
          + "\(format(worst.error)) > tolerance \(format(tolerance.relative)) "
          + "(\(failing.count) of \(entries.count) entries of \(tensor) fail)"))
  }

  func report() -> LayerReport {
    var problems = problems
    if results.isEmpty && problems.isEmpty {
      problems.append(
        Problem(
          .nothingChecked, tensor: nil,
          "\(label): no entry could be checked; the check proves nothing"))
    }
    let nonFinite = results.filter { !$0.analytic.isFinite || !$0.numeric.isFinite }
    if let first = nonFinite.first {
      problems.append(
        Problem(
          .nonFiniteGradient, tensor: first.tensor, entry: first.index,
          "\(label): non-finite gradient at \(first.tensor)[\(first.index)]: analytic "
            + "\(first.analytic), numeric \(first.numeric) (\(nonFinite.count) entries)"))
    }
    return LayerReport(
      component: name, scalar: T.scalarName, strategy: "\(strategy)", points: results.count,
      maxRelativeError: results.map(\.error).max() ?? 0, tolerance: tolerance, tensors: summaries,
      worst: Array(results.sorted { $0.error > $1.error }.prefix(5)), problems: problems,
      statistics: statistics, kinkEntries: kinkEntries, timeSteps: timeSteps)
  }
}
