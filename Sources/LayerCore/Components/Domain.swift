/// The inputs an activation is defined on.
public struct Domain: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The smallest allowed input, if any.
  public var lowerBound: Double?
  /// The largest allowed input, if any.
  public var upperBound: Double?
  /// Whether the bounds themselves are excluded, e.g. `x > 0` rather than `x >= 0`.
  public var excludesBounds: Bool

  /// A domain bounded on either or both sides.
  public init(lowerBound: Double? = nil, upperBound: Double? = nil, excludesBounds: Bool = true) {
    self.lowerBound = lowerBound
    self.upperBound = upperBound
    self.excludesBounds = excludesBounds
  }

  /// Every real number.
  public static let real = Domain()

  /// The inputs strictly greater than zero.
  public static let positive = Domain(lowerBound: 0)

  /// Whether `x` lies in the domain.
  public func contains(_ x: Double) -> Bool {
    if x.isNaN { return false }
    if let lowerBound, excludesBounds ? x <= lowerBound : x < lowerBound { return false }
    if let upperBound, excludesBounds ? x >= upperBound : x > upperBound { return false }
    return true
  }

  /// E.g. `x > 0`, or `all real x`.
  public var description: String {
    let lower = lowerBound.map { "\($0) \(excludesBounds ? "<" : "<=") " } ?? ""
    let upper = upperBound.map { " \(excludesBounds ? "<" : "<=") \($0)" } ?? ""
    return lower.isEmpty && upper.isEmpty ? "all real x" : "\(lower)x\(upper)"
  }
}
