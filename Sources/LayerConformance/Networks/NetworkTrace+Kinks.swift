import LayerCore

extension NetworkTrace {
  /// The watched input entries of every layer after `k` that declares kinks, in the order of
  /// `watch`, when entry `e` of tensor `t` of layer `k` holds `value`: a forward pass from
  /// layer `k` (or its perturbation shortcut) up to the last watched layer.
  func watchedInputs(
    _ watch: KinkWatch, setting k: Int, tensor t: Int, entry e: Int, to value: T
  ) throws(LayerError) -> [T] {
    let later = watch.inputs.filter { $0.layer > k }
    guard let last = later.last?.layer else { return [] }
    var x: Tensor<T>
    var random: RandomSource
    // Layer k's own shortcut where it has one (a Dense layer moves one output column).
    if fast,
      let moved = (layers[k] as? any PerturbationShortcut<T>)?.output(
        settingParameter: t, entry: e, to: value, output: outputs[k], erasedCache: caches[k])
    {
      x = moved
      random = states[k + 1]
    } else {
      var layer = layers[k]
      var set = layer.parameters
      set.tensors[t].scalars[e] = value
      layer.parameters = set
      random = states[k]
      x = try layer.forward(inputs[k], mode: mode, random: &random).output
    }
    var result: [T] = []
    var next = later[...]
    for j in (k + 1)...last {
      if let watched = next.first, watched.layer == j {
        result += watched.entries.map { x.scalars.indices.contains($0) ? x.scalars[$0] : .nan }
        next = next.dropFirst()
      }
      if j < last { x = try layers[j].forward(x, mode: mode, random: &random).output }
    }
    return result
  }

  /// Every watched parameter entry, then every watched input entry, in the order of
  /// `watch`, when the parameters of all layers are `parameters` (in order): a forward pass up
  /// to the last watched layer.
  func watchedValues(_ watch: KinkWatch, parameters: [Tensor<T>]) throws(LayerError) -> [T] {
    var sets: [ParameterSet<T>] = []
    var remaining = parameters[...]
    for layer in layers {
      var set = layer.parameters
      set.tensors = Array(remaining.prefix(set.count))
      remaining = remaining.dropFirst(set.count)
      sets.append(set)
    }
    var result: [T] = []
    for k in watch.parameters.keys.sorted() {
      for watched in watch.parameters[k]! {
        result += watched.entries.map { sets[k].tensors[watched.tensor].scalars[$0] }
      }
    }
    guard let last = watch.inputs.last?.layer else { return result }
    var random = states[0]
    var x = inputs[0]
    var next = watch.inputs[...]
    for j in 0...last {
      if let watched = next.first, watched.layer == j {
        result += watched.entries.map { x.scalars.indices.contains($0) ? x.scalars[$0] : .nan }
        next = next.dropFirst()
      }
      guard j < last else { break }
      var layer = layers[j]
      if !sets[j].tensors.isEmpty { layer.parameters = sets[j] }
      x = try layer.forward(x, mode: mode, random: &random).output
    }
    return result
  }
}

extension NetworkTrace {
  /// ``watchedInputs(_:setting:tensor:entry:to:)`` for many single-entry changes of tensor `t`
  /// of layer `k` at once, stacked along the batch like
  /// ``stackedLosses(through:setting:tensor:entries:to:loss:target:)``: one list per pair
  /// `entries[p]`, `values[p]`. `nil` when layer `k` has no stacked shortcut or a layer before
  /// the last watched one does not keep the stacking; the caller then goes one by one.
  func watchedInputs(
    _ watch: KinkWatch, setting k: Int, tensor t: Int, entries: [Int], to values: [T]
  ) throws(LayerError) -> [[T]]? {
    let later = watch.inputs.filter { $0.layer > k }
    guard fast, let last = later.last?.layer,
      let shortcut = layers[k] as? any PerturbationShortcut<T>,
      layers[(k + 1)..<last].allSatisfy({ layer in
        !layer.isStochastic && (layer as? any PerturbationShortcut<T>)?.isRowwise == true
      })
    else { return nil }
    var result: [[T]] = []
    result.reserveCapacity(values.count)
    let chunk = Swift.max(1, 8192 / Swift.max(outputs[k].count, 1))
    var start = 0
    while start < values.count {
      let end = Swift.min(start + chunk, values.count)
      guard
        var x = shortcut.outputs(
          settingParameter: t, entries: Array(entries[start..<end]),
          to: Array(values[start..<end]), output: outputs[k], erasedCache: caches[k])
      else { return nil }
      var lists = [[T]](repeating: [], count: end - start)
      var random = states[k + 1]
      var next = later[...]
      for j in (k + 1)...last {
        if let watched = next.first, watched.layer == j {
          let size = inputs[j].count
          guard x.count == size * lists.count else { return nil }
          for p in lists.indices {
            lists[p] += watched.entries.map { x.scalars[p * size + $0] }
          }
          next = next.dropFirst()
        }
        if j < last { x = try layers[j].forward(x, mode: mode, random: &random).output }
      }
      result += lists
      start = end
    }
    return result
  }
}
