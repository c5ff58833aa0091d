/// What the kit measured at a declared jump.
public struct JumpResult: Sendable, Hashable, Codable {
  /// The declared location.
  public var location: Double
  /// The declared value of the function at the jump.
  public var declaredValue: Double
  /// What the component's `value(at:)` returned at the location, in the scalar type checked.
  public var valueAtJump: Double
  /// The measured limit of the function from the left.
  public var leftLimit: Double
  /// The measured limit of the function from the right.
  public var rightLimit: Double
  /// The declared convention for the derivative at the jump.
  public var convention: String
  /// The measured limit of the slope from the left.
  public var leftSlope: Double
  /// The measured limit of the slope from the right.
  public var rightSlope: Double
  /// The component's derivative just left of the jump.
  public var analyticLeft: Double
  /// The component's derivative just right of the jump.
  public var analyticRight: Double
  /// The component's derivative exactly at the jump.
  public var analyticAtJump: Double
  /// Whether the two limits differ, i.e. the jump is really there.
  public var confirmed: Bool
  /// Whether the value at the jump is the declared one.
  public var valueHolds: Bool
  /// Whether the derivative at the jump follows the declared convention.
  public var conventionHolds: Bool
}
