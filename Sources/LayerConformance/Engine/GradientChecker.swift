import LayerCore

/// Checks hand-written derivatives of activations against numeric references.
///
/// ```swift
/// let report = GradientChecker().check(MyActivation(), as: Double.self)
/// print(report)            // verdict, problems, worst points, kinks
/// ```
///
/// At every sample point of the ``SamplePlan`` the checker evaluates the component's
/// `derivative(at:)` in the scalar type under test and three references for it, all computed
/// in that type's wider ``CheckableScalar/Wide`` type:
/// - the central difference with the classical step ∛ε · max(|x|, 1);
/// - a five-point stencil with Richardson extrapolation;
/// - forward-mode ``Dual`` numbers through the component's own `value(at:)`.
///
/// The analytic value is judged against the dual reference. The two finite differences,
/// taken at very different steps, confirm it when they agree with each other; where that
/// pair agrees but the dual numbers do not (branches that cancel at a point fool automatic
/// differentiation), the pair judges, and the report's notes say so. Where the pair disagrees
/// with itself (noise, or a function that is a staircase at the stencil's scale), the notes say
/// that too.
/// Stencils never straddle a declared kink: near one they turn one-sided. At each declared
/// kink the checker measures both one-sided slopes and checks the declared convention, and a
/// scan over the sampled range finds undeclared kinks, jumps in the function, and jumps in the
/// derivative where the function is smooth, each located by bisection to about 1e-10.
public struct GradientChecker: Sendable {
  /// Where the checker samples.
  public var plan: SamplePlan

  /// A checker with the given sampling plan.
  public init(plan: SamplePlan = SamplePlan()) {
    self.plan = plan
  }

  /// Checks `activation` in the scalar type named by `scalar`.
  public func check(_ activation: some Activation, as scalar: ScalarKind) -> CheckReport {
    switch scalar {
    case .float: check(activation, as: Float.self)
    case .double: check(activation, as: Double.self)
    }
  }

  /// Checks `activation` at its current parameters and at every value each parameter lists in
  /// ``Parameter/checkedValues``, in the scalar type named by `scalar`.
  public func checkAllVariants(_ activation: some Activation, as scalar: ScalarKind)
    -> ComponentReport
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
    let elapsed = clock.now - start
    let seconds =
      Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    return ComponentReport(
      component: activation.name, scalar: scalar.rawValue, runs: runs, seconds: seconds)
  }

  /// Checks `activation` in scalar type `T`.
  public func check<T: CheckableScalar>(_ activation: some Activation, as _: T.Type)
    -> CheckReport
  {
    var run = ActivationRun<T, _>(activation: activation, plan: plan)
    run.checkDeclarations()
    run.checkSpecialValues()
    run.checkPoints()
    run.checkKinks()
    run.scanForNonSmoothPoints()
    return run.report()
  }
}
