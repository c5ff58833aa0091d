import LayerCore

/// The entries of a network that a parameter change can push across a declared kink: every
/// input entry of a ``/LayerCore/PiecewiseSmoothLayer`` that declares kinks for it, and every
/// parameter entry with kinks of its own.
struct KinkWatch {
  /// Per layer: the input entries with kinks, and one kink per watched (entry, kink) pair.
  var inputs: [(layer: Int, entries: [Int], kinks: [Kink])] = []
  /// Per layer and parameter tensor: the parameter entries with kinks, one per kink.
  var parameters: [Int: [(tensor: Int, entries: [Int], kinks: [Kink])]] = [:]

  /// Reads the declarations of every layer of `trace`, at the inputs of its forward pass.
  init<T: LayerScalar & BinaryFloatingPoint>(_ trace: NetworkTrace<T>) {
    for (j, layer) in trace.layers.enumerated() {
      guard let kinked = layer as? any PiecewiseSmoothLayer<T> else { continue }
      var entries: [Int] = []
      var kinks: [Kink] = []
      for e in trace.inputs[j].scalars.indices {
        for kink in kinked.kinks(ofInputEntry: e, in: trace.inputs[j]) {
          entries.append(e)
          kinks.append(kink)
        }
      }
      if !kinks.isEmpty { inputs.append((j, entries, kinks)) }
      let set = layer.parameters
      for t in set.tensors.indices {
        var entries: [Int] = []
        var kinks: [Kink] = []
        for e in set.tensors[t].scalars.indices {
          for kink in kinked.kinks(ofParameter: set.names[t], entry: e) {
            entries.append(e)
            kinks.append(kink)
          }
        }
        if !kinks.isEmpty { parameters[j, default: []].append((t, entries, kinks)) }
      }
    }
  }

  /// Whether nothing is watched.
  var isEmpty: Bool { inputs.isEmpty && parameters.isEmpty }

  /// The kinks a change of layer `k`'s parameter entry `e` of tensor `t` can reach: its own,
  /// then those of the inputs of every later layer.
  func kinks(layer k: Int, tensor t: Int, entry e: Int) -> [Kink] {
    own(layer: k, tensor: t, entry: e) + inputs.filter { $0.layer > k }.flatMap(\.kinks)
  }

  /// The kinks of layer `k`'s parameter entry `e` of tensor `t` itself.
  func own(layer k: Int, tensor t: Int, entry e: Int) -> [Kink] {
    guard let watched = parameters[k]?.first(where: { $0.tensor == t }) else { return [] }
    return zip(watched.entries, watched.kinks).filter { $0.0 == e }.map(\.1)
  }

  /// Every kink in the network: those of every parameter entry, then those of every input.
  var allKinks: [Kink] {
    parameters.keys.sorted().flatMap { k in parameters[k]!.flatMap(\.kinks) }
      + inputs.flatMap(\.kinks)
  }
}

extension NetworkTrace {
  /// The watched input entries of every layer after `k` that declares kinks, in the order of
  /// `watch`, when entry `e` of tensor `t` of layer `k` holds `value`: a forward pass from
  /// layer `k` up to the last watched layer.
  func watchedInputs(
    _ watch: KinkWatch, setting k: Int, tensor t: Int, entry e: Int, to value: T
  ) throws(LayerError) -> [T] {
    let later = watch.inputs.filter { $0.layer > k }
    guard let last = later.last?.layer else { return [] }
    var layer = layers[k]
    var set = layer.parameters
    set.tensors[t].scalars[e] = value
    layer.parameters = set
    var random = states[k]
    var x = try layer.forward(inputs[k], mode: mode, random: &random).output
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
