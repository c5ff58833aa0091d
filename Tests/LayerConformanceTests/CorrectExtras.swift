import LayerCore

/// Correct activations with awkward numerics: none of them may raise an alarm.
///
/// `HandSoftsign`, `HandELU` and `HandHardTanh` are hand-written test copies, named apart from
/// the built-in `Softsign`, `ELU` and `HardTanh` that `LayerKit` re-exports.
enum CorrectExtras {
  static let all: [any Activation] = [
    HandSoftsign(), NaiveGELU(), HandELU(alpha: 1), HandELU(alpha: 0.5), Swish(), HandHardTanh(),
  ]
}

/// x / (1 + |x|): continuously differentiable, but its second derivative jumps at 0.
struct HandSoftsign: Activation {
  var name: String { "Softsign" }
  func value<T: LayerScalar>(at x: T) -> T {
    x.isInfinite ? (x > 0 ? 1 : -1) : x / (1 + T.abs(x))
  }
  func derivative<T: LayerScalar>(at x: T) -> T {
    let d = 1 + T.abs(x)
    return 1 / (d * d)
  }
}

/// GELU as most frameworks write it, x · ½(1 + erf(x/√2)): 1 + erf cancels for x < -3, so
/// value and derivative are noisy there (the limits at ±∞ are handled explicitly).
struct NaiveGELU: Activation {
  var name: String { "NaiveGELU" }
  func value<T: LayerScalar>(at x: T) -> T {
    if x.isInfinite { return x > 0 ? x : 0 }
    return x * ((1 + T.erf(x / T.sqrt(2))) / 2)
  }
  func derivative<T: LayerScalar>(at x: T) -> T {
    if x.isInfinite { return x > 0 ? 1 : 0 }
    let cdf = (1 + T.erf(x / T.sqrt(2))) / 2
    let pdf = T.exp(-x * x / 2) / T.sqrt(2 * T.pi)
    return cdf + x * pdf
  }
}

/// ELU: x for x > 0, α(e^x - 1) otherwise. A kink at 0 unless α = 1.
struct HandELU: Activation {
  var alpha: Double
  var name: String { "ELU" }
  var kinks: [Kink] { alpha == 1 ? [] : [Kink(at: 0, convention: .leftLimit)] }
  func value<T: LayerScalar>(at x: T) -> T { x > 0 ? x : T(alpha) * T.expm1(x) }
  func derivative<T: LayerScalar>(at x: T) -> T {
    if x.isNaN { return x }
    return x > 0 ? 1 : T(alpha) * T.exp(x)
  }
}

/// Swish x · σ(x), derivative σ(x)(1 + x(1 - σ(x))).
struct Swish: Activation {
  var name: String { "Swish" }
  func value<T: LayerScalar>(at x: T) -> T {
    // x · σ(x) with σ(-∞)·(-∞) taken as its limit 0.
    x.isInfinite ? (x > 0 ? x : 0) : x * T.logistic(x)
  }
  func derivative<T: LayerScalar>(at x: T) -> T {
    if x.isInfinite { return x > 0 ? 1 : 0 }
    let s = T.logistic(x)
    return s * (1 + x * (1 - s))
  }
}

/// Clamp to [-1, 1]: two kinks, derivative 1 inside, 0 outside, the inside value at both kinks.
struct HandHardTanh: Activation {
  var name: String { "HardTanh" }
  var kinks: [Kink] {
    [Kink(at: -1, convention: .rightLimit), Kink(at: 1, convention: .leftLimit)]
  }
  func value<T: LayerScalar>(at x: T) -> T { x < -1 ? -1 : (x > 1 ? 1 : x) }
  func derivative<T: LayerScalar>(at x: T) -> T {
    if x.isNaN { return x }
    return x < -1 || x > 1 ? 0 : 1
  }
}
