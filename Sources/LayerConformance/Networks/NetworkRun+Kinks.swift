import LayerCore

extension NetworkRun {
  /// The numeric derivatives of the loss for `entries` of tensor `t` of layer `k`, given their
  /// central differences `central`: each entry whose stencil reaches a declared kink (its own,
  /// or one of an input of a later layer, watched by re-running the network at θ ± h and, where
  /// needed, θ ± 2h) is differentiated by ``KinkGuard`` instead and recorded in
  /// `kinkEntries`; `nil` for an entry that is unresolvable.
  mutating func kinkAware(
    _ trace: NetworkTrace<T>, _ watch: KinkWatch, layer k: Int, tensor t: Int, entries: [Int],
    central: [T], analytic: Tensor<T>, name: String
  ) throws(LayerError) -> [T?] {
    guard !watch.isEmpty else { return central }
    let values = trace.layers[k].parameters.tensors[t]
    let base = watch.inputs.filter { $0.layer > k }.flatMap { watched in
      watched.entries.map { trace.inputs[watched.layer].scalars[$0] }
    }
    var result: [T?] = central
    // The watched inputs at θ ± h for every entry, stacked where the network allows.
    var arguments: [T] = []
    for e in entries {
      let h = FiniteDifference.step(at: values.scalars[e])
      arguments += [values.scalars[e] + h, values.scalars[e] - h]
    }
    let stacked = try trace.watchedInputs(
      watch, setting: k, tensor: t, entries: entries.flatMap { [$0, $0] }, to: arguments)
    let laterKinks = watch.inputs.filter { $0.layer > k }.flatMap(\.kinks)
    let locations = laterKinks.map { T($0.location) }
    let onAKink = zip(base, locations).contains { $0 == $1 }
    for (p, e) in entries.enumerated() {
      let ownKinks = watch.own(layer: k, tensor: t, entry: e)
      // The common case, decided without allocating: no own kink, no watched input on its
      // kink, and none changes side at θ ± h.
      if ownKinks.isEmpty, !onAKink, let stacked {
        let (plus, minus) = (stacked[2 * p], stacked[2 * p + 1])
        let sameSide = base.indices.allSatisfy { i in
          (plus[i] > locations[i]) == (base[i] > locations[i]) && plus[i] != locations[i]
            && (minus[i] > locations[i]) == (base[i] > locations[i]) && minus[i] != locations[i]
        }
        if sameSide { continue }
      }
      let kinks = ownKinks + laterKinks
      guard !kinks.isEmpty else { continue }
      let own = ownKinks.count
      let theta = values.scalars[e]
      let step = FiniteDifference.step(at: theta)
      let (plan, kink, h) = try KinkGuard.plan(kinks: kinks, step: step) {
        (d: T) throws(LayerError) -> [T] in
        let moved = theta + d
        let later: [T]
        if d == 0 {
          later = base
        } else if let stacked, d == step || d == -step {
          later = stacked[2 * p + (d > 0 ? 0 : 1)]
        } else {
          later = try trace.watchedInputs(watch, setting: k, tensor: t, entry: e, to: moved)
        }
        return Array(repeating: moved, count: own) + later
      }
      guard kink != nil else { continue }  // central at the usual step: already computed
      result[p] = try KinkGuard.derivative(
        plan, at: theta, step: h, analytic: analytic.scalars[e]
      ) { (v: T) throws(LayerError) -> T in
        try trace.losses(
          setting: k, tensor: t, entries: [e], to: [v], loss: loss, target: target)[0]
      }
      if let record = KinkGuard.record(plan, kink: kink, tensor: name, index: e) {
        kinkEntries.append(record)
      }
    }
    return result
  }

  /// The derivative of `t ↦ L(θ + t·u)` at 0 for direction `d`, never straddling a declared
  /// kink of any parameter or layer input the line crosses; `nil` when unresolvable.
  mutating func directionalDerivative(
    _ trace: NetworkTrace<T>, _ watch: KinkWatch, _ u: Direction<T>, _ theta: [Tensor<T>],
    analytic: T, index d: Int
  ) throws(LayerError) -> T? {
    let f = { (t: T) throws(LayerError) -> T in try lossAt(u.moved(theta, by: t)) }
    guard !watch.isEmpty else { return try u.derivative(f) }
    let (plan, kink, h) = try KinkGuard.plan(
      kinks: watch.allKinks, step: FiniteDifference.step(at: T(0))
    ) { (t: T) throws(LayerError) -> [T] in
      try trace.watchedValues(watch, parameters: u.moved(theta, by: t))
    }
    if let record = KinkGuard.record(plan, kink: kink, tensor: "direction", index: d) {
      kinkEntries.append(record)
    }
    return try KinkGuard.derivative(plan, at: T(0), step: h, analytic: analytic, f)
  }
}
