import Foundation
import LayerCore

/// Checks a layer's backward pass against central differences of `L = ⟨R, layer(x)⟩`, with a
/// fixed random `R` so that every output element matters.
///
/// ```swift
/// let report = LayerGradientChecker().check(DenseBlueprint(), as: Double.self)
/// print(report)   // verdict, problems, one line per tensor, worst entries
/// ```
///
/// The layer is built from its blueprint twice: in the scalar type under test, whose backward
/// pass is judged, and in that type's ``CheckableScalar/Wide`` type with the same parameters,
/// in which the numeric references are computed. The random source is re-seeded identically
/// before every forward pass (the analytic one, f(θ+h) and f(θ−h)), so a dropout mask is the
/// same in all of them.
public struct LayerGradientChecker: Sendable {
  /// Full mode compares every entry; directional mode compares `vᵀ J u` for random unit `u`
  /// and `v`, one number per direction, for layers too large to check entry by entry.
  public enum Mode: Sendable, Hashable, CustomStringConvertible {
    /// Every entry of the input and of every parameter tensor (subject to ``entryLimit``).
    case full
    /// `count` (at least 2) random directions through all inputs and parameters at once.
    case directional(count: Int)

    /// `full` or `directional(n)`.
    public var description: String {
      switch self {
      case .full: "full"
      case .directional(let count): "directional(\(count))"
      }
    }
  }

  /// Full or directional.
  public var mode: Mode
  /// The most entries checked per tensor in full mode; larger tensors are subsampled (always
  /// including their first and last entry) and the report lists the checked entries.
  public var entryLimit: Int?
  /// The seed of the input, of `R`, and of every forward pass.
  public var seed: UInt64
  /// Whether the random source is re-seeded before each forward pass. Only a test of the kit
  /// itself turns this off, to show that dropout then fails the check.
  public var reseeds: Bool

  /// A checker in `mode`, checking at most `entryLimit` entries per tensor.
  public init(
    mode: Mode = .full, entryLimit: Int? = nil, seed: UInt64 = 0x1A7E_5EED, reseeds: Bool = true
  ) {
    self.mode = mode
    self.entryLimit = entryLimit
    self.seed = seed
    self.reseeds = reseeds
  }

  /// Checks the layer `blueprint` builds, in the scalar type named by `scalar`.
  public func check(_ blueprint: any LayerBlueprint, as scalar: ScalarKind) -> LayerCheckReport {
    switch scalar {
    case .float: check(blueprint, as: Float.self)
    case .double: check(blueprint, as: Double.self)
    }
  }

  /// Checks the layer `blueprint` builds, in `T`, against references computed in `T.Wide`.
  public func check<T: CheckableScalar>(
    _ blueprint: any LayerBlueprint, as _: T.Type
  ) -> LayerCheckReport {
    let label = "\(blueprint.name) [\(T.scalarName)]"
    var random = RandomSource(seed: seed)
    var wideRandom = RandomSource(seed: seed)
    do throws(LayerError) {
      let layer = try blueprint.makeLayer(of: T.self, random: &random)
      var reference = try blueprint.makeLayer(of: T.Wide.self, random: &wideRandom)
      var wideParameters = ParameterSet<T.Wide>()
      let parameters = layer.parameters
      for (name, tensor) in zip(parameters.names, parameters.tensors) {
        wideParameters[name] = converted(tensor, to: T.Wide.self)
      }
      reference.parameters = wideParameters
      var inputRandom = RandomSource(seed: seed &+ 1)
      let input: Tensor<T> = randomTensor(blueprint.sampleInputShape, &inputRandom)
      return check(layer, reference: reference, input: input, name: blueprint.name)
    } catch {
      return failure(blueprint.name, T.scalarName, "\(label): building the layer threw: \(error)")
    }
  }

  /// Checks `layer` at `input`, computing numeric references with `reference`, the same layer
  /// built in `T.Wide` with the same parameters.
  public func check<T: CheckableScalar>(
    _ layer: any Layer<T>, reference: any Layer<T.Wide>, input: Tensor<T>, name: String
  ) -> LayerCheckReport {
    var run = LayerRun(checker: self, layer: layer, reference: reference, input: input, name: name)
    run.execute()
    return run.report()
  }

  func failure(_ name: String, _ scalar: String, _ problem: String) -> LayerCheckReport {
    LayerCheckReport(
      component: name, scalar: scalar, mode: mode.description, points: 0, maxRelativeError: 0,
      tolerance: Tolerance(relative: 0, floor: 0), tensors: [], worst: [], problems: [problem])
  }
}

/// The state of one layer check.
struct LayerRun<T: CheckableScalar> {
  typealias W = T.Wide
  let checker: LayerGradientChecker
  let layer: any Layer<T>
  var reference: any Layer<W>
  let input: Tensor<T>
  let name: String
  let label: String
  let tolerance = T.tolerance
  var results: [EntryResult] = []
  var summaries: [TensorSummary] = []
  var problems: [String] = []

  init(
    checker: LayerGradientChecker, layer: any Layer<T>, reference: any Layer<W>,
    input: Tensor<T>, name: String
  ) {
    self.checker = checker
    self.layer = layer
    self.reference = reference
    self.input = input
    self.name = name
    self.label = "\(name) [\(T.scalarName)]"
  }

  var fresh: RandomSource { RandomSource(seed: checker.seed &+ 2) }

  mutating func execute() {
    do throws(LayerError) {
      try run()
    } catch {
      problems.append("\(label): the layer threw \(error)")
    }
  }

  mutating func run() throws(LayerError) {
    var random = fresh
    let base = try layer.forward(input, mode: .training, random: &random).output
    var outputRandom = RandomSource(seed: checker.seed &+ 3)
    let weights: Tensor<T> = randomTensor(base.shape, &outputRandom)
    let original = layer.parameters
    let analytic = try analyticGradients(weights)
    if layer.isStochastic { try checkStochastic() }
    switch checker.mode {
    case .full: try checkFull(analytic: analytic, weights: weights)
    case .directional(let count): try checkDirections(Swift.max(count, 2))
    }
    let after = layer.parameters
    for (k, tensor) in original.tensors.enumerated() {
      if let entry = firstBitDifference(tensor, after.tensors[k]) {
        problems.append(
          "\(label): parameter \(original.names[k])[\(entry)] was not restored bit-exactly")
      }
    }
  }

  /// The backward pass for output gradient `weights`, run twice; both runs must agree bit for
  /// bit, and the shapes must match the input and parameters.
  mutating func analyticGradients(_ weights: Tensor<T>) throws(LayerError) -> LayerGradients<T> {
    var runs: [LayerGradients<T>] = []
    for _ in 0..<2 {
      var random = fresh
      let (_, cache) = try layer.forward(input, mode: .training, random: &random)
      runs.append(try openedBackward(layer, weights, cache: cache))
    }
    let (first, second) = (runs[0], runs[1])
    let parameters = layer.parameters
    if first.input.shape != input.shape {
      problems.append(
        "\(label): the input gradient has shape \(first.input.shape), the input \(input.shape)")
    }
    if first.parameters.names != parameters.names
      || zip(first.parameters.tensors, parameters.tensors).contains(where: { $0.shape != $1.shape })
    {
      problems.append(
        "\(label): the parameter gradients \(first.parameters.names) do not match the parameters "
          + "\(parameters.names) in names and shapes")
    }
    let pairs =
      [("input", first.input, second.input)]
      + zip(first.parameters.names, zip(first.parameters.tensors, second.parameters.tensors)).map {
        ($0, $1.0, $1.1)
      }
    for (tensor, a, b) in pairs {
      if let entry = firstBitDifference(a, b) {
        problems.append(
          "\(label): the backward pass is not deterministic: two runs give \(tensor)[\(entry)] = "
            + "\(a.scalars.indices.contains(entry) ? "\(a.scalars[entry])" : "?") and "
            + "\(b.scalars.indices.contains(entry) ? "\(b.scalars[entry])" : "?")")
      }
    }
    return first
  }

  /// `⟨weights, reference(x)⟩` in the wide type, re-seeding first (unless told not to).
  func objective(
    _ layer: any Layer<W>, _ x: Tensor<W>, _ weights: Tensor<W>, _ random: inout RandomSource
  ) throws(LayerError) -> W {
    if checker.reseeds { random = fresh }
    let y = try layer.forward(x, mode: .training, random: &random).output
    guard y.shape == weights.shape else {
      throw .shapeMismatch(
        layer: "\(name) (reference output)", expected: weights.shape, actual: y.shape)
    }
    var sum: W = 0
    for k in y.scalars.indices { sum += weights.scalars[k] * y.scalars[k] }
    return sum
  }

  /// ∛ε · max(|value|, 1): balances the O(h²) truncation and O(ε/h) rounding errors.
  static func step(_ value: W) -> W { cubeRootEpsilon * Swift.max(Swift.abs(value), 1) }

  static var cubeRootEpsilon: W { W(cbrt(Double(W.ulpOfOne))) }

  mutating func checkFull(analytic: LayerGradients<T>, weights: Tensor<T>) throws(LayerError) {
    let wideWeights = converted(weights, to: W.self)
    var random = fresh
    var sampling = RandomSource(seed: checker.seed &+ 4)
    // The input.
    var x = converted(input, to: W.self)
    let inputEntries = entriesToCheck(
      count: x.count, limit: checker.entryLimit, random: &sampling)
    var inputResults: [EntryResult] = []
    for e in inputEntries {
      let v = x.scalars[e]
      let h = Self.step(v)
      x.scalars[e] = v + h
      let plus = try objective(reference, x, wideWeights, &random)
      x.scalars[e] = v - h
      let minus = try objective(reference, x, wideWeights, &random)
      let width = (v + h) - (v - h)
      x.scalars[e] = v
      inputResults.append(
        compare("input", e, analytic.input.scalars[e], (plus - minus) / width))
    }
    summarize("input", count: x.count, inputResults)
    // Every parameter tensor.
    var parameters = reference.parameters
    let pristine = parameters
    for t in parameters.tensors.indices {
      let tensorName = parameters.names[t]
      guard analytic.parameters.names.indices.contains(t),
        analytic.parameters.tensors[t].count == parameters.tensors[t].count
      else { continue }
      let entries = entriesToCheck(
        count: parameters.tensors[t].count, limit: checker.entryLimit, random: &sampling)
      var tensorResults: [EntryResult] = []
      for e in entries {
        let v = parameters.tensors[t].scalars[e]
        let h = Self.step(v)
        parameters.tensors[t].scalars[e] = v + h
        reference.parameters = parameters
        let plus = try objective(reference, x, wideWeights, &random)
        parameters.tensors[t].scalars[e] = v - h
        reference.parameters = parameters
        let minus = try objective(reference, x, wideWeights, &random)
        let width = (v + h) - (v - h)
        parameters.tensors[t].scalars[e] = v
        reference.parameters = parameters
        tensorResults.append(
          compare(tensorName, e, analytic.parameters.tensors[t].scalars[e], (plus - minus) / width))
      }
      summarize(tensorName, count: parameters.tensors[t].count, tensorResults)
    }
    let restored = reference.parameters
    for t in pristine.tensors.indices {
      if let entry = firstBitDifference(pristine.tensors[t], restored.tensors[t]) {
        problems.append(
          "\(label): the reference parameter \(pristine.names[t])[\(entry)] was not restored "
            + "bit-exactly after its perturbation")
      }
    }
  }

  /// Directional mode: for random unit `u` over the input and all parameters and random unit
  /// `v` over the output, compare `vᵀ J u = ⟨backward(v), u⟩` with the central difference of
  /// `⟨v, f(z + h u)⟩`.
  mutating func checkDirections(_ count: Int) throws(LayerError) {
    var directions = RandomSource(seed: checker.seed &+ 5)
    let parameters = reference.parameters
    let x = converted(input, to: W.self)
    var directionResults: [EntryResult] = []
    for d in 0..<count {
      var random = fresh
      let y = try layer.forward(input, mode: .training, random: &random).output
      var v: Tensor<T> = randomTensor(y.shape, &directions)
      normalize(&v.scalars)
      var uInput: Tensor<W> = randomTensor(x.shape, &directions)
      var uParameters = parameters.tensors.map { (tensor: Tensor<W>) -> Tensor<W> in
        randomTensor(tensor.shape, &directions)
      }
      var all = uInput.scalars + uParameters.flatMap(\.scalars)
      let norm = normalize(&all)
      for k in uInput.scalars.indices { uInput.scalars[k] = uInput.scalars[k] / norm }
      for t in uParameters.indices {
        for k in uParameters[t].scalars.indices {
          uParameters[t].scalars[k] = uParameters[t].scalars[k] / norm
        }
      }
      let gradients = try analyticGradients(v)
      var analytic: W = 0
      for k in x.scalars.indices { analytic += W(gradients.input.scalars[k]) * uInput.scalars[k] }
      for t in uParameters.indices where gradients.parameters.tensors.indices.contains(t) {
        let g = gradients.parameters.tensors[t]
        guard g.count == uParameters[t].count else { continue }
        for k in g.scalars.indices { analytic += W(g.scalars[k]) * uParameters[t].scalars[k] }
      }
      let h = Self.cubeRootEpsilon
      let wideV = converted(v, to: W.self)
      var values: [W] = []
      for sign in [W(1), W(-1)] {
        var xs = x
        for k in xs.scalars.indices { xs.scalars[k] += sign * h * uInput.scalars[k] }
        var moved = parameters
        for t in moved.tensors.indices {
          for k in moved.tensors[t].scalars.indices {
            moved.tensors[t].scalars[k] += sign * h * uParameters[t].scalars[k]
          }
        }
        reference.parameters = moved
        values.append(try objective(reference, xs, wideV, &random))
      }
      reference.parameters = parameters
      directionResults.append(
        compare("direction", d, T(analytic), (values[0] - values[1]) / (2 * h)))
    }
    summarize("direction", count: count, directionResults)
  }

  @discardableResult
  func normalize<S: LayerScalar & BinaryFloatingPoint>(_ values: inout [S]) -> S {
    var sum: S = 0
    for value in values { sum += value * value }
    let norm = sum.squareRoot()
    if norm > 0 { for k in values.indices { values[k] /= norm } }
    return norm
  }

  mutating func compare(_ tensor: String, _ index: Int, _ analytic: T, _ numeric: W) -> EntryResult
  {
    let a = Double(analytic)
    let n = Double(numeric)
    let error = tolerance.error(a, n)
    let result = EntryResult(tensor: tensor, index: index, analytic: a, numeric: n, error: error)
    results.append(result)
    return result
  }

  mutating func summarize(_ tensor: String, count: Int, _ entries: [EntryResult]) {
    summaries.append(
      TensorSummary(
        name: tensor, count: count, checkedEntries: entries.map(\.index),
        maxRelativeError: entries.map(\.error).max() ?? 0,
        difference: normRatioDifference(entries.map(\.analytic), entries.map(\.numeric))))
    let failing = entries.filter { !($0.error <= tolerance.relative) }
    if let worst = failing.max(by: { $0.error < $1.error }) {
      problems.append(
        "\(label): gradient wrong at \(tensor)[\(worst.index)]: analytic \(layerFormat(worst.analytic)), "
          + "numeric \(layerFormat(worst.numeric)), relative error \(layerFormat(worst.error)) > tolerance "
          + "\(layerFormat(tolerance.relative)) (\(failing.count) of \(entries.count) entries of "
          + "\(tensor) fail)")
    }
  }

  /// Stochastic layers: same seed, same output; another seed, another output; and for masking
  /// layers the kept fraction and the mean within 5σ, and the identity in inference mode.
  mutating func checkStochastic() throws(LayerError) {
    var a = fresh
    var b = fresh
    var c = RandomSource(seed: checker.seed &+ 99)
    let first = try layer.forward(input, mode: .training, random: &a).output
    let again = try layer.forward(input, mode: .training, random: &b).output
    let other = try layer.forward(input, mode: .training, random: &c).output
    if let entry = firstBitDifference(first, again) {
      problems.append(
        "\(label): the same seed gave different outputs at entry \(entry); the layer draws from "
          + "something other than its random source")
    }
    guard let masking = layer as? any MaskingLayer else { return }
    let keep = masking.keepProbability
    if keep < 1 && firstBitDifference(first, other) == nil {
      problems.append("\(label): two different seeds gave the same output; the mask is not random")
    }
    let n = 20_000
    let ones = Tensor<T>(shape: [n], repeating: 1)
    var random = fresh
    let dropped = try layer.forward(ones, mode: .training, random: &random).output
    let kept = dropped.scalars.filter { $0 != 0 }.count
    let sigma = (keep * (1 - keep) / Double(n)).squareRoot()
    let fraction = Double(kept) / Double(n)
    if Swift.abs(fraction - keep) > 5 * sigma + 1e-12 {
      problems.append(
        "\(label): kept fraction \(fraction) of \(n) elements is more than 5σ = \(5 * sigma) from "
          + "the keep probability \(keep)")
    }
    var sum = 0.0
    for value in dropped.scalars { sum += Double(value) }
    let mean = sum / Double(n)
    let meanSigma = ((1 - keep) / (keep * Double(n))).squareRoot()
    if Swift.abs(mean - 1) > 5 * meanSigma + 1e-6 {
      problems.append(
        "\(label): the mean output for an input of ones is \(mean), more than 5σ = "
          + "\(5 * meanSigma) from 1: the expected value is not preserved (missing 1/keep scaling?)"
      )
    }
    var inference = fresh
    let identity = try layer.forward(input, mode: .inference, random: &inference).output
    if let entry = firstBitDifference(identity, input) {
      problems.append("\(label): inference mode is not the identity (entry \(entry) differs)")
    }
  }

  func report() -> LayerCheckReport {
    var problems = problems
    if results.isEmpty && problems.isEmpty {
      problems.append("\(label): no entry could be checked; the check proves nothing")
    }
    let nonFinite = results.filter { !$0.analytic.isFinite || !$0.numeric.isFinite }
    if let first = nonFinite.first {
      problems.append(
        "\(label): non-finite gradient at \(first.tensor)[\(first.index)]: analytic "
          + "\(first.analytic), numeric \(first.numeric) (\(nonFinite.count) entries)")
    }
    return LayerCheckReport(
      component: name, scalar: T.scalarName, mode: checker.mode.description, points: results.count,
      maxRelativeError: results.map(\.error).max() ?? 0, tolerance: tolerance, tensors: summaries,
      worst: Array(results.sorted { $0.error > $1.error }.prefix(5)), problems: problems)
  }
}
