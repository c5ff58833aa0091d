import LayerConformance
import LayerKit
import _TemplateActivation

/// Every activation check of the mutation suite, each run once: each mutant and each correct
/// component in every scalar type, with the default ``ActivationChecker``.
///
/// The mutation suite's tests, the jump tests and the plot tests all read these reports, which
/// are computed the first time one of them asks, as one child task per check so that every core
/// works. Running each check once instead of up to three times (and not as one serial loop) is
/// what keeps their share of a debug `swift test` small; every check still runs, and a report is
/// what the same check would return (the checker is deterministic).
struct MutationOutcomes: Sendable {
  /// Which list a correct component comes from.
  enum Group: Sendable {
    case builtIn, correctTwin, extra, template
  }

  /// A correct component and its report in each scalar type, in `ScalarKind.allCases` order.
  struct Correct: Sendable {
    var component: any Activation
    var group: Group
    var reports: [ActivationVariantsReport]
  }

  /// Each mutant's report in each scalar type, by label (labels are unique).
  var mutantReports: [String: [ScalarKind: ActivationVariantsReport]]
  /// The components that must pass, in the order of ``correctComponents()``.
  var correct: [Correct]

  /// The components that must pass, with their groups: every built-in activation, the mutants'
  /// correct twins, the awkward correct formulas and the template.
  static func correctComponents() throws -> [(any Activation, Group)] {
    try BuiltIn.registry.activations.map { ($0, .builtIn) }
      + Mutant.correctBases.map { ($0, .correctTwin) } + CorrectExtras.all.map { ($0, .extra) }
      + [(Template(), .template)]
  }

  /// The reports, computed once per test process.
  static let shared = Task { try await compute() }

  /// The report of `mutant` in `scalar` (`nil` for a mutant outside ``Mutant/suite``).
  func report(of mutant: Mutant, in scalar: ScalarKind) -> ActivationVariantsReport? {
    mutantReports[mutant.label]?[scalar]
  }

  /// Whether the check of `mutant` in `scalar` failed, i.e. caught it.
  func caught(_ mutant: Mutant, in scalar: ScalarKind) -> Bool {
    report(of: mutant, in: scalar)?.passed == false
  }

  /// The full report of each correct component check that failed.
  var falseAlarms: [String] {
    correct.flatMap(\.reports).filter { !$0.passed }.map(\.description)
  }

  /// How many correct component checks ran: each correct component in every scalar type.
  var correctCount: Int { correct.reduce(0) { $0 + $1.reports.count } }

  static func compute() async throws -> MutationOutcomes {
    let correct = try correctComponents()
    let scalars = ScalarKind.allCases
    let checker = ActivationChecker()
    // Jobs 0 ..< mutantJobs are (mutant, scalar); the rest (correct component, scalar).
    let mutantJobs = Mutant.suite.count * scalars.count
    let jobs = mutantJobs + correct.count * scalars.count
    let reports = await withTaskGroup(of: (Int, ActivationVariantsReport).self) { group in
      for job in 0..<jobs {
        group.addTask {
          let component: any Activation =
            job < mutantJobs
            ? Mutant.suite[job / scalars.count] : correct[(job - mutantJobs) / scalars.count].0
          return (job, checker.checkAllVariants(component, as: scalars[job % scalars.count]))
        }
      }
      var reports = [ActivationVariantsReport?](repeating: nil, count: jobs)
      for await (job, report) in group { reports[job] = report }
      return reports.compactMap { $0 }
    }
    var mutantReports: [String: [ScalarKind: ActivationVariantsReport]] = [:]
    for job in 0..<mutantJobs {
      mutantReports[Mutant.suite[job / scalars.count].label, default: [:]][
        scalars[job % scalars.count]] = reports[job]
    }
    let correctReports = correct.indices.map { index in
      let start = mutantJobs + index * scalars.count
      return Correct(
        component: correct[index].0, group: correct[index].1,
        reports: Array(reports[start..<start + scalars.count]))
    }
    return MutationOutcomes(mutantReports: mutantReports, correct: correctReports)
  }
}
