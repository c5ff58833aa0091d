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
    #expect(categories.count == 12)
    var caught: [ScalarKind: Int] = [:]
    var checks: [ScalarKind: Int] = [:]
    for mutant in Mutant.suite {
      for scalar in ScalarKind.allCases where scalar == .double || mutant.inFloat {
        checks[scalar, default: 0] += 1
        if !checker.checkAllVariants(mutant, as: scalar).passed { caught[scalar, default: 0] += 1 }
      }
    }
    let correct: [any Activation] =
      try BuiltIn.registry.activations + Mutant.correctBases + CorrectExtras.all + [Template()]
    var alarms: [ScalarKind: [String]] = [:]
    for activation in correct {
      for scalar in ScalarKind.allCases {
        let report = checker.checkAllVariants(activation, as: scalar)
        if !report.passed { alarms[scalar, default: []].append(report.description) }
      }
    }
    let perScalar = ScalarKind.allCases.map { scalar in
      "\(scalar): \(caught[scalar, default: 0]) of \(checks[scalar, default: 0]) caught, "
        + "\(alarms[scalar, default: []].count) false alarms in \(correct.count) correct"
    }
    print(
      """
      mutation suite (\(Mutant.suite.count) mutants in \(categories.count) categories): \
      \(perScalar.joined(separator: "; "))
      """)
    #expect(caught == checks)
    let falseAlarms = ScalarKind.allCases.flatMap { alarms[$0, default: []] }
    #expect(falseAlarms.isEmpty, "\(falseAlarms.joined(separator: "\n"))")
  }
}

extension Mutant: CustomTestStringConvertible {
  var testDescription: String { "\(label) [\(category)]" }
}
