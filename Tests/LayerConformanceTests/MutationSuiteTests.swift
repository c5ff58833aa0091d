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

  /// Prints the detection counts per scalar type and the false-alarm count over the whole
  /// suite, and holds them to "every mutant expected in a type caught in it, exactly those in
  /// Float16, zero false alarms".
  @Test func detectionAndFalseAlarmCounts() throws {
    let categories = Set(Mutant.suite.map(\.category))
    #expect(Mutant.suite.count >= 30)
    #expect(categories.count == 12)
    var lines: [String] = []
    for scalar in ScalarKind.allCases {
      let caught = Mutant.suite.filter { !checker.checkAllVariants($0, as: scalar).passed }
      let expected = Mutant.suite.filter { $0.isExpectedCaught(in: scalar) }
      let exact = scalar.rawValue == "Float16"
      let requirement =
        exact
        ? "exactly the \(expected.count) marked, \(Mutant.suite.count - expected.count) below its "
          + "resolution"
        : "\(expected.count) required"
      lines.append(
        "  \(scalar): \(caught.count) of \(Mutant.suite.count) wrong derivatives caught "
          + "(\(requirement))")
      let missed = expected.filter { m in !caught.contains { $0.label == m.label } }
      #expect(missed.isEmpty, "missed in \(scalar): \(missed.map(\.label).joined(separator: ", "))")
      if exact {
        // Exactly: a mutant marked below Float16's resolution that it catches is a wrong mark.
        let unexpected = caught.filter { m in !expected.contains { $0.label == m.label } }
        let names = unexpected.map(\.label).joined(separator: ", ")
        #expect(unexpected.isEmpty, "caught in Float16 but marked inFloat16: false: \(names)")
      }
    }
    let correct: [any Activation] =
      try BuiltIn.registry.activations + Mutant.correctBases + CorrectExtras.all + [Template()]
    var falseAlarms: [String] = []
    for activation in correct {
      for scalar in ScalarKind.allCases {
        let report = checker.checkAllVariants(activation, as: scalar)
        if !report.passed { falseAlarms.append(report.description) }
      }
    }
    print(
      """
      mutation suite (\(Mutant.suite.count) mutants in \(categories.count) categories), per scalar type:
      \(lines.joined(separator: "\n"))
      false alarms: \(falseAlarms.count) of \(correct.count * ScalarKind.allCases.count) correct \
      component checks
      """)
    #expect(falseAlarms.isEmpty, "\(falseAlarms.joined(separator: "\n"))")
  }
}

extension Mutant {
  /// Whether the check in `scalar` must catch this mutant: always in `Double`, in `Float`
  /// when ``inFloat``, in `Float16` when ``inFloat16``.
  func isExpectedCaught(in scalar: ScalarKind) -> Bool {
    switch scalar {
    case .double: true
    case .float: inFloat
    #if !LAYERKIT_NO_FLOAT16 && (arch(arm64) || (arch(x86_64) && os(Linux)))
      case .float16: inFloat16
    #endif
    }
  }
}

extension Mutant: CustomTestStringConvertible {
  var testDescription: String { "\(label) [\(category)]" }
}
