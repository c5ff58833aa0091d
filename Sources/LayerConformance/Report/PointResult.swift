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
