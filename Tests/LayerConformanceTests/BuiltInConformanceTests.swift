import LayerConformance
import LayerKit
import Testing
import _TemplateActivation

/// Every registered component in every scalar type: one test case each.
@Test(arguments: ConformanceCase.all(in: try BuiltIn.registry))
func builtInDerivativesAreCorrect(_ testCase: ConformanceCase) {
  let reports = expectCorrectDerivatives(of: testCase.activation, in: [testCase.scalar])
  #expect(reports.allSatisfy { $0.points > 100 }, "too few points were checked")
}

@Test func theBuiltInRegistryIsCheckedAsAWhole() throws {
  let registry = try BuiltIn.registry
  let report = expectConformance(of: registry)
  #expect(report.rows.allSatisfy { $0.passed })
  let scalars = ScalarKind.allCases.count
  #expect(report.activations.count == scalars * registry.activations.count)
  #expect(report.layers.count == scalars * registry.layers.count)
  #expect(
    report.rows.map(\.component)
      == registry.names.flatMap { Array(repeating: $0, count: scalars) })
}

@Test(arguments: ScalarKind.allCases)
func theTemplatePasses(_ scalar: ScalarKind) {
  let reports = expectCorrectDerivatives(of: Template(), in: [scalar])
  #expect(reports.first?.runs.count == 3, "beta should be checked at 1, 0.5 and 4")
}
