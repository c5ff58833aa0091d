/// A point where an activation is discontinuous on purpose, such as Hardshrink's ±λ.
///
/// Left and right of a jump the function tends to different limits. The component still
/// returns one value exactly there, and its derivative returns one value there too. A jump
/// declares both: ``value`` is what ``Activation/value(at:)`` returns at ``location``, and
/// ``derivative`` says which value ``Activation/derivative(at:)`` returns there, by the same
/// rule a ``Kink`` uses. A jump may also change the slope (Hardshrink's is 0 inside and 1
/// outside); do not declare a kink at the same place.
///
/// ```swift
/// // Hardshrink: x for |x| > λ, 0 otherwise; its derivative is 0 at ±λ.
/// var jumps: [Jump] {
///   [
///     Jump(at: -lambda, value: 0, derivative: .rightLimit),
///     Jump(at: lambda, value: 0, derivative: .leftLimit),
///   ]
/// }
/// ```
///
/// The conformance kit confirms that the function really jumps there, that it returns
/// ``value`` at the jump, that the derivative there follows ``derivative``, and checks the
/// derivative on both sides with stencils that never reach across the jump.
public struct Jump: Sendable, Hashable, Codable, CustomStringConvertible {
  /// Where the function jumps.
  public var location: Double
  /// What ``Activation/value(at:)`` returns exactly at ``location``: often one of the two
  /// limits, but any value (the midpoint, say) may be declared.
  public var value: Double
  /// What ``Activation/derivative(at:)`` returns exactly at ``location``, relative to the
  /// one-sided slopes: `.leftLimit` for the slope of the piece on the left, and so on.
  public var derivative: Kink.Convention

  /// Declares a jump at `location` where the function returns `value` and the derivative
  /// follows `derivative`.
  public init(at location: Double, value: Double, derivative: Kink.Convention) {
    self.location = location
    self.value = value
    self.derivative = derivative
  }

  /// E.g. `jump at 0.5 (value there: 0, derivative: left limit)`.
  public var description: String {
    "jump at \(location) (value there: \(value), derivative: \(derivative))"
  }
}
