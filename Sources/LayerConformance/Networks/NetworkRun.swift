import LayerCore

/// The state of one whole-network check in scalar type `T`.
struct NetworkRun<T: NetworkCheckScalar> {
  let layers: [any Layer<T>]
  let loss: any Loss
  let input: Tensor<T>
  let target: Tensor<T>
  let checker: NetworkChecker
  let strategy: Strategy.Resolved
  /// `network [Double]`, the prefix of every message.
  let label = "network [\(T.scalarName)]"
  var results: [EntryResult] = []
  var summaries: [TensorSummary] = []
  var problems: [Problem] = []
  var kinkEntries: [KinkEntry] = []

  init(
    layers: [any Layer<T>], loss: any Loss, input: Tensor<T>, target: Tensor<T>,
    checker: NetworkChecker, strategy: Strategy.Resolved
  ) {
    self.layers = layers
    self.loss = loss
    self.input = input
    self.target = target
    self.checker = checker
    self.strategy = strategy
  }

  /// Runs the check, turning a thrown error into a problem. A loss that is not a function of
  /// the parameters (``FunctionProbe``) ends it before any gradient is compared.
  mutating func execute() {
    do throws(LayerError) {
      let trace = try NetworkTrace(
        layers: layers, input: input, mode: checker.layerMode, seed: checker.options.seed,
        fast: checker.useFastPath)
      var traced = true
      let probe = try FunctionProbe.problem(label: label, objective: "the loss", calls: 2) {
        () throws(LayerError) -> T in
        let outputs =
          traced
          ? trace.outputs
          : try NetworkTrace(
            layers: layers, input: input, mode: checker.layerMode, seed: checker.options.seed,
            fast: false
          ).outputs
        traced = false
        return try loss.value(outputs.last ?? input, target: target)
      }
      if let probe {
        problems.append(probe)
        return
      }
      let analytic = try analyticGradients(trace)
      switch strategy {
      case .full(let limit): try checkEveryEntry(trace, analytic, limit: limit)
      case .directional(let count): try checkDirections(trace, analytic, count: Swift.max(count, 2))
      }
    } catch {
      problems.append(Problem(.threw, tensor: nil, "\(label): a layer or the loss threw \(error)"))
    }
  }

  /// The back-propagated gradients, computed twice: both runs must agree bit for bit.
  @_specialize(where T == Double)
  @_specialize(where T == Float)
  mutating func analyticGradients(_ trace: NetworkTrace<T>) throws(LayerError)
    -> [ParameterSet<T>]
  {
    let analytic = try trace.gradients(loss: loss, target: target)
    let again = try trace.gradients(loss: loss, target: target)
    for (k, set) in analytic.enumerated() {
      for (t, tensor) in set.tensors.enumerated() {
        guard let entry = firstBitDifference(tensor, again[k].tensors[t]) else { continue }
        let name = "\(k).\(set.names[t])"
        problems.append(
          Problem(
            .nondeterministic, tensor: name, entry: entry,
            "\(label): the backward pass is not deterministic at \(name)[\(entry)]"))
      }
    }
    return analytic
  }

  func report() -> NetworkReport {
    var problems = problems
    let difference = normRatioDifference(results.map(\.analytic), results.map(\.numeric))
    if results.isEmpty && problems.isEmpty {
      problems.append(
        Problem(
          .nothingChecked, tensor: nil,
          "\(label): no parameter entry was checked; the check proves nothing"))
    }
    let worst = largestDeviations(results, count: 5)
    if !(difference <= T.networkThreshold) {
      let first = worst.first
      problems.append(
        Problem(
          .gradientMismatch, tensor: first?.tensor, entry: first?.index,
          "\(label): difference \(format(difference)) > threshold "
            + "\(format(T.networkThreshold))"
            + (first.map {
              "; worst entry \($0.tensor)[\($0.index)]: analytic \(format($0.analytic)), numeric "
                + "\(format($0.numeric)), relative error \(format($0.error))"
            } ?? "")))
    }
    return NetworkReport(
      scalar: T.scalarName, strategy: "\(strategy)", difference: difference,
      threshold: T.networkThreshold, points: results.count, tensors: summaries, worst: worst,
      problems: problems, kinkEntries: kinkEntries)
  }
}

/// The `count` results with the largest `|analytic − numeric|`, largest first, without sorting
/// them all.
func largestDeviations(_ results: [EntryResult], count: Int) -> [EntryResult] {
  var top: [EntryResult] = []
  func deviation(_ r: EntryResult) -> Double { Swift.abs(r.analytic - r.numeric) }
  for result in results {
    let d = deviation(result)
    if top.count == count, let last = top.last, !(d > deviation(last)) { continue }
    let index = top.firstIndex { !(deviation($0) >= d) } ?? top.count
    top.insert(result, at: index)
    if top.count > count { top.removeLast() }
  }
  return top
}
