import LayerCore

// Deliberately wrong derivatives. Each must make the kit fail; each has a correct twin among
// the built-ins that must pass.

/// ReLU with the classic backward bug dZ = dA * max(Z, 0): the derivative is max(x, 0).
struct ReLUDerivativeIsMaxXZero: Activation {
  var name: String { "ReLU" }
  var kinks: [Kink] { [Kink(at: 0, convention: .leftLimit)] }
  func value<T: LayerScalar>(at x: T) -> T { x < 0 ? 0 : x }
  func derivative<T: LayerScalar>(at x: T) -> T { x < 0 ? 0 : x }
}

/// Sigmoid whose derivative forgot the (1 - s) factor.
struct SigmoidMissingOneMinusS: Activation {
  var name: String { "Sigmoid" }
  func value<T: LayerScalar>(at x: T) -> T { T.logistic(x) }
  func derivative<T: LayerScalar>(at x: T) -> T { T.logistic(x) }
}

/// Tanh whose derivative is 1 - t instead of 1 - t².
struct TanhOneMinusT: Activation {
  var name: String { "Tanh" }
  func value<T: LayerScalar>(at x: T) -> T { T.tanh(x) }
  func derivative<T: LayerScalar>(at x: T) -> T { 1 - T.tanh(x) }
}

/// Leaky ReLU whose derivative uses a slope of 0.1 on the negative side whatever the parameter.
struct LeakyReLUWrongNegativeSlope: Activation {
  var negativeSlope = 0.01
  var name: String { "LeakyReLU" }
  var kinks: [Kink] { [Kink(at: 0, convention: .leftLimit)] }
  func value<T: LayerScalar>(at x: T) -> T { x < 0 ? T(negativeSlope) * x : x }
  func derivative<T: LayerScalar>(at x: T) -> T { x > 0 ? 1 : T(0.1) }
}

/// ReLU whose derivative at the kink is 0.5 although it declares the left limit.
struct ReLUBrokenConvention: Activation {
  var name: String { "ReLU" }
  var kinks: [Kink] { [Kink(at: 0, convention: .leftLimit)] }
  func value<T: LayerScalar>(at x: T) -> T { x < 0 ? 0 : x }
  func derivative<T: LayerScalar>(at x: T) -> T {
    if x.isNaN { return x }
    return x == 0 ? T(0.5) : (x > 0 ? 1 : 0)
  }
}

/// A smooth function that declares a kink it does not have.
struct SigmoidWithPhantomKink: Activation {
  var name: String { "Sigmoid" }
  var kinks: [Kink] { [Kink(at: 1, convention: .average)] }
  func value<T: LayerScalar>(at x: T) -> T { T.logistic(x) }
  func derivative<T: LayerScalar>(at x: T) -> T {
    let s = T.logistic(x)
    return s * (1 - s)
  }
}

/// A derivative that is NaN at a single point.
struct TanhNaNAtOne: Activation {
  var name: String { "Tanh" }
  func value<T: LayerScalar>(at x: T) -> T { T.tanh(x) }
  func derivative<T: LayerScalar>(at x: T) -> T {
    if x == 1 { return T.nan }
    let t = T.tanh(x)
    return 1 - t * t
  }
}

/// A value that does not propagate NaN.
struct ReLUSwallowsNaN: Activation {
  var name: String { "ReLU" }
  var kinks: [Kink] { [Kink(at: 0, convention: .leftLimit)] }
  func value<T: LayerScalar>(at x: T) -> T { x > 0 ? x : 0 }
  func derivative<T: LayerScalar>(at x: T) -> T { x > 0 ? 1 : 0 }
}

/// The textbook tanh formula, which overflows to NaN for |x| > ~355 in Double.
struct TextbookTanh: Activation {
  var name: String { "Tanh" }
  func value<T: LayerScalar>(at x: T) -> T {
    let (p, m) = (T.exp(x), T.exp(-x))
    return (p - m) / (p + m)
  }
  func derivative<T: LayerScalar>(at x: T) -> T {
    let t = value(at: x)
    return 1 - t * t
  }
}

/// A correct sigmoid written the naive way, s · (1 - s): it must pass, in Float too.
struct NaiveSigmoid: Activation {
  var name: String { "NaiveSigmoid" }
  func value<T: LayerScalar>(at x: T) -> T { T.logistic(x) }
  func derivative<T: LayerScalar>(at x: T) -> T {
    let s = T.logistic(x)
    return s * (1 - s)
  }
}

/// A correct tanh written the naive way, 1 - t²: it must pass, in Float too.
struct NaiveTanh: Activation {
  var name: String { "NaiveTanh" }
  func value<T: LayerScalar>(at x: T) -> T { T.tanh(x) }
  func derivative<T: LayerScalar>(at x: T) -> T {
    let t = T.tanh(x)
    return 1 - t * t
  }
}
