import Foundation
import LayerCore

/// The activation checker's finite-difference estimates of f'(x), computed in type `W`, each
/// with an estimate of its own error: the central difference of ``FiniteDifference``, its
/// one-sided variants near a kink, and Richardson extrapolation, with steps by
/// ``FiniteDifference/step(at:power:)``.
///
/// Function values are multiplied by a power of two (exact) that brings f(x) near 1 before
/// they are differenced, so that slopes of tiny functions do not lose digits to subnormal
/// differences (loss scaling).
struct Stencil<W: CheckableScalar> {
  /// Which side of x a stencil may reach.
  enum Side: String, Sendable {
    case central, forward, backward
  }

  /// An estimate of f'(x) and a bound on its error.
  struct Estimate {
    var value: W
    var error: W
  }

  let f: (W) -> W

  init(_ f: @escaping (W) -> W) { self.f = f }

  /// The step of the plain central difference: ∛ε · max(|x|, 1), the classical optimum.
  static func centralStep(at x: W) -> W { FiniteDifference.step(at: x) }

  /// The step of the Richardson-extrapolated five-point stencil: ε^(1/7) · max(|x|, 1), which
  /// balances its O(h⁶) truncation error against O(ε/h) rounding.
  static func richardsonStep(at x: W) -> W { FiniteDifference.step(at: x, power: 1.0 / 7) }

  /// The step of the one-sided Richardson stencil, O(h³) truncation: ε^(1/4) · max(|x|, 1).
  static func oneSidedStep(at x: W) -> W { FiniteDifference.step(at: x, power: 1.0 / 4) }

  /// A power of two that brings |f(x)| near 1 (1 for zero or non-finite values).
  func scale(at x: W) -> W {
    let fx = f(x)
    guard fx.isFinite, fx != 0 else { return 1 }
    let exponent = Swift.max(Swift.min(-Int(fx.exponent), 600), -600)
    return W(sign: .plus, exponent: W.Exponent(exponent), significand: 1)
  }

  /// The rounding noise σ of f near x, measured rather than assumed (after Moré and Wild,
  /// "Estimating computational noise", 2011): nine values f(x + iδ) on x's side, spaced like
  /// the stencil (δ = ∛ε · max(|x|, 1) / 4), and their k-th differences for k = 4, 5, 6.
  /// For smooth f those shrink like δ^k; noise makes them level off at about
  /// σ·√((2k)! / (k!)²). The smallest of the three scaled estimates is taken, and never less
  /// than ε·|f(x)|. A function that cancels internally, such as 1 + erf(x) for x < -3, is far
  /// noisier than ε·|f(x)|, and only a measurement shows it.
  func roughness(at x: W, side: Side) -> W {
    let delta = Self.centralStep(at: x) / 4
    let offsets: [W] =
      switch side {
      case .central: (-4...4).map { W($0) }
      case .forward: (0...8).map { W($0) }
      case .backward: (-8...0).map { W($0) }
      }
    var differences = offsets.map { f(x + $0 * delta) }
    let floor = W.ulpOfOne * Swift.abs(f(x))
    guard differences.allSatisfy(\.isFinite) else { return floor }
    var best = W.infinity
    // γ_k = (k!)² / (2k)! for k = 1...6.
    let gamma: [W] = [0.5, 1.0 / 6, 1.0 / 20, 1.0 / 70, 1.0 / 252, 1.0 / 924]
    for k in 1...6 {
      differences = (0..<differences.count - 1).map { differences[$0 + 1] - differences[$0] }
      guard k >= 4 else { continue }
      let meanSquare = differences.reduce(W(0)) { $0 + $1 * $1 } / W(differences.count)
      best = Swift.min(best, (gamma[k - 1] * meanSquare).squareRoot())
    }
    return Swift.max(best, floor)
  }

  /// The rounding error of a stencil of step h on the given side: three times the measured
  /// noise of f, divided by h.
  func noise(at x: W, step h: W, side: Side) -> W {
    3 * roughness(at: x, side: side) / h
  }

  /// Second-order estimate on the given side: central (f(x+h) - f(x-h)) / 2h, or the
  /// one-sided ``FiniteDifference/secondOrder(at:step:side:_:)`` that stays on one side of x.
  func secondOrder(at x: W, step h: W, side: Side) -> W {
    let s = scale(at: x)
    let g = { (t: W) in self.f(t) * s }
    let value: W
    switch side {
    case .central: value = FiniteDifference.central(at: x, step: h, g)
    case .forward: value = FiniteDifference.secondOrder(at: x, step: h, side: .right, g)
    case .backward: value = FiniteDifference.secondOrder(at: x, step: h, side: .left, g)
    }
    return value / s
  }

  /// The plain second-order estimate at step h, with its error estimated from a second
  /// evaluation at h/2 (the difference of the two is three quarters of the error at h).
  func plain(at x: W, step h: W, side: Side) -> Estimate {
    let coarse = secondOrder(at: x, step: h, side: side)
    let fine = secondOrder(at: x, step: h / 2, side: side)
    return Estimate(
      value: coarse, error: Swift.abs(coarse - fine) * 4 / 3 + noise(at: x, step: h, side: side))
  }

  /// Five-point central stencil (f(x-2h) - 8f(x-h) + 8f(x+h) - f(x+2h)) / 12h, O(h⁴).
  func fivePoint(at x: W, step h: W) -> W {
    let s = scale(at: x)
    let g = { (t: W) in self.f(t) * s }
    return (g(x - 2 * h) - 8 * g(x - h) + 8 * g(x + h) - g(x + 2 * h)) / (12 * h) / s
  }

  /// Richardson extrapolation: the five-point stencil at h and h/2 combined as
  /// (16·D(h/2) - D(h)) / 15, O(h⁶); one-sided, the second-order stencil at h and h/2
  /// combined as (4·D(h/2) - D(h)) / 3, O(h³). The error estimate is the distance from the
  /// finer unextrapolated value plus rounding noise.
  func richardson(at x: W, step h: W, side: Side) -> Estimate {
    switch side {
    case .central:
      let coarse = fivePoint(at: x, step: h)
      let fine = fivePoint(at: x, step: h / 2)
      let value = (16 * fine - coarse) / 15
      return Estimate(
        value: value, error: Swift.abs(value - fine) + noise(at: x, step: h, side: side))
    case .forward, .backward:
      let coarse = secondOrder(at: x, step: h, side: side)
      let fine = secondOrder(at: x, step: h / 2, side: side)
      let value = (4 * fine - coarse) / 3
      return Estimate(
        value: value, error: Swift.abs(value - fine) + 2 * noise(at: x, step: h, side: side))
    }
  }
}
