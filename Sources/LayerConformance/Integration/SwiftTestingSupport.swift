import LayerCore
import Testing

/// Checks `activation` (and each of its parameter variants) in every scalar type of `scalars`
/// and records a Swift Testing issue, with the full report, for each scalar type that fails.
///
/// ```swift
/// @Test func softsignDerivative() {
///   expectCorrectDerivatives(of: Softsign())
/// }
/// ```
///
/// - Returns: The reports, for further assertions.
@discardableResult
public func expectCorrectDerivatives(
  of activation: some Activation,
  in scalars: [ScalarKind] = ScalarKind.allCases,
  checker: GradientChecker = GradientChecker(),
  sourceLocation: SourceLocation = #_sourceLocation
) -> [ComponentReport] {
  if scalars.isEmpty {
    Issue.record("no scalar type requested: nothing was checked", sourceLocation: sourceLocation)
  }
  let reports = scalars.map { checker.checkAllVariants(activation, as: $0) }
  for report in reports where !report.passed {
    Issue.record("\(report)", sourceLocation: sourceLocation)
  }
  return reports
}

/// Checks every activation of `registry` and records an issue for each failing one, and one
/// if the registry is empty.
@discardableResult
public func expectCorrectDerivatives(
  in registry: Registry,
  scalars: [ScalarKind] = ScalarKind.allCases,
  checker: GradientChecker = GradientChecker(),
  sourceLocation: SourceLocation = #_sourceLocation
) -> RegistryReport {
  let report = checker.check(registry, scalars: scalars)
  for problem in report.problems {
    Issue.record("\(problem)", sourceLocation: sourceLocation)
  }
  for component in report.components where !component.passed {
    Issue.record("\(component)", sourceLocation: sourceLocation)
  }
  return report
}

/// One activation in one scalar type: the argument of a parameterized conformance test.
///
/// ```swift
/// @Test(arguments: ConformanceCase.all(in: try BuiltIn.registry))
/// func derivatives(_ testCase: ConformanceCase) {
///   expectCorrectDerivatives(of: testCase.activation, in: [testCase.scalar])
/// }
/// ```
public struct ConformanceCase: Sendable, CustomTestStringConvertible, CustomStringConvertible {
  /// The activation to check.
  public var activation: any Activation
  /// The scalar type to check it in.
  public var scalar: ScalarKind

  /// Pairs an activation with a scalar type.
  public init(_ activation: any Activation, _ scalar: ScalarKind) {
    self.activation = activation
    self.scalar = scalar
  }

  /// Every activation of `registry` in every scalar type of `scalars`.
  public static func all(
    in registry: Registry, scalars: [ScalarKind] = ScalarKind.allCases
  ) -> [ConformanceCase] {
    registry.activations.flatMap { activation in scalars.map { ConformanceCase(activation, $0) } }
  }

  /// E.g. `LeakyReLU(negativeSlope: 0.01) in Float`, shown as the test case's name.
  public var testDescription: String { "\(activation) in \(scalar)" }

  /// Same as ``testDescription``.
  public var description: String { testDescription }
}
