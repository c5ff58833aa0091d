import LayerCore

extension LayerRun {
  /// Directional strategy: for random unit `u` over the input and all parameters at once and
  /// random unit `v` over the output, compares `vᵀ J u = ⟨backward(v), u⟩` with the
  /// derivative of `t ↦ ⟨v, f(z + t·u)⟩` at 0. Two forward passes per direction, whatever
  /// the size of the layer.
  ///
  /// Entries within reach of a declared kink leave every direction (their component of `u` is
  /// 0, so no stencil along `t` can straddle their kink) and are checked one by one instead,
  /// as in the full strategy.
  mutating func checkDirections(_ count: Int) throws(LayerError) {
    var directions = RandomSource(seed: seed &+ 5)
    let parameters = reference.parameters
    let z = [converted(input, to: W.self)] + parameters.tensors
    let excluded = try checkEntriesNearKinks(z, names: ["input"] + parameters.names)
    var entries: [EntryResult] = []
    var random = fresh
    let outputShape = try layer.forward(input, mode: .training, random: &random).output.shape
    for d in 0..<count {
      let v = Direction<T>(shapes: [outputShape], random: &directions).tensors[0]
      var u = Direction<W>(shapes: z.map(\.shape), random: &directions)
      for (t, e) in excluded { u.tensors[t].scalars[e] = 0 }
      let gradients = try analyticGradients(v)
      let analytic = u.dot(
        ([gradients.input] + gradients.parameters.tensors).map { converted($0, to: W.self) })
      let wideV = converted(v, to: W.self)
      let numeric = try u.derivative { (t: W) throws(LayerError) -> W in
        let moved = u.moved(z, by: t)
        var set = parameters
        set.tensors = Array(moved.dropFirst())
        reference.parameters = set
        return try objective(moved[0], wideV, &random)
      }
      reference.parameters = parameters
      entries.append(compare("direction", d, T(analytic), numeric))
    }
    summarize("direction", count: count, entries)
  }

  /// Checks, one by one against the output gradient of the full strategy, every entry of `z`
  /// (the input, then the parameters) that lies within reach of a declared kink, and returns
  /// them as (tensor index in `z`, entry).
  mutating func checkEntriesNearKinks(
    _ z: [Tensor<W>], names: [String]
  ) throws(LayerError) -> [(Int, Int)] {
    guard let kinked = layer as? any PiecewiseSmoothLayer<T> else { return [] }
    func kinks(_ t: Int, _ e: Int) -> [Kink] {
      t == 0
        ? kinked.kinks(ofInputEntry: e, in: input) : kinked.kinks(ofParameter: names[t], entry: e)
    }
    var near: [(Int, Int)] = []
    for t in z.indices {
      for e in z[t].scalars.indices {
        let k = kinks(t, e)
        guard !k.isEmpty else { continue }
        let x = z[t].scalars[e]
        let h = FiniteDifference.step(at: x)
        if KinkGuard.plan(kinks: k, positions: { (m: W) in k.map { _ in x + m * h } }).plan
          != .central
        {  // checked one by one, where the step may shrink
          near.append((t, e))
        }
      }
    }
    guard !near.isEmpty else { return [] }
    var random = fresh
    let outputShape = try layer.forward(input, mode: .training, random: &random).output.shape
    var outputRandom = RandomSource(seed: seed &+ 3)
    let weights: Tensor<T> = randomTensor(outputShape, &outputRandom)
    let analytic = try analyticGradients(weights)
    let gradients = [analytic.input] + analytic.parameters.tensors
    let wideWeights = converted(weights, to: W.self)
    let pristine = reference.parameters
    for t in z.indices {
      let here = near.filter { $0.0 == t }.map(\.1)
      guard !here.isEmpty, gradients.indices.contains(t), gradients[t].count == z[t].count
      else { continue }  // a missing gradient is reported by checkShapes
      var entries: [EntryResult] = []
      for e in here {
        var moved = z
        let (numeric, kink) = try KinkGuard.differentiate(
          at: z[t].scalars[e], kinks: kinks(t, e), analytic: W(gradients[t].scalars[e]),
          tensor: names[t], entry: e
        ) { (value: W) throws(LayerError) -> W in
          moved[t].scalars[e] = value
          var set = pristine
          set.tensors = Array(moved.dropFirst())
          reference.parameters = set
          return try objective(moved[0], wideWeights, &random)
        }
        reference.parameters = pristine
        if let kink { kinkEntries.append(kink) }
        guard let numeric else { continue }
        entries.append(compare(names[t], e, gradients[t].scalars[e], numeric))
      }
      summarize(names[t], count: z[t].count, entries)
    }
    return near
  }
}
