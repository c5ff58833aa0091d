import LayerCore

extension NetworkRun {
  /// Directional strategy: for `count` random unit directions `u` over all parameters,
  /// compares `⟨∇L, u⟩` with the derivative of `t ↦ L(θ + t·u)` at 0. Two full forward passes
  /// per direction, however many parameters.
  @_specialize(where T == Double)
  @_specialize(where T == Float)
  mutating func checkDirections(
    _ trace: NetworkTrace<T>, _ analytic: [ParameterSet<T>], count: Int
  ) throws(LayerError) {
    var random = RandomSource(seed: checker.options.seed &+ 11)
    let theta = layers.flatMap { $0.parameters.tensors }
    let gradients = analytic.flatMap { $0.tensors }
    var entries: [EntryResult] = []
    let watch = KinkWatch(trace)
    // A direction along which kinks lie within reach on both sides is replaced by another
    // (at most 3·count more draws).
    for d in 0..<(4 * count) where entries.count < count {
      let u = Direction<T>(shapes: theta.map(\.shape), random: &random)
      let analytic = u.dot(gradients)
      // A direction with kinks within reach on both sides is recorded, never compared.
      guard
        let numeric = try directionalDerivative(
          trace, watch, u, theta, analytic: analytic, index: d)
      else { continue }
      entries.append(
        EntryResult("direction", d, analytic: analytic, numeric: numeric, tolerance: T.tolerance))
    }
    summaries.append(TensorSummary(name: "direction", count: count, entries: entries))
    results += entries
  }

  /// The loss with every layer's parameters replaced, in order, from `parameters`.
  @_specialize(where T == Double)
  @_specialize(where T == Float)
  func lossAt(_ parameters: [Tensor<T>]) throws(LayerError) -> T {
    var remaining = parameters[...]
    var random = RandomSource(seed: checker.options.seed)
    var x = input
    for var layer in layers {
      var set = layer.parameters
      if !set.tensors.isEmpty {
        set.tensors = Array(remaining.prefix(set.count))
        remaining = remaining.dropFirst(set.count)
        layer.parameters = set
      }
      x = try layer.forward(x, mode: checker.layerMode, random: &random).output
    }
    return try loss.value(x, target: target)
  }
}
