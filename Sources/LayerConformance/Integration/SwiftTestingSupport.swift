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
  checker: ActivationChecker = ActivationChecker(),
  sourceLocation: SourceLocation = #_sourceLocation
) -> [ActivationVariantsReport] {
  if scalars.isEmpty {
    Issue.record("no scalar type requested: nothing was checked", sourceLocation: sourceLocation)
  }
  let reports = scalars.map { checker.checkAllVariants(activation, as: $0) }
  for report in reports where !report.passed {
    Issue.record("\(report)", sourceLocation: sourceLocation)
  }
  return reports
}

/// Checks every component of `registry`, activations and layers, and records an issue for
/// each failing component and scalar type, and one if nothing was checked.
///
/// ```swift
/// @Test func everyComponent() throws {
///   expectConformance(of: try BuiltIn.registry)
/// }
/// ```
@discardableResult
public func expectConformance(
  of registry: Registry,
  scalars: [ScalarKind] = ScalarKind.allCases,
  checker: RegistryChecker = RegistryChecker(),
  sourceLocation: SourceLocation = #_sourceLocation
) -> RegistryReport {
  let report = checker.check(registry, scalars: scalars)
  for problem in report.problems {
    Issue.record("\(problem)", sourceLocation: sourceLocation)
  }
  for row in report.rows where !row.passed {
    switch row {
    case .activation(let report): Issue.record("\(report)", sourceLocation: sourceLocation)
    case .layer(let report): Issue.record("\(report)", sourceLocation: sourceLocation)
    }
  }
  return report
}

/// Checks the layer `blueprint` builds in every scalar type of `scalars` and records a Swift
/// Testing issue, with the full report, for each scalar type that fails.
///
/// ```swift
/// @Test func scaleGradients() {
///   expectCorrectGradients(of: ScaleBlueprint())
/// }
/// ```
///
/// - Returns: The reports, for further assertions.
@discardableResult
public func expectCorrectGradients(
  of blueprint: some LayerBlueprint,
  in scalars: [ScalarKind] = ScalarKind.allCases,
  checker: LayerChecker = LayerChecker(),
  sourceLocation: SourceLocation = #_sourceLocation
) -> [LayerReport] {
  if scalars.isEmpty {
    Issue.record("no scalar type requested: nothing was checked", sourceLocation: sourceLocation)
  }
  let reports = scalars.map { checker.check(blueprint, as: $0) }
  for report in reports where !report.passed {
    Issue.record("\(report)", sourceLocation: sourceLocation)
  }
  return reports
}

/// Checks the gradient of a whole network, `layers` followed by `loss`, at `input` against
/// `target`, and records a Swift Testing issue with the full report if it fails.
///
/// ```swift
/// @Test func networkGradients() throws {
///   expectCorrectGradients(ofNetwork: [dense, ActivationLayer(Tanh(), of: Double.self)],
///                          loss: MeanSquaredError(), input: x, target: y)
/// }
/// ```
@discardableResult
public func expectCorrectGradients<T: NetworkCheckScalar>(
  ofNetwork layers: [any Layer<T>],
  loss: any Loss,
  input: Tensor<T>,
  target: Tensor<T>,
  checker: NetworkChecker = NetworkChecker(),
  sourceLocation: SourceLocation = #_sourceLocation
) -> NetworkReport {
  let report = checker.check(layers: layers, loss: loss, input: input, target: target)
  if !report.passed { Issue.record("\(report)", sourceLocation: sourceLocation) }
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
