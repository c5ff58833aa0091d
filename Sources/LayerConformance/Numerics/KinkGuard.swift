import LayerCore

/// How a checker differentiates with respect to one perturbed quantity (an entry, or the
/// parameter `t` of a direction) given the declared kinks it can reach.
enum KinkPlan: Equatable {
  /// No kink within a step: the central difference.
  case central
  /// A kink within a step on the other side: the one-sided difference on this side, whose
  /// reach of two steps is clear.
  case oneSided(FiniteDifference.Side)
  /// On a kink: both one-sided differences, and the backward pass judged by `expectation`.
  case onKink(KinkExpectation)
  /// Kinks within reach on both sides: no difference can be trusted.
  case unresolvable
}

/// What a backward pass must return on a kink, in terms of the two one-sided slopes of the
/// perturbed quantity (which may run against the kink's own orientation).
enum KinkExpectation: Equatable {
  /// The slope from one side.
  case side(FiniteDifference.Side)
  /// The mean of both slopes.
  case average
  /// Anything between both slopes.
  case between
}

/// The layer and network checkers' rule for declared kinks: never let a difference stencil
/// straddle one.
///
/// A caller watches some quantities, each with one declared kink (a quantity with two kinks
/// is watched twice), and reports where they are when the perturbed quantity moves by
/// `m` steps, for `m` in −2...2. A layer entry watches itself; a network parameter watches
/// the inputs of every later layer that declares kinks.
enum KinkGuard {
  /// The plan for the perturbed quantity at step `h`, or, where kinks within reach on both
  /// sides leave none, at `h/4` or `h/16` (the entry moved less far, with a little more
  /// rounding error); the kink that decided it (`nil` for central at `h`) and the step to
  /// use.
  ///
  /// - Parameter positions: The watched quantities, one per kink of `kinks`, after the
  ///   perturbed quantity moved by the argument (0, ±step, ±2·step).
  static func plan<S: BinaryFloatingPoint, E: Error>(
    kinks: [Kink], step h: S, positions: (S) throws(E) -> [S]
  ) throws(E) -> (plan: KinkPlan, kink: Kink?, step: S) {
    var step = h
    var first: Kink?
    for _ in 0..<3 {
      let (plan, kink) = try plan(kinks: kinks) { (m: S) throws(E) -> [S] in
        try positions(m * step)
      }
      if plan != .unresolvable { return (plan, kink ?? first, step) }
      first = first ?? kink
      step /= 4
    }
    return (.unresolvable, first, h)
  }

  /// The plan at one step, and the kink that decided it (`nil` for central).
  ///
  /// - Parameter positions: The watched quantities, one per kink of `kinks`, after a move
  ///   of `m` steps.
  static func plan<S: BinaryFloatingPoint, E: Error>(
    kinks: [Kink], positions: (S) throws(E) -> [S]
  ) throws(E) -> (plan: KinkPlan, kink: Kink?) {
    guard !kinks.isEmpty else { return (.central, nil) }
    func signs(_ m: S) throws(E) -> [Int8] {
      let values = try positions(m)
      return zip(values, kinks).map { value, kink in
        let location = S(kink.location)
        return value > location ? 1 : (value < location ? -1 : 0)
      }
    }
    let base = try signs(0)
    let plus = try signs(1)
    let minus = try signs(-1)
    let onKink = base.indices.filter { base[$0] == 0 }
    let movers = onKink.filter { plus[$0] != 0 || minus[$0] != 0 }
    let others = base.indices.filter { base[$0] != 0 }
    func crossing(_ s: [Int8]) -> Int? { others.first { s[$0] != base[$0] } }
    guard let first = movers.first else {
      switch (crossing(plus), crossing(minus)) {
      case (nil, nil):
        return (.central, nil)
      case (let k?, nil):
        let clear = crossing(try signs(-2)) == nil
        return (clear ? .oneSided(.left) : .unresolvable, kinks[k])
      case (nil, let k?):
        let clear = crossing(try signs(2)) == nil
        return (clear ? .oneSided(.right) : .unresolvable, kinks[k])
      case (let k?, _?):
        return (.unresolvable, kinks[k])
      }
    }
    let kink = kinks[first]
    guard crossing(plus) == nil, crossing(minus) == nil else { return (.unresolvable, kink) }
    let far = [try signs(2), try signs(-2)]
    guard far.allSatisfy({ crossing($0) == nil }) else { return (.unresolvable, kink) }
    let expectations = movers.map { i -> KinkExpectation in
      // +1: moving the perturbed quantity right moves the watched one right of its kink.
      let orientation = plus[i] != 0 ? plus[i] : -minus[i]
      switch kinks[i].convention {
      case .leftLimit: return .side(orientation > 0 ? .left : .right)
      case .rightLimit: return .side(orientation > 0 ? .right : .left)
      case .average: return .average
      case .between: return .between
      }
    }
    // Several kinks at once combine linearly only for one-sided limits and averages.
    guard let expectation = expectations.first,
      expectations.allSatisfy({ $0 == expectation }),
      expectation != .between || movers.count == 1
    else { return (.unresolvable, kink) }
    return (.onKink(expectation), kink)
  }

  /// The numeric derivative of `f` at `x` by `plan` with step `h`; on a kink, the value the
  /// convention asks for (for ``KinkExpectation/between``, `analytic` clamped to the two
  /// one-sided slopes); `nil` when the plan is unresolvable.
  static func derivative<S: BinaryFloatingPoint, E: Error>(
    _ plan: KinkPlan, at x: S, step h: S, analytic: S, _ f: (S) throws(E) -> S
  ) throws(E) -> S? {
    switch plan {
    case .central:
      return try FiniteDifference.central(at: x, step: h, f)
    case .oneSided(let side):
      return try FiniteDifference.secondOrder(at: x, step: h, side: side, f)
    case .onKink(let expectation):
      let left = try FiniteDifference.secondOrder(at: x, step: h, side: .left, f)
      let right = try FiniteDifference.secondOrder(at: x, step: h, side: .right, f)
      switch expectation {
      case .side(let side): return side == .left ? left : right
      case .average: return (left + right) / 2
      case .between:
        return Swift.min(Swift.max(analytic, Swift.min(left, right)), Swift.max(left, right))
      }
    case .unresolvable:
      return nil
    }
  }

  /// The report entry for a plan that had a kink within reach (`kink` not `nil`).
  static func record(_ plan: KinkPlan, kink: Kink?, tensor: String, index: Int) -> KinkEntry? {
    guard let kink else { return nil }
    let side: KinkEntry.Side
    switch plan {
    case .central: side = .shorterStep
    case .oneSided(let s): side = s == .left ? .left : .right
    case .onKink: side = .both
    case .unresolvable: side = .unresolvable
    }
    return KinkEntry(tensor: tensor, entry: index, kink: kink, side: side)
  }
}

extension KinkGuard {
  /// The numeric derivative of `f` at `x` for an entry whose own value has `kinks` (step by
  /// ``FiniteDifference/step(at:power:)``), and the record of what was done when a kink was
  /// within reach. The numeric value is `nil` when the entry is unresolvable.
  static func differentiate<S: BinaryFloatingPoint, E: Error>(
    at x: S, kinks: [Kink], analytic: S, tensor: String, entry: Int, _ f: (S) throws(E) -> S
  ) throws(E) -> (numeric: S?, kink: KinkEntry?) {
    let (plan, kink, h) = plan(kinks: kinks, step: FiniteDifference.step(at: x)) { (d: S) in
      kinks.map { _ in x + d }
    }
    let numeric = try derivative(plan, at: x, step: h, analytic: analytic, f)
    return (numeric, record(plan, kink: kink, tensor: tensor, index: entry))
  }
}
