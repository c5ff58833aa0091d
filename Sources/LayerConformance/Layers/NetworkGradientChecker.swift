import Foundation
import LayerCore

/// The outcome of a whole-network gradient check.
public struct NetworkCheckReport: Sendable, Hashable, Codable {
  /// The scalar type, e.g. `"Double"`.
  public var scalar: String
  /// `‖a − n‖ / (‖a‖ + ‖n‖)` over all checked parameter entries.
  public var difference: Double
  /// The largest difference that passes.
  public var threshold: Double
  /// The number of parameter entries compared.
  public var points: Int
  /// One summary per parameter tensor, named `"<layer index>.<name>"`.
  public var tensors: [TensorSummary]
  /// The entries with the largest `|a − n|`.
  public var worst: [EntryResult]
  /// Everything that went wrong; empty when the check passed.
  public var problems: [String]

  /// Whether something was compared, the difference is within the threshold and nothing else
  /// went wrong.
  public var passed: Bool { problems.isEmpty && points > 0 && difference <= threshold }

  /// A report with every field given.
  public init(
    scalar: String, difference: Double, threshold: Double, points: Int, tensors: [TensorSummary],
    worst: [EntryResult], problems: [String]
  ) {
    self.scalar = scalar
    self.difference = difference
    self.threshold = threshold
    self.points = points
    self.tensors = tensors
    self.worst = worst
    self.problems = problems
  }
}

extension NetworkCheckReport: CustomStringConvertible {
  /// A verdict line, the problems, the per-tensor breakdown and the worst entries.
  public var description: String {
    var lines = [
      "network [\(scalar)]: \(passed ? "passed" : "FAILED"): difference \(layerFormat(difference)) "
        + "(threshold \(layerFormat(threshold))) over \(points) parameter entries"
    ]
    for problem in problems { lines.append("  - \(problem)") }
    for tensor in tensors {
      lines.append(
        "    \(tensor.name): \(tensor.checkedEntries.count)/\(tensor.count) entries, difference "
          + "\(layerFormat(tensor.difference)), worst error \(layerFormat(tensor.maxRelativeError))"
      )
    }
    for entry in worst {
      lines.append(
        "    worst: \(entry.tensor)[\(entry.index)] analytic \(layerFormat(entry.analytic)), "
          + "numeric \(layerFormat(entry.numeric)), |a - n| \(layerFormat(Swift.abs(entry.analytic - entry.numeric)))"
      )
    }
    return lines.joined(separator: "\n")
  }
}

/// The scalar types a whole-network check runs in, with their pass threshold.
public protocol NetworkCheckScalar: CheckableScalar {
  /// The largest `‖a − n‖ / (‖a‖ + ‖n‖)` that passes: `Double` 1e-7 (the seeds' threshold);
  /// `Float` 1e-3 (its central differences carry about ε/∛ε ≈ 2.4e-5 of rounding noise).
  static var networkThreshold: Double { get }
}

extension Double: NetworkCheckScalar {
  /// 1e-7.
  public static var networkThreshold: Double { 1e-7 }
}

extension Float: NetworkCheckScalar {
  /// 1e-3.
  public static var networkThreshold: Double { 1e-3 }
}

/// Checks the gradient of a whole network (layers followed by a loss) with respect to every
/// parameter, the way the seeds do: perturb one parameter entry at a time, evaluate the loss at
/// θ + h and θ − h, and compare with back-propagation by `‖a − n‖ / (‖a‖ + ‖n‖)`.
///
/// The numeric side is computed in the network's own scalar type, but fast: the activations
/// before the perturbed layer are cached (they do not change), and a layer that offers
/// ``Layer/output(settingParameter:entry:to:output:cache:)`` (``Dense`` does) updates its
/// cached output instead of recomputing it; only the layers after it run again. The random
/// source is restored to its state at each layer, so dropout masks match the analytic pass.
/// When every later layer is rowwise and deterministic (``Layer/isRowwise``), the perturbed
/// outputs of a chunk of entries (``Layer/outputs(settingParameter:entries:to:output:cache:)``)
/// are stacked along the batch dimension and pushed through the later layers in one pass, then
/// split for the loss; each row is computed by the same arithmetic as alone. With
/// ``useFastPath`` off every evaluation reruns the whole network.
public struct NetworkGradientChecker: Sendable {
  /// The seed of the forward passes.
  public var seed: UInt64
  /// Whether to use cached prefixes and layer shortcuts.
  public var useFastPath: Bool
  /// The step is `stepScale · max(|θ|, 1)`; `nil` means ∛ε of the scalar type.
  public var stepScale: Double?
  /// The most entries checked per parameter tensor; `nil` checks all.
  public var entryLimit: Int?
  /// Training (dropout active, masks fixed by the seed) or inference.
  public var mode: LayerMode

  /// A checker with the given settings.
  public init(
    seed: UInt64 = 0x5EED, useFastPath: Bool = true, stepScale: Double? = nil,
    entryLimit: Int? = nil, mode: LayerMode = .training
  ) {
    self.seed = seed
    self.useFastPath = useFastPath
    self.stepScale = stepScale
    self.entryLimit = entryLimit
    self.mode = mode
  }

  /// Checks `layers` (applied in order) followed by `loss` against `target`, at `input`.
  @inlinable
  public func check<T: NetworkCheckScalar>(
    layers: [any Layer<T>], loss: any Loss, input: Tensor<T>, target: Tensor<T>
  ) -> NetworkCheckReport {
    var problems: [String] = []
    var results: [EntryResult] = []
    var summaries: [TensorSummary] = []
    do throws(LayerError) {
      let trace = try NetworkTrace(layers: layers, input: input, mode: mode, seed: seed)
      let analytic = try trace.gradients(loss: loss, target: target)
      let again = try trace.gradients(loss: loss, target: target)
      for (k, set) in analytic.enumerated() {
        for (t, tensor) in set.tensors.enumerated() {
          if let entry = firstBitDifference(tensor, again[k].tensors[t]) {
            problems.append(
              "network [\(T.scalarName)]: the backward pass is not deterministic at "
                + "\(k).\(set.names[t])[\(entry)]")
          }
        }
      }
      let scale = T(stepScale ?? cbrt(Double(T.ulpOfOne)))
      var sampling = RandomSource(seed: seed &+ 7)
      for k in layers.indices {
        let parameters = layers[k].parameters
        for t in parameters.tensors.indices {
          let name = "\(k).\(parameters.names[t])"
          let tensor = parameters.tensors[t]
          guard analytic[k].tensors.indices.contains(t),
            analytic[k].tensors[t].count == tensor.count
          else {
            problems.append(
              "network [\(T.scalarName)]: layer \(k) (\(layers[k].name)) returned no gradient of "
                + "the shape of \(parameters.names[t]) \(tensor.shape)")
            continue
          }
          let entries = entriesToCheck(count: tensor.count, limit: entryLimit, random: &sampling)
          let numeric = try trace.centralDifferences(
            layer: k, tensor: t, entries: entries, scale: scale, loss: loss, target: target,
            fast: useFastPath)
          var tensorResults: [EntryResult] = []
          tensorResults.reserveCapacity(entries.count)
          for (e, n) in zip(entries, numeric) {
            let a = Double(analytic[k].tensors[t].scalars[e])
            let n = Double(n)
            tensorResults.append(
              EntryResult(
                tensor: name, index: e, analytic: a, numeric: n, error: T.tolerance.error(a, n)))
          }
          summaries.append(
            TensorSummary(
              name: name, count: tensor.count, checkedEntries: entries,
              maxRelativeError: tensorResults.map(\.error).max() ?? 0,
              difference: normRatioDifference(
                tensorResults.map(\.analytic), tensorResults.map(\.numeric))))
          results += tensorResults
          if let restored = firstBitDifference(trace.layers[k].parameters.tensors[t], tensor) {
            problems.append(
              "network [\(T.scalarName)]: \(name)[\(restored)] was not restored bit-exactly")
          }
        }
      }
    } catch {
      problems.append("network [\(T.scalarName)]: a layer or the loss threw \(error)")
    }
    let difference = normRatioDifference(results.map(\.analytic), results.map(\.numeric))
    if results.isEmpty && problems.isEmpty {
      problems.append(
        "network [\(T.scalarName)]: no parameter entry was checked; the check proves nothing")
    }
    if !(difference <= T.networkThreshold) {
      let worst = results.max {
        Swift.abs($0.analytic - $0.numeric) < Swift.abs($1.analytic - $1.numeric)
      }
      problems.append(
        "network [\(T.scalarName)]: difference \(layerFormat(difference)) > threshold "
          + "\(layerFormat(T.networkThreshold))"
          + (worst.map {
            "; worst entry \($0.tensor)[\($0.index)]: analytic \(layerFormat($0.analytic)), numeric "
              + "\(layerFormat($0.numeric)), relative error \(layerFormat($0.error))"
          } ?? ""))
    }
    let worst = largestDeviations(results, count: 5)
    return NetworkCheckReport(
      scalar: T.scalarName, difference: difference, threshold: T.networkThreshold,
      points: results.count, tensors: summaries, worst: Array(worst), problems: problems)
  }

  /// The two-sided central differences `(L(θ + h e) − L(θ − h e)) / 2h` of the loss for every
  /// entry of every parameter tensor, with the names and shapes of each layer's parameters;
  /// `h = stepScale · max(|θ|, 1)` as in ``check(layers:loss:input:target:)``. With
  /// ``useFastPath`` off every one of the `2 · parameters` evaluations reruns the whole
  /// network; on, it recomputes only what a perturbation changes (same values up to the
  /// rounding of the cached sums).
  ///
  /// - Throws: The first ``LayerError`` a layer or the loss throws.
  @inlinable
  public func numericGradients<T: NetworkCheckScalar>(
    layers: [any Layer<T>], loss: any Loss, input: Tensor<T>, target: Tensor<T>
  ) throws(LayerError) -> [ParameterSet<T>] {
    let trace = try NetworkTrace(layers: layers, input: input, mode: mode, seed: seed)
    let scale = T(stepScale ?? cbrt(Double(T.ulpOfOne)))
    var result: [ParameterSet<T>] = []
    for k in layers.indices {
      var set = layers[k].parameters
      for t in set.tensors.indices {
        set.tensors[t].scalars = try trace.centralDifferences(
          layer: k, tensor: t, entries: Array(set.tensors[t].scalars.indices), scale: scale,
          loss: loss, target: target, fast: useFastPath)
      }
      result.append(set)
    }
    return result
  }

  /// Directional mode for a whole network: for `count` (at least 2) random unit directions `u`
  /// over all parameters, compares `⟨∇L, u⟩` with `(L(θ + h u) − L(θ − h u)) / 2h`. Two full
  /// forward passes per direction, however many parameters.
  @inlinable
  public func checkDirections<T: NetworkCheckScalar>(
    layers: [any Layer<T>], loss: any Loss, input: Tensor<T>, target: Tensor<T>, count: Int = 2
  ) -> NetworkCheckReport {
    var problems: [String] = []
    var results: [EntryResult] = []
    do throws(LayerError) {
      let trace = try NetworkTrace(layers: layers, input: input, mode: mode, seed: seed)
      let analytic = try trace.gradients(loss: loss, target: target)
      var random = RandomSource(seed: seed &+ 11)
      let h = T(stepScale ?? cbrt(Double(T.ulpOfOne)))
      for d in 0..<Swift.max(count, 2) {
        var direction: [[Tensor<T>]] = layers.map { layer in
          layer.parameters.tensors.map { randomTensor($0.shape, &random) }
        }
        var sum: T = 0
        for set in direction { for tensor in set { for x in tensor.scalars { sum += x * x } } }
        let norm = sum.squareRoot()
        var dot: T = 0
        for k in direction.indices {
          for t in direction[k].indices {
            for e in direction[k][t].scalars.indices {
              direction[k][t].scalars[e] /= norm
              dot += direction[k][t].scalars[e] * analytic[k].tensors[t].scalars[e]
            }
          }
        }
        var values: [T] = []
        for sign in [T(1), T(-1)] {
          var moved = layers
          for k in moved.indices where !direction[k].isEmpty {
            var set = moved[k].parameters
            for t in set.tensors.indices {
              for e in set.tensors[t].scalars.indices {
                set.tensors[t].scalars[e] += sign * h * direction[k][t].scalars[e]
              }
            }
            moved[k].parameters = set
          }
          var r = RandomSource(seed: seed)
          var x = input
          for layer in moved { x = try layer.forward(x, mode: mode, random: &r).output }
          values.append(try loss.value(x, target: target))
        }
        let numeric = Double((values[0] - values[1]) / (2 * h))
        results.append(
          EntryResult(
            tensor: "direction", index: d, analytic: Double(dot), numeric: numeric,
            error: T.tolerance.error(Double(dot), numeric)))
      }
    } catch {
      problems.append("network [\(T.scalarName)]: a layer or the loss threw \(error)")
    }
    let difference = normRatioDifference(results.map(\.analytic), results.map(\.numeric))
    if !(difference <= T.networkThreshold) {
      problems.append(
        "network [\(T.scalarName)]: directional difference \(layerFormat(difference)) > threshold "
          + "\(layerFormat(T.networkThreshold))")
    }
    if results.isEmpty && problems.isEmpty { problems.append("network: no direction checked") }
    return NetworkCheckReport(
      scalar: T.scalarName, difference: difference, threshold: T.networkThreshold,
      points: results.count,
      tensors: [
        TensorSummary(
          name: "direction", count: results.count, checkedEntries: Array(results.indices),
          maxRelativeError: results.map(\.error).max() ?? 0, difference: difference)
      ], worst: results, problems: problems)
  }
}

/// One forward pass through a network, with everything needed to re-evaluate the loss after
/// changing a single parameter entry: each layer's input, output and cache, and the random
/// source's state before each layer.
@usableFromInline
struct NetworkTrace<T: LayerScalar> {
  @usableFromInline let layers: [any Layer<T>]
  @usableFromInline let mode: LayerMode
  @usableFromInline var inputs: [Tensor<T>] = []
  @usableFromInline var outputs: [Tensor<T>] = []
  @usableFromInline var caches: [any Sendable] = []
  @usableFromInline var states: [RandomSource] = []

  @inlinable
  init(layers: [any Layer<T>], input: Tensor<T>, mode: LayerMode, seed: UInt64) throws(LayerError) {
    self.layers = layers
    self.mode = mode
    var random = RandomSource(seed: seed)
    var x = input
    for layer in layers {
      states.append(random)
      inputs.append(x)
      let (y, cache) = try layer.forward(x, mode: mode, random: &random)
      outputs.append(y)
      caches.append(cache)
      x = y
    }
    states.append(random)
  }

  /// The parameter gradients of every layer, by back-propagating the loss gradient.
  @inlinable
  func gradients(loss: any Loss, target: Tensor<T>) throws(LayerError) -> [ParameterSet<T>] {
    var g = try loss.gradient(outputs.last ?? inputs[0], target: target)
    var result = [ParameterSet<T>](repeating: ParameterSet(), count: layers.count)
    for k in layers.indices.reversed() {
      let gradients = try openedBackward(layers[k], g, cache: caches[k])
      result[k] = gradients.parameters
      g = gradients.input
    }
    return result
  }

  /// `(L(θ + h) − L(θ − h)) / ((θ + h) − (θ − h))` with `h = scale · max(|θ|, 1)` for each of
  /// `entries` of tensor `tensor` of layer `k`.
  @inlinable
  func centralDifferences(
    layer k: Int, tensor t: Int, entries: [Int], scale: T, loss: any Loss, target: Tensor<T>,
    fast: Bool
  ) throws(LayerError) -> [T] {
    let tensor = layers[k].parameters.tensors[t]
    var perturbed: [Int] = []
    var values: [T] = []
    perturbed.reserveCapacity(2 * entries.count)
    values.reserveCapacity(2 * entries.count)
    for e in entries {
      let v = tensor.scalars[e]
      let h = scale * Swift.max(T.abs(v), 1)
      perturbed += [e, e]
      values += [v + h, v - h]
    }
    let losses = try self.losses(
      setting: k, tensor: t, entries: perturbed, to: values, loss: loss, target: target,
      fast: fast)
    var result: [T] = []
    result.reserveCapacity(entries.count)
    for p in entries.indices {
      result.append((losses[2 * p] - losses[2 * p + 1]) / (values[2 * p] - values[2 * p + 1]))
    }
    return result
  }

  /// Whether the perturbed outputs of layer `k` can go through the rest of the network in one
  /// stacked pass: every later layer is rowwise and deterministic.
  @inlinable
  func canStack(after k: Int) -> Bool {
    layers[(k + 1)...].allSatisfy { $0.isRowwise && !$0.isStochastic }
  }

  /// The loss for each pair `entries[p]`, `values[p]` (entry of tensor `tensor` of layer `k`
  /// set to the value). On the fast path, when layer `k` has a shortcut and the later layers
  /// are rowwise and deterministic, chunks of perturbed outputs are stacked along the batch
  /// dimension, pushed through the later layers in one pass and split again for the loss;
  /// each row is computed by the same arithmetic as alone, so the losses are the same bits.
  @inlinable
  func losses(
    setting k: Int, tensor: Int, entries: [Int], to values: [T], loss: any Loss,
    target: Tensor<T>, fast: Bool
  ) throws(LayerError) -> [T] {
    var result: [T] = []
    result.reserveCapacity(values.count)
    let stack = fast && canStack(after: k)
    let chunk = Swift.max(1, 8192 / Swift.max(outputs[k].count, 1))
    var start = 0
    while start < values.count {
      let end = Swift.min(start + chunk, values.count)
      if stack,
        let stacked = try stackedLosses(
          setting: k, tensor: tensor, entries: Array(entries[start..<end]),
          to: Array(values[start..<end]), loss: loss, target: target)
      {
        result += stacked
      } else {
        for p in start..<end {
          result.append(
            try self.loss(
              setting: k, tensor: tensor, entry: entries[p], to: values[p], loss: loss,
              target: target, fast: fast))
        }
      }
      start = end
    }
    return result
  }

  /// The stacked pass of ``losses(setting:tensor:entries:to:loss:target:fast:)``; `nil` when
  /// layer `k` has no stacked shortcut or a later layer does not keep the stacking.
  @inlinable
  func stackedLosses(
    setting k: Int, tensor: Int, entries: [Int], to values: [T], loss: any Loss,
    target: Tensor<T>
  ) throws(LayerError) -> [T]? {
    guard
      var x = openedStackedShortcut(
        layers[k], tensor: tensor, entries: entries, values: values, output: outputs[k],
        cache: caches[k])
    else { return nil }
    var random = states[k + 1]
    for j in (k + 1)..<layers.count {
      x = try layers[j].forward(x, mode: mode, random: &random).output
    }
    guard let last = outputs.last, last.rank >= 1 else { return nil }
    var stackedShape = last.shape
    stackedShape[0] *= values.count
    guard x.shape == stackedShape else { return nil }
    let size = last.count
    var result: [T] = []
    result.reserveCapacity(values.count)
    for p in 0..<values.count {
      let slice = try Tensor(
        shape: last.shape, scalars: Array(x.scalars[(p * size)..<((p + 1) * size)]))
      result.append(try loss.value(slice, target: target))
    }
    return result
  }

  /// The loss with entry `entry` of tensor `tensor` of layer `k` set to `value`.
  @inlinable
  func loss(
    setting k: Int, tensor: Int, entry: Int, to value: T, loss: any Loss, target: Tensor<T>,
    fast: Bool
  ) throws(LayerError) -> T {
    var x: Tensor<T>
    var random: RandomSource
    if fast,
      let shortcut = openedShortcut(
        layers[k], tensor: tensor, entry: entry, value: value, output: outputs[k], cache: caches[k])
    {
      x = shortcut
      random = states[k + 1]
    } else {
      var layer = layers[k]
      var set = layer.parameters
      set.tensors[tensor].scalars[entry] = value
      layer.parameters = set
      if fast {
        random = states[k]
        x = try layer.forward(inputs[k], mode: mode, random: &random).output
      } else {
        random = states[0]
        x = inputs[0]
        for j in 0..<k { x = try layers[j].forward(x, mode: mode, random: &random).output }
        x = try layer.forward(x, mode: mode, random: &random).output
      }
    }
    for j in (k + 1)..<layers.count {
      x = try layers[j].forward(x, mode: mode, random: &random).output
    }
    return try loss.value(x, target: target)
  }
}

/// Calls `layer.backward` with a type-erased cache, opening the layer's concrete type.
@inlinable
func openedBackward<L: Layer>(
  _ layer: L, _ gradient: Tensor<L.Scalar>, cache: any Sendable
) throws(LayerError) -> LayerGradients<L.Scalar> {
  guard let typed = cache as? L.Cache else {
    throw .invalidConfiguration(
      layer: layer.name, reason: "the cache has type \(type(of: cache)), expected \(L.Cache.self)")
  }
  return try layer.backward(gradient, cache: typed)
}

@inlinable
func openedShortcut<L: Layer>(
  _ layer: L, tensor: Int, entry: Int, value: L.Scalar, output: Tensor<L.Scalar>,
  cache: any Sendable
) -> Tensor<L.Scalar>? {
  guard let typed = cache as? L.Cache else { return nil }
  return layer.output(
    settingParameter: tensor, entry: entry, to: value, output: output, cache: typed)
}

@inlinable
func openedStackedShortcut<L: Layer>(
  _ layer: L, tensor: Int, entries: [Int], values: [L.Scalar], output: Tensor<L.Scalar>,
  cache: any Sendable
) -> Tensor<L.Scalar>? {
  guard let typed = cache as? L.Cache else { return nil }
  return layer.outputs(
    settingParameter: tensor, entries: entries, to: values, output: output, cache: typed)
}

/// The `count` results with the largest `|analytic − numeric|`, largest first, without sorting
/// them all.
@inlinable
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
