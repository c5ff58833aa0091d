import Foundation
import LayerCore

/// The kit's one finite-difference engine: the step rule, the central difference that every
/// checker (activation, layer, network) and the directional derivative use, and the one-sided
/// difference they use next to a declared kink.
public enum FiniteDifference {
  /// The side of `x` a one-sided difference reaches.
  public enum Side: String, Sendable, Hashable, Codable, CustomStringConvertible {
    /// Arguments `x − h` and `x − 2h`: the slope from the left.
    case left
    /// Arguments `x + h` and `x + 2h`: the slope from the right.
    case right

    /// The other side.
    @inlinable
    public var opposite: Side { self == .left ? .right : .left }

    /// `"left"` or `"right"`.
    public var description: String { rawValue }
  }

  /// The step at `x`: ε^`power` · max(|x|, 1) in the type of `x`, rounded so that `x + h` is
  /// exactly representable.
  ///
  /// The default power 1/3 is the classical optimum of the central difference: it balances
  /// its O(h²) truncation error against its O(ε/h) rounding error.
  @inlinable
  public static func step<S: BinaryFloatingPoint>(at x: S, power: Double = 1.0 / 3) -> S {
    let raw = S(Foundation.pow(Double(S.ulpOfOne), power)) * Swift.max(Swift.abs(x), 1)
    let exact = (x + raw) - x
    return exact == 0 ? raw : exact
  }

  /// `(f(x + h) − f(x − h)) / ((x + h) − (x − h))`: the central difference at `x` with step
  /// `h`, divided by the width the arguments really have after rounding.
  @inlinable
  public static func central<S: BinaryFloatingPoint, E: Error>(
    at x: S, step h: S, _ f: (S) throws(E) -> S
  ) throws(E) -> S {
    let plus = try f(x + h)
    let minus = try f(x - h)
    return quotient(plus, minus, over: x + h, x - h)
  }

  /// The central difference at `x` with the step ``step(at:power:)``.
  @inlinable
  public static func central<S: BinaryFloatingPoint, E: Error>(
    at x: S, _ f: (S) throws(E) -> S
  ) throws(E) -> S {
    try central(at: x, step: step(at: x), f)
  }

  /// The central differences at every point of `points` at once: `evaluate` receives the
  /// arguments `[x₀ + h₀, x₀ − h₀, x₁ + h₁, x₁ − h₁, …]` (steps by ``step(at:power:)``) and
  /// returns the function's values at them, in order. For callers that evaluate many
  /// arguments faster together than one by one.
  ///
  /// - Returns: One difference per point; empty if `evaluate` returned the wrong count.
  @inlinable
  public static func central<S: BinaryFloatingPoint, E: Error>(
    at points: [S], _ evaluate: ([S]) throws(E) -> [S]
  ) throws(E) -> [S] {
    var arguments: [S] = []
    arguments.reserveCapacity(2 * points.count)
    for x in points {
      let h = step(at: x)
      arguments.append(x + h)
      arguments.append(x - h)
    }
    let values = try evaluate(arguments)
    guard values.count == arguments.count else { return [] }
    return points.indices.map { p in
      quotient(values[2 * p], values[2 * p + 1], over: arguments[2 * p], arguments[2 * p + 1])
    }
  }

  /// The one-sided second-order difference at `x` with step `h`, reaching only `side` of `x`:
  /// `(4(f₁ − f₀) − (f₂ − f₀)) / (±2h)` with `f₀ = f(x)`, `f₁ = f(x ± h)`, `f₂ = f(x ± 2h)`.
  ///
  /// Its truncation error is O(h²) like the central difference's; differencing against `f₀`
  /// first keeps the digits that cancel.
  @inlinable
  public static func secondOrder<S: BinaryFloatingPoint, E: Error>(
    at x: S, step h: S, side: Side, _ f: (S) throws(E) -> S
  ) throws(E) -> S {
    let signed = side == .right ? h : -h
    let f0 = try f(x)
    let f1 = try f(x + signed)
    let f2 = try f(x + 2 * signed)
    return (4 * (f1 - f0) - (f2 - f0)) / (2 * signed)
  }

  /// The one-sided second-order difference at `x` with the step ``step(at:power:)``.
  @inlinable
  public static func secondOrder<S: BinaryFloatingPoint, E: Error>(
    at x: S, side: Side, _ f: (S) throws(E) -> S
  ) throws(E) -> S {
    try secondOrder(at: x, step: step(at: x), side: side, f)
  }

  @inlinable
  static func quotient<S: BinaryFloatingPoint>(_ plus: S, _ minus: S, over a: S, _ b: S) -> S {
    (plus - minus) / (a - b)
  }
}
