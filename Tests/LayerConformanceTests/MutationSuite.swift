import LayerCore

/// A correct formula with a deliberately wrong derivative: the unit of the mutation suite.
///
/// `base` is a correct activation; `mutation` says how its derivative (or, for the kink and
/// discontinuity cases, its declaration or value) is broken. With `.none` the mutant is correct
/// and must pass.
struct Mutant: Activation {
  enum Base: Sendable, Hashable {
    case sigmoid, tanh, relu
    case leaky(Double)
    case softplus(beta: Double)
    /// tanh(a·x), derivative a·sech²(a·x).
    case scaledTanh(Double)
    /// σ(a·x), derivative a·σ'(a·x).
    case scaledSigmoid(Double)
    /// Hardshrink with threshold λ: x for |x| > λ, 0 otherwise; jumps at ±λ for λ > 0.
    case hardshrink(Double)
  }

  enum Mutation: Sendable, Hashable {
    case none
    case sigmoidMissingOneMinusS
    case tanhOneMinusT
    case missingInnerFactor
    case negated
    case factor(Double)
    case factorBeyond(Double, Double)
    case factorOn(ClosedRange<Double>, Double)
    case zeroOn(ClosedRange<Double>)
    case asymptoticBeyond(Double)
    case leftSlope(Double)
    case rightSlope(Double)
    case switchAt(Double)
    case valueAtKink(Double)
    case nanAt(Double)
    case ignoresParameter
    case cutToZeroBeyond(Double)
    case cutToZeroBelow(Double)
    /// A broken jump declaration, value or one-sided derivative (MutationSuite+Jumps.swift).
    case jump(JumpMutation)
  }

  var label: String
  var category: String
  var base: Base
  var mutation: Mutation
  /// Whether the mutation is large enough to be caught by the Float tolerance too.
  var inFloat = true
  /// Whether `Float16` can still see the mutation, or it lies below half precision's
  /// resolution (a factor within 8ε = 2⁻⁷ of 1, or a derivative that `Float16` rounds to 0
  /// anyway, as in a tail beyond |x| ≈ 17).
  var inFloat16 = true

  var name: String { label }

  var kinks: [Kink] {
    switch base {
    case .relu: [Kink(at: 0, convention: .leftLimit)]
    case .leaky(let slope): slope == 1 ? [] : [Kink(at: 0, convention: .leftLimit)]
    default: []
    }
  }

  var parameters: [Parameter] {
    switch base {
    case .leaky(let slope):
      [Parameter(name: "negativeSlope", value: slope, checkedValues: [0, 0.01, 0.2, 1.5])]
    case .softplus(let beta): [Parameter(name: "beta", value: beta, checkedValues: [0.5, 1, 4])]
    case .hardshrink(let lambda):
      [Parameter(name: "lambda", value: lambda, checkedValues: [0, 0.1, 0.5, 1, 2])]
    default: []
    }
  }

  func setting(_ parameter: String, to value: Double) throws(ComponentError) -> Mutant {
    var copy = self
    switch (base, parameter) {
    case (.leaky, "negativeSlope"): copy.base = .leaky(value)
    case (.softplus, "beta"): copy.base = .softplus(beta: value)
    case (.hardshrink, "lambda") where value >= 0: copy.base = .hardshrink(value)
    default:
      throw .unknownParameter(component: name, name: parameter, known: parameters.map(\.name))
    }
    return copy
  }

  func value<T: LayerScalar>(at x: T) -> T {
    switch base {
    case .sigmoid: return T.logistic(x)
    case .tanh: return T.tanh(x)
    case .relu: return x < 0 ? 0 : x
    case .leaky(let slope): return x < 0 ? (slope == 0 ? 0 : T(slope) * x) : x
    case .softplus(let beta):
      let positivePart = x > 0 ? x : 0
      return positivePart + T.log1p(T.exp(-T.abs(T(beta) * x))) / T(beta)
    case .scaledTanh(let a): return T.tanh(T(a) * x)
    case .scaledSigmoid(let a): return T.logistic(T(a) * x)
    case .hardshrink(let lambda): return hardshrinkValue(lambda, at: x)
    }
  }

  /// The correct derivative of `base`, written accurately.
  func correctDerivative<T: LayerScalar>(at x: T) -> T {
    switch base {
    case .sigmoid: return sigmoidPrime(x)
    case .tanh: return tanhPrime(x)
    case .relu:
      if x.isNaN { return x }
      return x > 0 ? 1 : 0
    case .leaky(let slope):
      if x.isNaN { return x }
      return x > 0 ? 1 : T(slope)
    case .softplus(let beta): return T.logistic(T(beta) * x)
    case .scaledTanh(let a): return T(a) * tanhPrime(T(a) * x)
    case .scaledSigmoid(let a): return T(a) * sigmoidPrime(T(a) * x)
    case .hardshrink(let lambda): return hardshrinkPrime(lambda, at: x)
    }
  }

  func derivative<T: LayerScalar>(at x: T) -> T {
    let correct = correctDerivative(at: x)
    let beyond = { (limit: Double) in T.abs(x) > T(limit) }
    let inside = { (range: ClosedRange<Double>) in
      x >= T(range.lowerBound) && x <= T(range.upperBound)
    }
    switch mutation {
    case .none: return correct
    case .sigmoidMissingOneMinusS: return T.logistic(x)
    case .tanhOneMinusT: return 1 - T.tanh(x)
    case .missingInnerFactor:
      switch base {
      case .scaledTanh(let a): return tanhPrime(T(a) * x)
      case .scaledSigmoid(let a): return sigmoidPrime(T(a) * x)
      default: return correct
      }
    case .negated: return -correct
    case .factor(let factor): return correct * T(factor)
    case .factorBeyond(let limit, let factor): return beyond(limit) ? correct * T(factor) : correct
    case .factorOn(let range, let factor): return inside(range) ? correct * T(factor) : correct
    case .zeroOn(let range): return inside(range) ? 0 : correct
    case .asymptoticBeyond(let limit): return beyond(limit) ? T.exp(-T.abs(x)) : correct
    case .leftSlope(let slope): return x < 0 ? T(slope) : correct
    case .rightSlope(let slope): return x > 0 ? T(slope) : correct
    case .switchAt(let c):
      if x.isNaN { return x }
      let left: T = if case .leaky(let slope) = base { T(slope) } else { 0 }
      return x > T(c) ? 1 : left
    case .valueAtKink(let value): return x == 0 ? T(value) : correct
    case .nanAt(let point): return x == T(point) ? T.nan : correct
    case .ignoresParameter:
      switch base {
      case .leaky: return x > 0 ? 1 : T(0.01)
      case .softplus: return T.logistic(x)
      default: return correct
      }
    case .cutToZeroBeyond(let limit): return beyond(limit) ? 0 : correct
    case .cutToZeroBelow(let limit): return x < T(limit) ? 0 : correct
    case .jump(let mutation): return jumpDerivative(mutation, at: x, correct: correct)
    }
  }

  func sigmoidPrime<T: LayerScalar>(_ x: T) -> T {
    let e = T.exp(-T.abs(x))
    return e / ((1 + e) * (1 + e))
  }

  func tanhPrime<T: LayerScalar>(_ x: T) -> T {
    let e = T.exp(-2 * T.abs(x))
    return 4 * e / ((1 + e) * (1 + e))
  }
}

extension Mutant {
  init(
    _ label: String, _ category: String, _ base: Base, _ mutation: Mutation, inFloat: Bool = true,
    inFloat16: Bool = true
  ) {
    self.init(
      label: label, category: category, base: base, mutation: mutation, inFloat: inFloat,
      inFloat16: inFloat16)
  }

  /// The mutation suite: every mutant must fail.
  static let suite: [Mutant] = derivativeSuite + jumpSuite

  /// The mutants of a derivative formula, kink or special value.
  static let derivativeSuite: [Mutant] = [
    Mutant(
      "sigmoid' = s (no 1-s)", "missing chain-rule factor", .sigmoid, .sigmoidMissingOneMinusS),
    Mutant("tanh(3x)' without 3", "missing chain-rule factor", .scaledTanh(3), .missingInnerFactor),
    Mutant("σ(2x)' without 2", "missing chain-rule factor", .scaledSigmoid(2), .missingInnerFactor),
    Mutant("tanh' = 1 - t", "missing chain-rule factor", .tanh, .tanhOneMinusT),
    Mutant("-tanh'", "wrong sign", .tanh, .negated),
    Mutant("-sigmoid'", "wrong sign", .sigmoid, .negated),
    Mutant("leaky slope -α", "wrong sign", .leaky(0.01), .leftSlope(-0.01)),
    Mutant("tanh' × 1.01", "constant factor", .tanh, .factor(1.01)),
    Mutant(
      "sigmoid' × (1 + 1e-3)", "constant factor", .sigmoid, .factor(1 + 1e-3), inFloat16: false),
    Mutant(
      "tanh' × (1 + 1e-4)", "constant factor", .tanh, .factor(1 + 1e-4), inFloat: false,
      inFloat16: false),
    Mutant(
      "sigmoid' × (1 - 1e-5)", "constant factor", .sigmoid, .factor(1 - 1e-5), inFloat: false,
      inFloat16: false),
    Mutant(
      "relu' × (1 + 1e-5)", "constant factor", .relu, .factor(1 + 1e-5), inFloat: false,
      inFloat16: false),
    Mutant(
      "tanh' × 1.5 for |x| > 4", "tail beyond |x| > 4", .tanh, .factorBeyond(4, 1.5),
      inFloat16: false),
    Mutant("sigmoid' ≈ e^-|x| for |x| > 4", "tail beyond |x| > 4", .sigmoid, .asymptoticBeyond(4)),
    Mutant(
      "sigmoid' × 1.001 for |x| > 4", "tail beyond |x| > 4", .sigmoid, .factorBeyond(4, 1.001),
      inFloat16: false),
    Mutant(
      "tanh' × 1.01 on [1, 1.5]", "interval of width 0.5", .tanh, .factorOn(1...1.5, 1.01),
      inFloat16: false),
    Mutant(
      "sigmoid' × (1 + 1e-4) on [-2.3, -1.8]", "interval of width 0.5", .sigmoid,
      .factorOn(-2.3 ... -1.8, 1 + 1e-4), inFloat: false, inFloat16: false),
    Mutant(
      "softplus' = 0 on [2, 2.5]", "interval of width 0.5", .softplus(beta: 1), .zeroOn(2...2.5)),
    Mutant("relu' = 0.01 left", "wrong slope on one side of a kink", .relu, .leftSlope(0.01)),
    Mutant(
      "leaky' = 1.1 right", "wrong slope on one side of a kink", .leaky(0.01), .rightSlope(1.1)),
    Mutant("leaky' = 2α left", "wrong slope on one side of a kink", .leaky(0.2), .leftSlope(0.4)),
    Mutant("relu' switches at +1e-3", "derivative step misplaced", .relu, .switchAt(1e-3)),
    Mutant("relu' switches at -1e-3", "derivative step misplaced", .relu, .switchAt(-1e-3)),
    Mutant("leaky' switches at +1e-3", "derivative step misplaced", .leaky(0.01), .switchAt(1e-3)),
    Mutant("relu'(0) = 2", "value at the kink outside both limits", .relu, .valueAtKink(2)),
    Mutant("relu'(0) = -1", "value at the kink outside both limits", .relu, .valueAtKink(-1)),
    Mutant("leaky'(0) = 5", "value at the kink outside both limits", .leaky(0.01), .valueAtKink(5)),
    Mutant("tanh'(1) = NaN", "NaN at a single point", .tanh, .nanAt(1)),
    Mutant("sigmoid'(0) = NaN", "NaN at a single point", .sigmoid, .nanAt(0)),
    Mutant("leaky'(-2.5) = NaN", "NaN at a single point", .leaky(0.01), .nanAt(-2.5)),
    Mutant(
      "leaky' always uses 0.01", "ignores a configured parameter", .leaky(0.01), .ignoresParameter),
    Mutant(
      "softplus' = σ(x), ignores β", "ignores a configured parameter", .softplus(beta: 1),
      .ignoresParameter),
    Mutant(
      "sigmoid' = 0 for |x| > 20", "saturated tail cut too early", .sigmoid, .cutToZeroBeyond(20),
      inFloat: false, inFloat16: false),
    Mutant(
      "tanh' = 0 for |x| > 10", "saturated tail cut too early", .tanh, .cutToZeroBeyond(10),
      inFloat: false, inFloat16: false),
    Mutant(
      "tanh' = 0 for |x| > 6", "saturated tail cut too early", .tanh, .cutToZeroBeyond(6),
      inFloat16: false),
    Mutant(
      "sigmoid' = 0 for x < -12", "saturated tail cut too early", .sigmoid, .cutToZeroBelow(-12),
      inFloat16: false),
    Mutant(
      "softplus' = 0 for x < -20", "saturated tail cut too early", .softplus(beta: 1),
      .cutToZeroBelow(-20), inFloat: false, inFloat16: false),
  ]

  /// Correct twins of every base: all must pass.
  static let correctBases: [Mutant] = [
    Mutant("sigmoid", "correct", .sigmoid, .none),
    Mutant("tanh", "correct", .tanh, .none),
    Mutant("relu", "correct", .relu, .none),
    Mutant("leaky", "correct", .leaky(0.01), .none),
    Mutant("softplus", "correct", .softplus(beta: 1), .none),
    Mutant("tanh(3x)", "correct", .scaledTanh(3), .none),
    Mutant("σ(2x)", "correct", .scaledSigmoid(2), .none),
    Mutant("hardshrink", "correct", .hardshrink(0.5), .none),
  ]
}
