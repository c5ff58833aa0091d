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
