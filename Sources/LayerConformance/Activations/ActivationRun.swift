import LayerCore

/// Whether the finite-difference pair confirmed the dual reference at a point.
enum Confirmation {
  /// Both finite differences are precise enough and agree with each other.
  case confirmed
  /// At least one is too imprecise (its error estimate exceeds a tenth of the tolerance).
  case imprecise
  /// Both are precise enough but disagree with each other.
  case disagreed
}

/// The state of one check: one activation, one scalar type `T`, references in `T.Wide`.
struct ActivationRun<T: CheckableScalar, A: Activation> {
  typealias W = T.Wide
  typealias Side = Stencil<W>.Side

  let activation: A
  let plan: SamplePlan
  let tolerance = T.tolerance
  /// E.g. `LeakyReLU(negativeSlope: 0.2) [Float]`, the prefix of every message.
  let label: String
  /// Declared kink and jump locations and domain bounds, in `W`, sorted: stencils never cross
  /// them.
  let barriers: [W]
  /// Declared jump locations, in `W`: stencils never even touch them, since f there is not
  /// the limit from at least one side.
  let jumpBarriers: Set<W>
  /// Declared jump locations rounded to `T`: the check of the jump judges the derivative there.
  let jumpPoints: Set<T>
  var results: [PointResult] = []
  var kinkResults: [KinkResult] = []
  var jumpResults: [JumpResult] = []
  var problems: [Problem] = []
  var notes: [String] = []
  var confirmedPoints = 0

  init(activation: A, plan: SamplePlan) {
    self.activation = activation
    self.plan = plan
    label = "\(activation) [\(T.scalarName)]"
    let jumps = activation.jumps.map(\.location).filter(\.isFinite)
    jumpBarriers = Set(jumps.map { W($0) })
    jumpPoints = Set(jumps.map { T($0) })
    var barriers = activation.kinks.map(\.location).filter(\.isFinite).map { W($0) }
    barriers += jumpBarriers
    if let lower = activation.domain.lowerBound { barriers.append(W(lower)) }
    if let upper = activation.domain.upperBound { barriers.append(W(upper)) }
    self.barriers = barriers.sorted()
  }

  /// f in the wide type.
  func f(_ x: W) -> W { activation.value(at: x) }

  /// The exact derivative of the implementation at x, by dual numbers.
  func dual(_ x: W) -> W { activation.value(at: Dual(x, derivative: 1)).derivative }

  /// The floor of the error measure at x (see ``Tolerance``).
  func floor(at x: W) -> Double {
    tolerance.floor(forFunctionMagnitude: Double(Swift.abs(f(x))))
  }

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
    checkJumpDeclarations()
    for parameter in activation.parameters where !parameter.value.isFinite {
      problems.append(
        Problem(.invalidDeclaration, "\(label): parameter \(parameter) is not finite"))
    }
  }

  /// NaN in must give NaN out; ±infinity (where the domain reaches it) must not give NaN.
  mutating func checkSpecialValues() {
    let value = activation.value(at: T.nan)
    let slope = activation.derivative(at: T.nan)
    if !value.isNaN || !slope.isNaN {
      problems.append(
        Problem(
          .badSpecialValue,
          "\(label): NaN in must give NaN out, got value \(value) and derivative \(slope)"))
    }
    let domain = activation.domain
    for x in [T.infinity, -T.infinity]
    where x > 0 ? domain.upperBound == nil : domain.lowerBound == nil {
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

  mutating func checkPoints() {
    var nonFinite: [Problem] = []
    var imprecise: [Double] = []
    var disagreed: [Double] = []
    for x in plan.finitePoints(for: activation, as: T.self) {
      switch judge(at: x) {
      case .notJudged:
        continue
      case .nonFiniteValue(let value):
        nonFinite.append(
          Problem(.nonFiniteValue, at: Double(x), "\(label): value(at: \(x)) returned \(value)"))
      case .nonFiniteDerivative(let analytic):
        nonFinite.append(
          Problem(
            .nonFiniteDerivative, at: Double(x),
            "\(label): derivative(at: \(x)) returned \(analytic)"))
      case .compared(let result, let confirmation, let note):
        results.append(result)
        if let note { notes.append(note) }
        switch confirmation {
        case .confirmed: confirmedPoints += 1
        case .imprecise: imprecise.append(result.x)
        case .disagreed: disagreed.append(result.x)
        }
      }
    }
    problems += nonFinite.prefix(5)
    if nonFinite.count > 5 {
      problems.append(
        Problem(nonFinite[5].kind, "\(label): \(nonFinite.count - 5) more non-finite results"))
    }
    let failing = results.filter { !$0.passed }
    if let worst = failing.max(by: { $0.error < $1.error }) {
      problems.append(
        Problem(
          .derivativeMismatch, at: worst.x,
          "\(label): derivative wrong at x = \(format(worst.x)): analytic "
            + "\(format(worst.analytic)), numeric \(format(worst.numeric)), relative error "
            + "\(format(worst.error)) > tolerance \(format(worst.tolerance)) "
            + "(\(failing.count) of \(results.count) points fail)"))
    }
    if !disagreed.isEmpty {
      notes.append(
        "at \(disagreed.count) of \(results.count) points the two finite differences disagree "
          + "with each other (noise, or a function that is a staircase at the stencil's scale), "
          + "so dual numbers judged alone; first at x = \(format(disagreed[0]))")
    }
    if !imprecise.isEmpty {
      notes.append(
        "at \(imprecise.count) of \(results.count) points the finite differences are too "
          + "imprecise to confirm the dual numbers (|f'| is small next to the rounding of f, as "
          + "in saturated tails), so dual numbers judged alone; first at x = "
          + "\(format(imprecise[0]))")
    }
  }

  /// What the check concludes about the derivative at one finite point.
  enum Judgement {
    /// A barrier (judged by the kink or jump check), the exact derivative overflows `T` too,
    /// or no stencil fits.
    case notJudged
    /// `value(at:)` is not finite where the true value is.
    case nonFiniteValue(T)
    /// `derivative(at:)` is not finite where the true derivative is.
    case nonFiniteDerivative(T)
    /// Compared with the references.
    case compared(PointResult, Confirmation, note: String?)
  }

  /// The judgement of the hand-written derivative at x: the one rule that the check and the
  /// plots apply to every point.
  func judge(at x: T) -> Judgement {
    let xw = W(x)
    if barriers.contains(xw) || jumpPoints.contains(x) { return .notJudged }
    let value = activation.value(at: x)
    let analytic = activation.derivative(at: x)
    if !value.isFinite && !(value.isInfinite && Swift.abs(f(xw)) > W(T.greatestFiniteMagnitude)) {
      return .nonFiniteValue(value)
    }
    if analytic.isInfinite && Swift.abs(dual(xw)) > W(T.greatestFiniteMagnitude) {
      return .notJudged
    }
    if !analytic.isFinite { return .nonFiniteDerivative(analytic) }
    guard let point = compare(analytic: Double(analytic), at: xw) else { return .notJudged }
    return .compared(point.result, point.confirmation, note: point.note)
  }

  /// Compares `analytic` with the references at x; `nil` where no stencil fits in the finite
  /// range.
  ///
  /// The judge is the dual reference, the exact derivative of the implementation. The two
  /// finite differences, taken at very different steps (∛ε and ε^(1/7), scaled), are trusted
  /// only as a pair: when they agree with each other within their own error estimates
  /// (truncation plus measured noise). No finite difference can certify itself: a function
  /// that is exactly constant across one stencil (libm's erf near -1 is a staircase) looks
  /// perfectly smooth to it. Where the trusted pair disagrees with the dual numbers (an
  /// implementation whose branches cancel at a point, such as max(x, 0) + log1p(e^-|x|) at 0,
  /// fools any automatic differentiation there), the pair judges and a note says so.
  func compare(analytic: Double, at x: W) -> (
    result: PointResult, confirmation: Confirmation, note: String?
  )? {
    let stencil = Stencil<W>(f)
    guard let (central, side) = estimate(at: x, stencil: stencil, richardson: false),
      let (richardson, _) = estimate(at: x, stencil: stencil, richardson: true)
    else { return nil }
    let exact = Double(dual(x))
    guard exact.isFinite else { return nil }
    let floor = self.floor(at: x)
    let (c, r) = (Double(central.value), Double(richardson.value))
    let (cBound, rBound) = (Double(central.error), Double(richardson.error))
    // Each comparison is scaled by the values it compares, never by a third one: a huge dual
    // value must not make two poor finite differences look precise.
    func agree(_ a: Double, _ boundA: Double, _ b: Double, _ boundB: Double) -> Bool {
      let scale = Swift.max(Swift.abs(a), Swift.abs(b), floor)
      return Swift.abs(a - b) <= 4 * (boundA + boundB) + tolerance.relative / 100 * scale
    }
    let usable = [(c, cBound), (r, rBound)].allSatisfy { value, bound in
      bound.isFinite && bound <= tolerance.relative / 10 * Swift.max(Swift.abs(value), floor)
    }
    let pairAgrees = usable && agree(c, cBound, r, rBound)
    var judge = exact
    var judgeName = "dual"
    var note: String?
    if pairAgrees && !agree(r, rBound, exact, 0) && !agree(c, cBound, exact, 0) {
      judge = r
      judgeName = "richardson"
      note =
        "at x = \(format(Double(x))) dual numbers give \(format(exact)) but both finite "
        + "differences agree on another value (central \(format(c)), richardson \(format(r))); "
        + "judged by them (the implementation's branches probably cancel there)"
    }
    let error = tolerance.error(analytic, judge, floor: floor)
    let result = PointResult(
      x: Double(x), analytic: analytic, numeric: judge,
      references: ["central": c, "richardson": r, "dual": exact],
      judgedBy: judgeName, stencil: side.rawValue, error: error, tolerance: tolerance.relative)
    let status: Confirmation = pairAgrees ? .confirmed : (usable ? .disagreed : .imprecise)
    return (result, status, note)
  }

  /// A finite-difference estimate at x whose stencil crosses no barrier (and does not touch a
  /// declared jump): central where it fits, one-sided on x's own side near a barrier, with a
  /// smaller step where neither fits.
  func estimate(at x: W, stencil: Stencil<W>, richardson: Bool)
    -> (Stencil<W>.Estimate, Side)?
  {
    var centralStep = richardson ? Stencil<W>.richardsonStep(at: x) : Stencil<W>.centralStep(at: x)
    var sideStep = richardson ? Stencil<W>.oneSidedStep(at: x) : centralStep
    let centralReach: W = richardson ? 2 : 1
    let (left, right) = reach(around: x)
    for _ in 0..<60 {
      guard (x - 2 * sideStep).isFinite, (x + 2 * sideStep).isFinite,
        (x - centralReach * centralStep).isFinite, (x + centralReach * centralStep).isFinite
      else { return nil }
      let side: Side?
      if x - centralReach * centralStep >= left && x + centralReach * centralStep <= right {
        side = .central
      } else if x + 2 * sideStep <= right {
        side = .forward
      } else if x - 2 * sideStep >= left {
        side = .backward
      } else {
        side = nil
      }
      if let side {
        let step = side == .central ? centralStep : sideStep
        let estimate =
          richardson
          ? stencil.richardson(at: x, step: step, side: side)
          : stencil.plain(at: x, step: step, side: side)
        guard estimate.value.isFinite else { return nil }
        return (estimate, side)
      }
      centralStep /= 4
      sideStep /= 4
    }
    return nil
  }

  func report() -> ActivationReport {
    var problems = problems
    if results.isEmpty {
      problems.append(
        Problem(.nothingChecked, "\(label): no point could be checked; the check proves nothing"))
    }
    let worst = results.filter { $0.error > 0 }.sorted { $0.error > $1.error }.prefix(5)
    return ActivationReport(
      component: activation.name, scalar: T.scalarName,
      parameters: Dictionary(
        activation.parameters.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a }),
      points: results.count, maxRelativeError: results.map(\.error).max() ?? 0,
      tolerance: tolerance, worstPoints: Array(worst), kinks: kinkResults, problems: problems,
      notes: notes, confirmedPoints: confirmedPoints, jumps: jumpResults)
  }
}
