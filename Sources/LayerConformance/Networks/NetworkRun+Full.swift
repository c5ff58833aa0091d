import LayerCore

extension NetworkRun {
  /// Full strategy: the central difference of the loss for every entry (at most `limit` per
  /// tensor) of every parameter tensor of every layer.
  @_specialize(where T == Double)
  @_specialize(where T == Float)
  mutating func checkEveryEntry(
    _ trace: NetworkTrace<T>, _ analytic: [ParameterSet<T>], limit: Int?
  ) throws(LayerError) {
    var sampling = RandomSource(seed: checker.options.seed &+ 7)
    let watch = KinkWatch(trace)
    for k in layers.indices {
      let parameters = layers[k].parameters
      for t in parameters.tensors.indices {
        let name = "\(k).\(parameters.names[t])"
        let tensor = parameters.tensors[t]
        guard analytic[k].tensors.indices.contains(t), analytic[k].tensors[t].count == tensor.count
        else {
          problems.append(
            Problem(
              .shapeMismatch, tensor: name,
              "\(label): layer \(k) (\(layers[k].name)) returned no gradient of the shape of "
                + "\(parameters.names[t]) \(tensor.shape)"))
          continue
        }
        let entries = entriesToCheck(count: tensor.count, limit: limit, random: &sampling)
        let numeric = try kinkAware(
          trace, watch, layer: k, tensor: t, entries: entries,
          central: try trace.centralDifferences(
            layer: k, tensor: t, entries: entries, loss: loss, target: target),
          analytic: analytic[k].tensors[t], name: name)
        // An entry with kinks within reach on both sides is recorded, never compared.
        let tensorResults = zip(entries, numeric).compactMap { e, n in
          n.map {
            EntryResult(
              name, e, analytic: analytic[k].tensors[t].scalars[e], numeric: $0,
              tolerance: T.tolerance)
          }
        }
        summaries.append(TensorSummary(name: name, count: tensor.count, entries: tensorResults))
        results += tensorResults
        if let entry = firstBitDifference(trace.layers[k].parameters.tensors[t], tensor) {
          problems.append(
            Problem(
              .parametersNotRestored, tensor: name, entry: entry,
              "\(label): \(name)[\(entry)] was not restored bit-exactly"))
        }
      }
    }
  }
}
