import Foundation
import LayerConformance
import LayerKit
import Testing

// The walk over the activation kit's public entry points with degenerate arguments: sample
// plans with zero, negative, NaN or endless steps, activations with unusable declarations,
// empty registries and scalar lists, empty tables and plots. Each returns a failing report (or
// throws) naming the argument; none may trap or hang.

/// A sample plan with one setting changed, and the word the failure must name.
let unusablePlans: [(plan: SamplePlan, names: String)] = {
  func plan(_ change: (inout SamplePlan) -> Void) -> SamplePlan {
    var plan = SamplePlan()
    change(&plan)
    return plan
  }
  return [
    (plan { $0.gridStep = 0 }, "gridStep"),
    (plan { $0.gridStep = -0.5 }, "gridStep"),
    (plan { $0.gridStep = .nan }, "gridStep"),
    (plan { $0.range = -1e300...1e300 }, "gridStep"),
    (plan { $0.range = -Double.infinity...0 }, "range"),
    (plan { $0.randomCount = -1 }, "randomCount"),
    (plan { $0.scanStep = 0 }, "scanStep"),
    (plan { $0.scanStep = .infinity }, "scanStep"),
    (plan { $0.tails = [.nan] }, "tails"),
    (plan { $0.kinkDistances = [0] }, "kinkDistances"),
    (plan { $0.kinkDistances = [-1e-3] }, "kinkDistances"),
  ]
}()

/// An activation whose declarations are unusable in the ways `flaw` says.
struct BadlyDeclared: Activation {
  enum Flaw: Sendable, CaseIterable { case nanKink, infiniteKink, kinkOutsideDomain, nanParameter }
  var flaw: Flaw
  var name: String { "BadlyDeclared" }
  func value<T: LayerScalar>(at x: T) -> T { x * x }
  func derivative<T: LayerScalar>(at x: T) -> T { 2 * x }
  var kinks: [Kink] {
    switch flaw {
    case .nanKink: [Kink(at: .nan, convention: .average)]
    case .infiniteKink: [Kink(at: .infinity, convention: .average)]
    case .kinkOutsideDomain: [Kink(at: -1, convention: .average)]
    case .nanParameter: []
    }
  }
  var domain: Domain { flaw == .kinkOutsideDomain ? .positive : .real }
  var parameters: [Parameter] {
    flaw == .nanParameter ? [Parameter(name: "scale", value: .nan, checkedValues: [1])] : []
  }
}

@Suite("Degenerate arguments: the activation kit reports, never traps or hangs")
struct DegenerateActivationArgumentTests {
  @Test(arguments: 0..<unusablePlans.count, ScalarKind.allCases)
  func unusableSamplePlanFails(_ index: Int, _ scalar: ScalarKind) {
    let (plan, names) = unusablePlans[index]
    let report = ActivationChecker(plan: plan).check(Sigmoid(), as: scalar)
    #expect(!report.passed)
    let invalid = report.problems.filter { $0.kind == .invalidArgument }
    #expect(invalid.count == 1, "\(report.problems)")
    #expect(invalid.first?.message.contains(names) == true, "\(invalid)")
  }

  @Test(arguments: BadlyDeclared.Flaw.allCases, ScalarKind.allCases)
  func unusableDeclarationsFail(_ flaw: BadlyDeclared.Flaw, _ scalar: ScalarKind) {
    let report = ActivationChecker().checkAllVariants(BadlyDeclared(flaw: flaw), as: scalar)
    #expect(!report.passed)
    #expect(report.runs[0].problems.contains { $0.kind == .invalidDeclaration })
  }

  @Test func emptyRegistriesAndScalarListsCheckNothingAndFail() throws {
    let empty = RegistryChecker().check(Registry())
    #expect(!empty.passed)
    #expect(empty.problems.map(\.kind) == [.nothingChecked])
    let none = RegistryChecker().check(try Registry(activations: [Tanh()]), scalars: [])
    #expect(!none.passed)
    #expect(none.problems.first?.message.contains("no scalar type") == true)
  }

  @Test func integrationHelpersRecordAnIssueWhenNothingIsChecked() throws {
    withKnownIssue {
      expectCorrectDerivatives(of: Tanh(), in: [])
    }
    withKnownIssue {
      expectConformance(of: Registry())
    }
    withKnownIssue {
      expectCorrectGradients(of: DenseBlueprint(), in: [])
    }
  }

  @Test func tablesAndPlotsOfNothingRenderWithoutTrapping() {
    #expect(TextTable(header: []).rendered == "\n")
    let ragged = TextTable(header: ["a"], rows: [[], ["1", "2"]]).rendered
    #expect(ragged.split(separator: "\n", omittingEmptySubsequences: false) == ["a", "-", "", "1"])
    for range in [1.0...1.0, -Double.infinity...0] {
      let plot = SVGPlot.render(Tanh(), reports: [], range: range)
      #expect(plot.hasPrefix("<svg"))
      #expect(!plot.contains("nan") && !plot.contains("inf"), "non-finite coordinates")
    }
  }

  @Test func malformedReferenceTablesThrow() {
    #expect(throws: (any Error).self) { try ReferenceTable(csv: "") }
    #expect(throws: (any Error).self) { try ReferenceTable(csv: "x,f,fprime\n1,2\n") }
    #expect(throws: (any Error).self) { try ReferenceTable(csv: "x,f,fprime\nabc,1,2\n") }
  }
}
