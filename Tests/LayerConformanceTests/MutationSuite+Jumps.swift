import LayerCore

/// How a Hardshrink mutant breaks its jumps at ±λ: the declaration, the value there, or the
/// derivative beside or at a jump.
enum JumpMutation: Sendable, Hashable {
  /// Both jumps declared this much further out than they are.
  case declaredShifted(Double)
  /// No jump declared at all.
  case undeclared
  /// Only the jump at +λ declared.
  case onlyPositiveDeclared
  /// An extra jump declared at this point, where the function is continuous.
  case phantom(Double)
  /// The value at ±λ is x (the outer limit), but 0 is declared.
  case valueAtJump
  /// The value at +λ is 0, but this value is declared.
  case declaredValue(Double)
  /// The derivative at ±λ returns this value instead of 0 (the declared one-sided limit).
  case derivativeAtJump(Double)
  /// The derivative at +λ is 0 (the left limit), but this convention is declared.
  case declaredConvention(Kink.Convention)
  /// The derivative is `slope` on an interval of `width` beside the jump at -λ (`negative`) or
  /// +λ, on its right or its left side.
  case beside(negative: Bool, right: Bool, width: Double, slope: Double)
  /// The derivative's mask uses λ = 0.5, whatever λ is.
  case maskIgnoresLambda
}

extension Mutant {
  /// Hardshrink mutants: each must fail in Float and Double; the correct twin passes at
  /// λ = 0.5, 0, 0.1, 1 and 2.
  static let jumpSuite: [Mutant] = [
    Mutant(
      "jumps declared at ±(λ + 0.05)", "jumps", .hardshrink(0.5), .jump(.declaredShifted(0.05))),
    Mutant(
      "jumps declared at ±(λ + 1e-4)", "jumps", .hardshrink(0.5), .jump(.declaredShifted(1e-4))),
    Mutant("jumps not declared", "jumps", .hardshrink(0.5), .jump(.undeclared)),
    Mutant("jump at -λ not declared", "jumps", .hardshrink(0.5), .jump(.onlyPositiveDeclared)),
    Mutant("phantom jump declared at 3", "jumps", .hardshrink(0.5), .jump(.phantom(3))),
    Mutant("f(±λ) = ±λ, 0 declared", "jumps", .hardshrink(0.5), .jump(.valueAtJump)),
    Mutant("f(λ) = 0, λ declared", "jumps", .hardshrink(0.5), .jump(.declaredValue(0.5))),
    Mutant("f'(±λ) = 1, limit declared", "jumps", .hardshrink(0.5), .jump(.derivativeAtJump(1))),
    Mutant(
      "f'(λ) = 0, right limit declared", "jumps", .hardshrink(0.5),
      .jump(.declaredConvention(.rightLimit))),
    Mutant(
      "f' = 0 on (λ, λ + 1e-3]", "jumps", .hardshrink(0.5),
      .jump(.beside(negative: false, right: true, width: 1e-3, slope: 0))),
    Mutant(
      "f' = 0 on (λ, λ + 1e-6]", "jumps", .hardshrink(2),
      .jump(.beside(negative: false, right: true, width: 1e-6, slope: 0))),
    Mutant(
      "f' = 1 on [λ - 1e-3, λ)", "jumps", .hardshrink(0.5),
      .jump(.beside(negative: false, right: false, width: 1e-3, slope: 1))),
    Mutant(
      "f' = 0 on [-λ - 1e-4, -λ)", "jumps", .hardshrink(0.1),
      .jump(.beside(negative: true, right: false, width: 1e-4, slope: 0))),
    Mutant(
      "f' = 1.01 on (λ, λ + 1e-2]", "jumps", .hardshrink(1),
      .jump(.beside(negative: false, right: true, width: 1e-2, slope: 1.01))),
    Mutant("f' mask uses λ = 0.5", "jumps", .hardshrink(0.5), .jump(.maskIgnoresLambda)),
  ]

  /// The jumps of a Hardshrink base (none for λ = 0), as the mutation declares them.
  var jumps: [Jump] {
    var list: [Jump] = []
    if case .hardshrink(let lambda) = base, lambda > 0 {
      list = [
        Jump(at: -lambda, value: 0, derivative: .rightLimit),
        Jump(at: lambda, value: 0, derivative: .leftLimit),
      ]
    }
    guard case .jump(let mutation) = mutation, !list.isEmpty else { return list }
    switch mutation {
    case .declaredShifted(let shift):
      list[0].location -= shift
      list[1].location += shift
    case .undeclared: return []
    case .onlyPositiveDeclared: return [list[1]]
    case .phantom(let location):
      list.append(Jump(at: location, value: location, derivative: .average))
    case .declaredValue(let value): list[1].value = value
    case .declaredConvention(let convention): list[1].derivative = convention
    case .valueAtJump, .derivativeAtJump, .beside, .maskIgnoresLambda: break
    }
    return list
  }

  /// x for |x| > λ, 0 otherwise (x at ±λ for the `.valueAtJump` mutant); NaN stays NaN.
  func hardshrinkValue<T: LayerScalar>(_ lambda: Double, at x: T) -> T {
    if x.isNaN { return x }
    if mutation == .jump(.valueAtJump), lambda > 0, x == T(lambda) || x == -T(lambda) {
      return x
    }
    return x > T(lambda) || x < -T(lambda) ? x : 0
  }

  /// 1 for |x| > λ, 0 otherwise (so 0 at ±λ, the limit from inside); 1 everywhere for λ = 0,
  /// where the function is the identity.
  func hardshrinkPrime<T: LayerScalar>(_ lambda: Double, at x: T) -> T {
    if x.isNaN { return x }
    return x > T(lambda) || x < -T(lambda) || lambda == 0 ? 1 : 0
  }

  /// The derivative of a `.jump` mutant.
  func jumpDerivative<T: LayerScalar>(_ mutation: JumpMutation, at x: T, correct: T) -> T {
    guard case .hardshrink(let lambda) = base, !x.isNaN else { return correct }
    switch mutation {
    case .derivativeAtJump(let value):
      return lambda > 0 && (x == T(lambda) || x == -T(lambda)) ? T(value) : correct
    case .beside(let negative, let right, let width, let slope):
      let k = negative ? -T(lambda) : T(lambda)
      let near = right ? x > k && x <= k + T(width) : x < k && x >= k - T(width)
      return near ? T(slope) : correct
    case .maskIgnoresLambda:
      return x > T(0.5) || x < -T(0.5) ? 1 : 0
    default:
      return correct
    }
  }
}
