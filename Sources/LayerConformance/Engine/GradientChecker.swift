import LayerCore

/// Checks hand-written derivatives of activations against numeric references.
///
/// ```swift
/// let report = GradientChecker().check(MyActivation(), as: Double.self)
/// print(report)            // verdict, problems, worst points, kinks
/// ```
///
/// For every sample point of the ``SamplePlan`` the checker compares the component's
/// `derivative(at:)`, evaluated in the scalar type under test, with a finite-difference
/// estimate of the slope of `value(at:)` computed in that type's wider ``CheckableScalar/Wide``
/// type. Stencils never straddle a declared kink: near one the checker switches to the
/// one-sided stencil on the point's own side. At each declared kink it measures both one-sided
/// slopes and checks the declared convention.
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
    return ComponentReport(component: activation.name, scalar: scalar.rawValue, runs: runs)
  }

  /// Checks `activation` in scalar type `T`.
  public func check<T: CheckableScalar>(_ activation: some Activation, as _: T.Type)
    -> CheckReport
  {
    var run = Run<T, _>(activation: activation, plan: plan)
    run.checkDeclarations()
    run.checkSpecialValues()
    run.checkPoints()
    run.checkKinks()
    return run.report()
  }
}

/// The state of one check: one activation, one scalar type.
struct Run<T: CheckableScalar, A: Activation> {
  typealias W = T.Wide

  let activation: A
  let plan: SamplePlan
  let tolerance = T.tolerance
  let label: String
  var results: [PointResult] = []
  var kinkResults: [KinkResult] = []
  var problems: [Problem] = []
  /// Kink locations and domain bounds, in the wide type, sorted: stencils do not cross them.
  let barriers: [W]

  init(activation: A, plan: SamplePlan) {
    self.activation = activation
    self.plan = plan
    label = "\(activation) [\(T.scalarName)]"
    var barriers = activation.kinks.map(\.location).filter(\.isFinite).map { W($0) }
    if let lower = activation.domain.lowerBound { barriers.append(W(lower)) }
    if let upper = activation.domain.upperBound { barriers.append(W(upper)) }
    self.barriers = barriers.sorted()
  }

  func value(_ x: W) -> W { activation.value(at: x) }

  mutating func checkDeclarations() {
    for kink in activation.kinks where !kink.location.isFinite {
      problems.append(
        Problem(.invalidDeclaration, "\(label): declared \(kink), but a kink must be finite"))
    }
    for kink in activation.kinks where !activation.domain.contains(kink.location) {
      problems.append(
        Problem(
          .invalidDeclaration,
          "\(label): declared \(kink) outside the domain \(activation.domain)"))
    }
    for parameter in activation.parameters where !parameter.value.isFinite {
      problems.append(
        Problem(.invalidDeclaration, "\(label): parameter \(parameter) is not finite"))
    }
  }

  /// NaN in must give NaN out; ±infinity must not give NaN.
  mutating func checkSpecialValues() {
    let nan = T.nan
    if activation.domain == .real || activation.domain.lowerBound == nil
      || activation.domain.upperBound == nil
    {
      let value = activation.value(at: nan)
      let slope = activation.derivative(at: nan)
      if !value.isNaN || !slope.isNaN {
        problems.append(
          Problem(
            .badSpecialValue,
            "\(label): NaN in must give NaN out, got value \(value) and derivative \(slope)"))
      }
    }
    for x in [T.infinity, -T.infinity] where domainAllows(infinite: x) {
      let value = activation.value(at: x)
      let slope = activation.derivative(at: x)
      if value.isNaN || slope.isNaN {
        problems.append(
          Problem(
            .badSpecialValue, at: Double(x),
            "\(label): at x = \(x) the value is \(value) and the derivative \(slope); "
              + "expected the limits, not NaN"))
      }
    }
  }

  func domainAllows(infinite x: T) -> Bool {
    let domain = activation.domain
    return x > 0 ? domain.upperBound == nil : domain.lowerBound == nil
  }

  mutating func checkPoints() {
    var nonFinite: [Problem] = []
    for x in plan.finitePoints(for: activation, as: T.self) {
      let xw = W(x)
      if barriers.contains(xw) { continue }  // judged by checkKinks
      let value = activation.value(at: x)
      let analytic = activation.derivative(at: x)
      if !value.isFinite && !overflowsLegitimately(value, wide: self.value(xw)) {
        nonFinite.append(
          Problem(
            .nonFiniteValue, at: Double(x), "\(label): value(at: \(x)) returned \(value)"))
        continue
      }
      if !analytic.isFinite {
        nonFinite.append(
          Problem(
            .nonFiniteDerivative, at: Double(x),
            "\(label): derivative(at: \(x)) returned \(analytic)"))
        continue
      }
      guard let (numeric, side) = reference(at: xw) else { continue }
      let error = tolerance.error(Double(analytic), Double(numeric))
      results.append(
        PointResult(
          x: Double(x), analytic: Double(analytic), numeric: Double(numeric),
          references: [side.rawValue: Double(numeric)], stencil: side.rawValue, error: error,
          tolerance: tolerance.relative))
    }
    problems += nonFinite.prefix(5)
    if nonFinite.count > 5 {
      problems.append(
        Problem(
          nonFinite[5].kind, "\(label): \(nonFinite.count - 5) more non-finite results"))
    }
    let failing = results.filter { !$0.passed }
    if let worst = failing.max(by: { $0.error < $1.error }) {
      problems.append(
        Problem(
          .derivativeMismatch, at: worst.x,
          "\(label): derivative wrong at x = \(format(worst.x)): analytic \(format(worst.analytic)), "
            + "numeric \(format(worst.numeric)), relative error \(format(worst.error)) > tolerance "
            + "\(format(worst.tolerance)) (\(failing.count) of \(results.count) points fail)"))
    }
  }

  /// An infinite value is acceptable only where the exact result overflows T too.
  func overflowsLegitimately(_ value: T, wide: W) -> Bool {
    !value.isNaN && Swift.abs(wide) > W(T.greatestFiniteMagnitude)
  }

  /// The finite-difference estimate at x, with a stencil that crosses no barrier; `nil` where
  /// the stencil would leave the finite range.
  func reference(at x: W) -> (W, Stencil<W>.Side)? {
    let stencil = Stencil<W>(value)
    var h = Stencil<W>.step(at: x)
    guard (x - 2 * h).isFinite, (x + 2 * h).isFinite else { return nil }
    let left = barriers.last { $0 < x } ?? -W.infinity
    let right = barriers.first { $0 > x } ?? W.infinity
    let side: Stencil<W>.Side
    if x - h >= left && x + h <= right {
      side = .central
    } else if x + 2 * h <= right {
      side = .forward
    } else if x - 2 * h >= left {
      side = .backward
    } else {
      h = Swift.min(x - left, right - x) / 3
      side = .central
    }
    let numeric = stencil.derivative(at: x, step: h, side: side)
    guard numeric.isFinite else { return nil }
    return (numeric, side)
  }

  mutating func checkKinks() {
    for kink in activation.kinks where kink.location.isFinite {
      let k = W(kink.location)
      let h = Stencil<W>.step(at: k)
      let stencil = Stencil<W>(value)
      let leftSlope = stencil.derivative(at: k, step: h, side: .backward)
      let rightSlope = stencil.derivative(at: k, step: h, side: .forward)
      let kT = T(kink.location)
      let analyticLeft = activation.derivative(at: kT.nextDown)
      let analyticRight = activation.derivative(at: kT.nextUp)
      let analyticAt = activation.derivative(at: kT)
      let (l, r, a) = (Double(leftSlope), Double(rightSlope), Double(analyticAt))
      let jump = Swift.abs(l - r) / Swift.max(Swift.abs(l), Swift.abs(r), 1e-3)
      let confirmed = jump > 1e-6
      let holds: Bool
      switch kink.convention {
      case .leftLimit: holds = tolerance.error(a, l) <= tolerance.relative
      case .rightLimit: holds = tolerance.error(a, r) <= tolerance.relative
      case .average: holds = tolerance.error(a, (l + r) / 2) <= tolerance.relative
      case .between:
        let slack = tolerance.relative * Swift.max(Swift.abs(l), Swift.abs(r), tolerance.floor)
        holds = a >= Swift.min(l, r) - slack && a <= Swift.max(l, r) + slack
      }
      kinkResults.append(
        KinkResult(
          location: kink.location, convention: kink.convention.description, leftSlope: l,
          rightSlope: r, analyticLeft: Double(analyticLeft), analyticRight: Double(analyticRight),
          analyticAtKink: a, confirmed: confirmed, conventionHolds: holds))
      let at = format(kink.location)
      if !confirmed {
        problems.append(
          Problem(
            .kinkNotFound, at: kink.location,
            "\(label): declared \(kink), but the slope does not change there "
              + "(left \(format(l)), right \(format(r)))"))
      }
      if !holds {
        problems.append(
          Problem(
            .kinkConvention, at: kink.location,
            "\(label): at the kink x = \(at) the derivative is \(format(a)), but the declared "
              + "convention is the \(kink.convention) (left slope \(format(l)), right slope "
              + "\(format(r)))"))
      }
      for (name, analytic, slope) in [
        ("left", Double(analyticLeft), l), ("right", Double(analyticRight), r),
      ] {
        let error = tolerance.error(analytic, slope)
        if error > tolerance.relative {
          problems.append(
            Problem(
              .derivativeMismatch, at: kink.location,
              "\(label): just \(name) of the kink x = \(at) the derivative is "
                + "\(format(analytic)), but the \(name) slope is \(format(slope)) "
                + "(relative error \(format(error)) > tolerance \(format(tolerance.relative)))"))
        }
      }
    }
  }

  func report() -> CheckReport {
    var problems = problems
    if results.isEmpty {
      problems.append(
        Problem(.nothingChecked, "\(label): no point could be checked; the check proves nothing"))
    }
    let worst = results.filter { $0.error > 0 }.sorted { $0.error > $1.error }.prefix(5)
    return CheckReport(
      component: activation.name, scalar: T.scalarName,
      parameters: Dictionary(
        activation.parameters.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a }),
      points: results.count, maxRelativeError: results.map(\.error).max() ?? 0,
      tolerance: tolerance, worstPoints: Array(worst), kinks: kinkResults, problems: problems)
  }
}
