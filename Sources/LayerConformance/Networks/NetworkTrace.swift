import LayerCore

/// One forward pass through a network, with everything needed to re-evaluate the loss after
/// changing one parameter entry: each layer's input, output and cache, and the random source's
/// state before each layer (so that dropout draws the same masks again).
struct NetworkTrace<T: LayerScalar & BinaryFloatingPoint> {
  let layers: [any Layer<T>]
  let mode: LayerMode
  /// Whether to start re-evaluations at the perturbed layer, with its shortcut, stacking the
  /// perturbations where the tail allows; otherwise every evaluation reruns the network.
  let fast: Bool
  var inputs: [Tensor<T>] = []
  var outputs: [Tensor<T>] = []
  var caches: [any Sendable] = []
  var states: [RandomSource] = []

  init(
    layers: [any Layer<T>], input: Tensor<T>, mode: LayerMode, seed: UInt64, fast: Bool
  ) throws(LayerError) {
    self.layers = layers
    self.mode = mode
    self.fast = fast
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
  @_specialize(where T == Double)
  @_specialize(where T == Float)
  func gradients(loss: any Loss, target: Tensor<T>) throws(LayerError) -> [ParameterSet<T>] {
    var g = try loss.gradient(outputs.last ?? inputs[0], target: target)
    var result = [ParameterSet<T>](repeating: ParameterSet(), count: layers.count)
    for k in layers.indices.reversed() {
      let gradients = try layers[k].backward(g, erasedCache: caches[k])
      result[k] = gradients.parameters
      g = gradients.input
    }
    return result
  }

  /// The central differences of the loss for `entries` of tensor `t` of layer `k`, all
  /// perturbations evaluated together by ``losses(setting:tensor:entries:to:loss:target:)``.
  @_specialize(where T == Double)
  @_specialize(where T == Float)
  func centralDifferences(
    layer k: Int, tensor t: Int, entries: [Int], loss: any Loss, target: Tensor<T>
  ) throws(LayerError) -> [T] {
    let tensor = layers[k].parameters.tensors[t]
    var perturbed: [Int] = []
    perturbed.reserveCapacity(2 * entries.count)
    for e in entries { perturbed += [e, e] }
    return try FiniteDifference.central(at: entries.map { tensor.scalars[$0] }) {
      (values: [T]) throws(LayerError) -> [T] in
      try losses(setting: k, tensor: t, entries: perturbed, to: values, loss: loss, target: target)
    }
  }

  /// The loss for each pair `entries[p]`, `values[p]` (that entry of tensor `tensor` of layer
  /// `k` set to that value): stacked in chunks where ``stackedLosses`` can, one by one
  /// otherwise.
  @_specialize(where T == Double)
  @_specialize(where T == Float)
  func losses(
    setting k: Int, tensor: Int, entries: [Int], to values: [T], loss: any Loss,
    target: Tensor<T>
  ) throws(LayerError) -> [T] {
    var result: [T] = []
    result.reserveCapacity(values.count)
    // Looked up once per tensor, not once per entry.
    let shortcut = fast ? layers[k] as? any PerturbationShortcut<T> : nil
    let stack = shortcut != nil && canStack(after: k)
    // About 8192 output scalars per chunk, but at least 64 changes while that stays under
    // 65536 scalars: a recurrent shortcut reruns its recurrence once per chunk, as one matrix
    // product over every change of the chunk per step.
    let size = Swift.max(outputs[k].count, 1)
    let chunk = Swift.max(1, 8192 / size, Swift.min(64, 65536 / size))
    var start = 0
    while start < values.count {
      let end = Swift.min(start + chunk, values.count)
      if stack, let shortcut,
        let stacked = try stackedLosses(
          through: shortcut, setting: k, tensor: tensor, entries: Array(entries[start..<end]),
          to: Array(values[start..<end]), loss: loss, target: target)
      {
        result += stacked
      } else {
        for p in start..<end {
          result.append(
            try self.loss(
              setting: k, tensor: tensor, entry: entries[p], to: values[p], shortcut: shortcut,
              loss: loss, target: target))
        }
      }
      start = end
    }
    return result
  }

  /// The loss with entry `entry` of tensor `tensor` of layer `k` set to `value`, through
  /// `shortcut` (layer `k` itself) when it has one for that tensor.
  @_specialize(where T == Double)
  @_specialize(where T == Float)
  func loss(
    setting k: Int, tensor: Int, entry: Int, to value: T, shortcut: (any PerturbationShortcut<T>)?,
    loss: any Loss, target: Tensor<T>
  ) throws(LayerError) -> T {
    var x: Tensor<T>
    var random: RandomSource
    if let moved = shortcut?.output(
      settingParameter: tensor, entry: entry, to: value, output: outputs[k],
      erasedCache: caches[k])
    {
      x = moved
      random = states[k + 1]
    } else {
      var layer = layers[k]
      var set = layer.parameters
      set.tensors[tensor].scalars[entry] = value
      layer.parameters = set
      random = fast ? states[k] : states[0]
      x = fast ? inputs[k] : inputs[0]
      if !fast {
        for j in 0..<k { x = try layers[j].forward(x, mode: mode, random: &random).output }
      }
      x = try layer.forward(x, mode: mode, random: &random).output
    }
    for j in (k + 1)..<layers.count {
      x = try layers[j].forward(x, mode: mode, random: &random).output
    }
    return try loss.value(x, target: target)
  }
}
