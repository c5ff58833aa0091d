import LayerCore

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
/// ```swift
/// let report = NetworkChecker().check(
///   layers: [dense1, ActivationLayer(Tanh(), of: Double.self), dense2],
///   loss: BinaryCrossEntropy(), input: x, target: y)
/// ```
///
/// The numeric side is computed in the network's own scalar type, and fast: only the layers
/// from the perturbed one on run again, a layer that conforms to ``/LayerCore/PerturbationShortcut``
/// updates its cached output instead of running, and perturbed outputs are stacked along the
/// batch through a rowwise, deterministic tail. See <doc:HowTheCheckWorks>.
public struct NetworkChecker: Sendable {
  /// The strategy (every entry by default) and the seed of the forward passes.
  public var options: CheckOptions
  /// Training (dropout active, masks fixed by the seed) or inference.
  public var layerMode: LayerMode
  /// Whether to use cached prefixes, shortcuts and stacking; off, every evaluation reruns the
  /// whole network.
  public var useFastPath: Bool

  /// A checker with the given settings.
  public init(
    options: CheckOptions = CheckOptions(strategy: .everyEntry), layerMode: LayerMode = .training,
    useFastPath: Bool = true
  ) {
    self.options = options
    self.layerMode = layerMode
    self.useFastPath = useFastPath
  }

  /// A checker with the given strategy and seed.
  public init(strategy: Strategy, seed: UInt64 = CheckOptions.defaultSeed) {
    self.init(options: CheckOptions(strategy: strategy, seed: seed))
  }

  /// Checks `layers` (applied in order) followed by `loss` against `target`, at `input`.
  public func check<T: NetworkCheckScalar>(
    layers: [any Layer<T>], loss: any Loss, input: Tensor<T>, target: Tensor<T>
  ) -> NetworkReport {
    let entries = layers.reduce(0) { $0 + $1.parameters.scalarCount }
    let strategy = options.strategy.resolved(forEntries: entries)
    var run = NetworkRun(
      layers: layers, loss: loss, input: input, target: target, checker: self, strategy: strategy)
    if let reason = options.strategy.unusableReason {
      run.problems.append(Problem(.invalidArgument, tensor: nil, "\(run.label): \(reason)"))
    } else if layers.isEmpty {
      run.problems.append(
        Problem(
          .invalidArgument, tensor: nil,
          "\(run.label): the list of layers is empty; there is no parameter to check"))
    } else {
      run.execute()
    }
    return run.report()
  }

  /// The central differences of the loss for every entry of every parameter tensor, with the
  /// names and shapes of each layer's parameters, by the kit's one step rule. With
  /// ``useFastPath`` off every evaluation reruns the whole network; on, only what a
  /// perturbation changes is recomputed (the same values up to the rounding of cached sums).
  ///
  /// - Throws: The first `LayerError` a layer or the loss throws.
  public func numericGradients<T: NetworkCheckScalar>(
    layers: [any Layer<T>], loss: any Loss, input: Tensor<T>, target: Tensor<T>
  ) throws(LayerError) -> [ParameterSet<T>] {
    let trace = try NetworkTrace(
      layers: layers, input: input, mode: layerMode, seed: options.seed, fast: useFastPath)
    var result: [ParameterSet<T>] = []
    for k in layers.indices {
      var set = layers[k].parameters
      for t in set.tensors.indices {
        set.tensors[t].scalars = try trace.centralDifferences(
          layer: k, tensor: t, entries: Array(set.tensors[t].scalars.indices), loss: loss,
          target: target)
      }
      result.append(set)
    }
    return result
  }
}
