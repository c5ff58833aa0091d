import LayerCore

extension LayerRun {
  /// Directional strategy: for random unit `u` over the input and all parameters at once and
  /// random unit `v` over the output, compares `vᵀ J u = ⟨backward(v), u⟩` with the
  /// derivative of `t ↦ ⟨v, f(z + t·u)⟩` at 0. Two forward passes per direction, whatever
  /// the size of the layer.
  mutating func checkDirections(_ count: Int) throws(LayerError) {
    var directions = RandomSource(seed: seed &+ 5)
    let parameters = reference.parameters
    let z = [converted(input, to: W.self)] + parameters.tensors
    var entries: [EntryResult] = []
    var random = fresh
    let outputShape = try layer.forward(input, mode: .training, random: &random).output.shape
    for d in 0..<count {
      let v = Direction<T>(shapes: [outputShape], random: &directions).tensors[0]
      let u = Direction<W>(shapes: z.map(\.shape), random: &directions)
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
}
