/// A tunable parameter of an activation, such as LeakyReLU's negative slope.
public struct Parameter: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The parameter's name, as accepted by ``Activation/setting(_:to:)``.
  public var name: String
  /// The current value.
  public var value: Double
  /// Values the conformance kit checks the activation at, besides the current one.
  ///
  /// Choose values that exercise every regime: for a slope, 0, a small value, a large one and
  /// one above 1. A derivative that ignores its parameter is caught this way.
  public var checkedValues: [Double]

  /// Describes a parameter with its current value and the values worth checking.
  public init(name: String, value: Double, checkedValues: [Double] = []) {
    self.name = name
    self.value = value
    self.checkedValues = checkedValues
  }

  /// E.g. `negativeSlope = 0.01`.
  public var description: String { "\(name) = \(value)" }
}
