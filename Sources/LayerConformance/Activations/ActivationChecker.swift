import LayerCore

/// Checks hand-written derivatives of activations against numeric references.
///
/// ```swift
/// let report = ActivationChecker().check(MyActivation(), as: Double.self)
/// print(report)            // verdict, problems, worst points, kinks
/// ```
///
/// At every point of the ``SamplePlan`` the derivative in the scalar type under test is judged
/// against forward-mode dual numbers in the wider ``CheckableScalar/Wide`` type, confirmed by
/// two finite differences; stencils never straddle a declared kink or jump; each declared kink
/// and jump is measured, and a scan finds undeclared kinks and jumps. See
/// <doc:HowTheCheckWorks>.
public struct ActivationChecker: Sendable {
  /// Where the checker samples.
  public var plan: SamplePlan

  /// A checker with the given sampling plan.
  public init(plan: SamplePlan = SamplePlan()) {
    self.plan = plan
  }

  /// Checks `activation` in the scalar type named by `scalar`.
  public func check(_ activation: some Activation, as scalar: ScalarKind) -> ActivationReport {
    check(activation, as: scalar.type)
  }

  /// Checks `activation` at its current parameters and at every value each parameter lists in
  /// `Parameter.checkedValues`, in the scalar type named by `scalar`.
  public func checkAllVariants(_ activation: some Activation, as scalar: ScalarKind)
    -> ActivationVariantsReport
  {
    let clock = ContinuousClock()
    let start = clock.now
    var runs = [check(activation, as: scalar)]
    var declarationProblems: [Problem] = []
    for parameter in activation.parameters {
      for value in parameter.checkedValues where value != parameter.value {
        do {
          runs.append(check(try activation.setting(parameter.name, to: value), as: scalar))
        } catch {
          declarationProblems.append(
            Problem(
              .invalidDeclaration,
              "\(activation.name) [\(scalar)]: parameter '\(parameter.name)' lists \(value) as a "
                + "value to check, but setting it failed: \(error)"))
        }
      }
    }
    if !declarationProblems.isEmpty { runs[0].problems += declarationProblems }
    return ActivationVariantsReport(
      component: activation.name, scalar: scalar.rawValue, runs: runs,
      seconds: (clock.now - start).seconds)
  }

  /// Checks `activation` in scalar type `T`.
  public func check<T: CheckableScalar>(_ activation: some Activation, as _: T.Type)
    -> ActivationReport
  {
    var run = ActivationRun<T, _>(activation: activation, plan: plan)
    if let reason = plan.unusableReason {
      run.problems.append(Problem(.invalidArgument, "\(run.label): \(reason)"))
      return run.report()
    }
    run.checkDeclarations()
    run.checkSpecialValues()
    run.checkPoints()
    run.checkKinks()
    run.checkJumps()
    run.scanForNonSmoothPoints()
    return run.report()
  }
}
