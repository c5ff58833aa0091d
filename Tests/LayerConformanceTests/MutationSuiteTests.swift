import LayerConformance
import Testing

/// The kit against the mutation suite: every wrong derivative caught, no false alarm.
///
/// The checks themselves run once, in parallel, in ``MutationOutcomes``; these tests read them.
struct MutationSuiteTests {
  @Test(arguments: Mutant.suite)
  func everyMutantIsCaughtInDouble(_ mutant: Mutant) async throws {
    let outcomes = try await MutationOutcomes.shared.value
    #expect(
      outcomes.caught(mutant, in: .double), "missed: \(mutant.label) (\(mutant.category)) in Double"
    )
  }

  @Test(arguments: Mutant.suite.filter(\.inFloat))
  func everyLargeMutantIsCaughtInFloat(_ mutant: Mutant) async throws {
    let outcomes = try await MutationOutcomes.shared.value
    #expect(
      outcomes.caught(mutant, in: .float), "missed: \(mutant.label) (\(mutant.category)) in Float")
  }

  @Test(arguments: Mutant.correctBases)
  func everyCorrectTwinPasses(_ mutant: Mutant) {
    expectCorrectDerivatives(of: mutant)
  }

  /// Prints the detection counts per scalar type and the false-alarm count over the whole
  /// suite, and holds them to "every mutant expected in a type caught in it, exactly those in
  /// Float16, zero false alarms".
  @Test func detectionAndFalseAlarmCounts() async throws {
    let outcomes = try await MutationOutcomes.shared.value
    let categories = Set(Mutant.suite.map(\.category))
    #expect(Mutant.suite.count >= 30)
    #expect(categories.count == 12)
    #expect(outcomes.mutantReports.count == Mutant.suite.count)
    #expect(outcomes.mutantReports.values.allSatisfy { $0.count == ScalarKind.allCases.count })
    var lines: [String] = []
    for scalar in ScalarKind.allCases {
      let caught = Mutant.suite.filter { outcomes.caught($0, in: scalar) }
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
    let correctCount = try MutationOutcomes.correctComponents().count * ScalarKind.allCases.count
    #expect(outcomes.correctCount == correctCount)
    print(
      """
      mutation suite (\(Mutant.suite.count) mutants in \(categories.count) categories), per scalar type:
      \(lines.joined(separator: "\n"))
      false alarms: \(outcomes.falseAlarms.count) of \(outcomes.correctCount) correct \
      component checks
      """)
    #expect(outcomes.falseAlarms.isEmpty, "\(outcomes.falseAlarms.joined(separator: "\n"))")
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
