import LayerCore

extension LayerRun {
  /// Full strategy: the central difference of the objective for every entry (at most `limit`
  /// per tensor) of the input and of every parameter tensor, against the backward pass.
  mutating func checkEveryEntry(weights: Tensor<T>, limit: Int?) throws(LayerError) {
    let analytic = try analyticGradients(weights)
    let wideWeights = converted(weights, to: W.self)
    var sampling = RandomSource(seed: seed &+ 4)
    var x = converted(input, to: W.self)
    try checkInputEntries(&x, analytic.input, wideWeights, limit: limit, sampling: &sampling)
    let pristine = reference.parameters
    for t in pristine.tensors.indices {
      guard analytic.parameters.names.indices.contains(t),
        analytic.parameters.tensors[t].count == pristine.tensors[t].count
      else { continue }  // reported by checkShapes
      try checkParameterEntries(
        t, x, analytic.parameters.tensors[t], wideWeights, limit: limit, sampling: &sampling)
    }
    let restored = reference.parameters
    for t in pristine.tensors.indices {
      if let entry = firstBitDifference(pristine.tensors[t], restored.tensors[t]) {
        problems.append(
          Problem(
            .parametersNotRestored, tensor: pristine.names[t], entry: entry,
            "\(label): the reference's \(role(pristine.names[t]))[\(entry)] was not restored "
              + "bit-exactly after its perturbation"))
      }
    }
  }

  /// Each checked entry of the input, moved in place and put back.
  mutating func checkInputEntries(
    _ x: inout Tensor<W>, _ analytic: Tensor<T>, _ weights: Tensor<W>, limit: Int?,
    sampling: inout RandomSource
  ) throws(LayerError) {
    var random = fresh
    var entries: [EntryResult] = []
    let kinked = layer as? any PiecewiseSmoothLayer<T>
    for e in entriesToCheck(count: x.count, limit: limit, random: &sampling) {
      guard analytic.scalars.indices.contains(e) else { continue }  // reported by checkShapes
      let v = x.scalars[e]
      let (numeric, kink) = try KinkGuard.differentiate(
        at: v, kinks: kinked?.kinks(ofInputEntry: e, in: input) ?? [],
        analytic: W(analytic.scalars[e]), tensor: "input", entry: e
      ) { (moved: W) throws(LayerError) -> W in
        x.scalars[e] = moved
        return try objective(x, weights, &random)
      }
      x.scalars[e] = v
      if let kink { kinkEntries.append(kink) }
      guard let numeric else { continue }  // kinks on both sides: recorded, not compared
      entries.append(compare("input", e, analytic.scalars[e], numeric))
    }
    summarize("input", count: x.count, entries)
  }

  /// Each checked entry of parameter tensor `t` of the reference, moved and put back.
  mutating func checkParameterEntries(
    _ t: Int, _ x: Tensor<W>, _ analytic: Tensor<T>, _ weights: Tensor<W>, limit: Int?,
    sampling: inout RandomSource
  ) throws(LayerError) {
    var random = fresh
    var parameters = reference.parameters
    let tensorName = parameters.names[t]
    let count = parameters.tensors[t].count
    var entries: [EntryResult] = []
    let kinked = layer as? any PiecewiseSmoothLayer<T>
    for e in entriesToCheck(count: count, limit: limit, random: &sampling) {
      let v = parameters.tensors[t].scalars[e]
      var reference = reference
      let (numeric, kink) = try KinkGuard.differentiate(
        at: v, kinks: kinked?.kinks(ofParameter: tensorName, entry: e) ?? [],
        analytic: W(analytic.scalars[e]), tensor: tensorName, entry: e
      ) { (moved: W) throws(LayerError) -> W in
        parameters.tensors[t].scalars[e] = moved
        reference.parameters = parameters
        return try objective(x, weights, &random, through: reference)
      }
      parameters.tensors[t].scalars[e] = v
      reference.parameters = parameters
      self.reference = reference
      if let kink { kinkEntries.append(kink) }
      guard let numeric else { continue }  // kinks on both sides: recorded, not compared
      entries.append(compare(tensorName, e, analytic.scalars[e], numeric))
    }
    summarize(tensorName, count: count, entries)
  }
}
