import LayerConformance
import LayerKit
import _TemplateActivation

/// Every check of the mutation suite, each run once: each mutant and each correct component in
/// every scalar type.
///
/// The per-mutant tests and the counts test all read this table, which is computed the first
/// time one of them asks, as one child task per check so that every core works. Running each
/// check once instead of up to three times (and not as one serial loop) is what keeps the
/// suite's share of a debug `swift test` small; every check still runs, with the same
/// ``ActivationChecker``.
struct MutationOutcomes: Sendable {
  /// The mutant's label and scalar type → whether the check passed (a mutant that passes is
  /// missed).
  var mutantPassed: [MutantKey: Bool]
  /// The full report of each correct component check that failed (a false alarm), in the order
  /// of ``correctCount``'s components and scalar types.
  var falseAlarms: [String]
  /// How many correct component checks ran: each correct component in every scalar type.
  var correctCount: Int

  struct MutantKey: Hashable, Sendable {
    var label: String
    var scalar: ScalarKind
  }

  /// The components that must pass: every built-in activation, the mutants' correct twins, the
  /// awkward correct formulas and the template.
  static func correctComponents() throws -> [any Activation] {
    try BuiltIn.registry.activations + Mutant.correctBases + CorrectExtras.all + [Template()]
  }

  /// The table, computed once per test process.
  static let shared = Task { try await compute() }

  /// Whether the check of `mutant` in `scalar` failed, i.e. caught it.
  func caught(_ mutant: Mutant, in scalar: ScalarKind) -> Bool {
    mutantPassed[MutantKey(label: mutant.label, scalar: scalar)] == false
  }

  static func compute() async throws -> MutationOutcomes {
    let correct = try correctComponents()
    let scalars = ScalarKind.allCases
    let checker = ActivationChecker()
    return await withTaskGroup(of: (Int, Bool, String).self) { group in
      // Jobs 0 ..< mutantJobs are (mutant, scalar); the rest (correct component, scalar).
      let mutantJobs = Mutant.suite.count * scalars.count
      for job in 0..<(mutantJobs + correct.count * scalars.count) {
        group.addTask {
          let scalar = scalars[job % scalars.count]
          let component: any Activation =
            job < mutantJobs
            ? Mutant.suite[job / scalars.count] : correct[(job - mutantJobs) / scalars.count]
          let report = checker.checkAllVariants(component, as: scalar)
          return (job, report.passed, report.passed ? "" : report.description)
        }
      }
      var passed = [Bool](repeating: false, count: mutantJobs + correct.count * scalars.count)
      var descriptions = [String](repeating: "", count: passed.count)
      for await (job, ok, description) in group {
        passed[job] = ok
        descriptions[job] = description
      }
      var table: [MutantKey: Bool] = [:]
      for job in 0..<mutantJobs {
        let key = MutantKey(
          label: Mutant.suite[job / scalars.count].label, scalar: scalars[job % scalars.count])
        table[key] = passed[job]
      }
      let falseAlarms = (mutantJobs..<passed.count).filter { !passed[$0] }.map { descriptions[$0] }
      return MutationOutcomes(
        mutantPassed: table, falseAlarms: falseAlarms, correctCount: correct.count * scalars.count)
    }
  }
}
