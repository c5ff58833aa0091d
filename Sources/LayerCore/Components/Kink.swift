/// A point where an activation is continuous but not differentiable, such as ReLU's 0.
///
/// At a kink the derivative has two different one-sided limits. The component still has to
/// return something there; ``convention`` says which value it returns, and the conformance
/// kit checks that claim against the measured one-sided slopes.
public struct Kink: Sendable, Hashable, Codable, CustomStringConvertible {
  /// What ``Activation/derivative(at:)`` returns exactly at the kink.
  public enum Convention: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The limit of the derivative from the left (ReLU'(0) = 0 is this).
    case leftLimit
    /// The limit of the derivative from the right.
    case rightLimit
    /// The mean of the two one-sided limits.
    case average
    /// Some value between the two one-sided limits (a subgradient).
    case between

    /// A short human-readable name.
    public var description: String {
      switch self {
      case .leftLimit: "left limit"
      case .rightLimit: "right limit"
      case .average: "average of both limits"
      case .between: "between both limits"
      }
    }
  }

  /// Where the kink is.
  public var location: Double
  /// What the derivative returns at ``location``.
  public var convention: Convention

  /// Declares a kink at `location` whose derivative there follows `convention`.
  public init(at location: Double, convention: Convention) {
    self.location = location
    self.convention = convention
  }

  /// E.g. `kink at 0 (derivative: left limit)`.
  public var description: String { "kink at \(location) (derivative: \(convention))" }
}
