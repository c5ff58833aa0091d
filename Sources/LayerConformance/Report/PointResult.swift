/// The comparison of the analytic derivative with the numeric reference at one point.
public struct PointResult: Sendable, Hashable, Codable {
  /// The input, converted to `Double` for reporting.
  public var x: Double
  /// What the component's `derivative(at:)` returned.
  public var analytic: Double
  /// The numeric reference the analytic value was judged against.
  public var numeric: Double
  /// Every reference the kit computed at this point, by method name (`central`,
  /// `richardson`, `dual`).
  public var references: [String: Double]
  /// The reference ``numeric`` comes from: `dual` unless the finite differences outvoted it.
  public var judgedBy: String
  /// The finite-difference stencil used: `central`, `forward` (right of a kink) or
  /// `backward` (left of a kink).
  public var stencil: String
  /// `|analytic - numeric| / max(|analytic|, |numeric|, floor)`.
  public var error: Double
  /// The tolerance `error` was compared with.
  public var tolerance: Double

  /// Whether the point passed.
  public var passed: Bool { error <= tolerance }
}

/// What the kit measured at a declared kink.
public struct KinkResult: Sendable, Hashable, Codable {
  /// The declared location.
  public var location: Double
  /// The declared convention for the derivative at the kink.
  public var convention: String
  /// The measured limit of the slope from the left.
  public var leftSlope: Double
  /// The measured limit of the slope from the right.
  public var rightSlope: Double
  /// The component's derivative just left of the kink.
  public var analyticLeft: Double
  /// The component's derivative just right of the kink.
  public var analyticRight: Double
  /// The component's derivative exactly at the kink.
  public var analyticAtKink: Double
  /// Whether the one-sided slopes differ, i.e. the kink is really there.
  public var confirmed: Bool
  /// Whether the derivative at the kink follows the declared convention.
  public var conventionHolds: Bool
}

/// One thing wrong with a component, as found by the kit.
public struct Problem: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The category of a problem.
  public enum Kind: String, Sendable, Hashable, Codable {
    /// The analytic derivative differs from the numeric reference beyond the tolerance.
    case derivativeMismatch
    /// The value at a finite input is NaN or infinite.
    case nonFiniteValue
    /// The derivative at a finite input is NaN or infinite.
    case nonFiniteDerivative
    /// A NaN input did not give a NaN output, or an infinite input gave NaN.
    case badSpecialValue
    /// A declared kink shows no change of slope.
    case kinkNotFound
    /// The derivative at a declared kink breaks the declared convention.
    case kinkConvention
    /// The slope changes abruptly at a point that is not declared as a kink.
    case undeclaredKink
    /// The function value itself jumps.
    case discontinuity
    /// A parameter, kink or domain declaration is unusable.
    case invalidDeclaration
    /// No point was checked at all.
    case nothingChecked
  }

  /// The category.
  public var kind: Kind
  /// The input the problem is located at, if any.
  public var x: Double?
  /// A full sentence: what was expected, what was found.
  public var message: String

  /// Creates a problem.
  public init(_ kind: Kind, at x: Double? = nil, _ message: String) {
    self.kind = kind
    self.x = x
    self.message = message
  }

  /// The message.
  public var description: String { message }
}
