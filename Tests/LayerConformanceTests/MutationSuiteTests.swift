import LayerConformance
import LayerKit
import Testing
import _TemplateActivation

/// The kit against the mutation suite: every wrong derivative caught, no false alarm.
struct MutationSuiteTests {
  let checker = ActivationChecker()

  @Test(arguments: Mutant.suite)
  func everyMutantIsCaughtInDouble(_ mutant: Mutant) {
    let report = checker.checkAllVariants(mutant, as: .double)
    #expect(!report.passed, "missed: \(mutant.label) (\(mutant.category)) in Double")
  }

  @Test(arguments: Mutant.suite.filter(\.inFloat))
  func everyLargeMutantIsCaughtInFloat(_ mutant: Mutant) {
    let report = checker.checkAllVariants(mutant, as: .float)
    #expect(!report.passed, "missed: \(mutant.label) (\(mutant.category)) in Float")
  }

  @Test(arguments: Mutant.correctBases)
  func everyCorrectTwinPasses(_ mutant: Mutant) {
    expectCorrectDerivatives(of: mutant)
  }

  /// Prints the detection and false-alarm counts over the whole suite, and holds them to
  /// "all caught, zero false alarms".
  @Test func detectionAndFalseAlarmCounts() throws {
    let categories = Set(Mutant.suite.map(\.category))
    #expect(Mutant.suite.count >= 30)
    #expect(categories.count == 11)
    var caught = 0
    var checks = 0
    for mutant in Mutant.suite {
      for scalar in ScalarKind.allCases where scalar == .double || mutant.inFloat {
        checks += 1
        if !checker.checkAllVariants(mutant, as: scalar).passed { caught += 1 }
      }
    }
    // PENDING JUMPS: see PendingJumps.swift.
    let builtIns = try BuiltIn.registry.activations.filter { !PendingJumps.isPending($0.name) }
    let correct: [any Activation] =
      builtIns + Mutant.correctBases + CorrectExtras.all + [Template()]
    var falseAlarms: [String] = []
    for activation in correct {
      for scalar in ScalarKind.allCases {
        let report = checker.checkAllVariants(activation, as: scalar)
        if !report.passed { falseAlarms.append(report.description) }
      }
    }
    print(
      """
      mutation suite: \(caught) of \(checks) wrong derivatives caught \
      (\(Mutant.suite.count) mutants in \(categories.count) categories, Double and Float); \
      false alarms: \(falseAlarms.count) of \(correct.count * 2) correct component checks
      """)
    #expect(caught == checks)
    #expect(falseAlarms.isEmpty, "\(falseAlarms.joined(separator: "\n"))")
  }
}

extension Mutant: CustomTestStringConvertible {
  var testDescription: String { "\(label) [\(category)]" }
}
