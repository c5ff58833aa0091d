import LayerConformance
import LayerKit
import Testing
import _TemplateActivation

/// Every registered component in every scalar type: one test case each.
///
/// The report is the mutation suite's check of the component (``MutationOutcomes``, where the
/// built-ins are among the correct components), run once for both; `expectCorrectDerivatives`
/// itself is exercised by the correct twins and the template.
@Test(arguments: ConformanceCase.all(in: try BuiltIn.registry))
func builtInDerivativesAreCorrect(_ testCase: ConformanceCase) async throws {
  let outcomes = try await MutationOutcomes.shared.value
  let entry = try #require(
    outcomes.correct.first { $0.group == .builtIn && $0.component.name == testCase.activation.name }
  )
  let index = try #require(ScalarKind.allCases.firstIndex(of: testCase.scalar))
  let report = entry.reports[index]
  #expect(report.scalar == "\(testCase.scalar)")
  #expect(report.passed, "\(report)")
  #expect(report.points > 100, "too few points were checked")
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
