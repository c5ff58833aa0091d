import LayerCore

extension ActivationRun {
  /// The one-sided slopes of f at k, by one-sided Richardson stencils that stay clear of other
  /// barriers.
  func oneSidedSlopes(at k: W) -> (left: Stencil<W>.Estimate, right: Stencil<W>.Estimate) {
    let stencil = Stencil<W>(f)
    var h = Stencil<W>.oneSidedStep(at: k)
    if let previous = barriers.last(where: { $0 < k }) { h = Swift.min(h, (k - previous) / 3) }
    if let next = barriers.first(where: { $0 > k }) { h = Swift.min(h, (next - k) / 3) }
    return (
      stencil.richardson(at: k, step: h, side: .backward),
      stencil.richardson(at: k, step: h, side: .forward)
    )
  }

  /// Whether two one-sided slopes differ by more than their errors and the noise threshold.
  func slopesDiffer(_ left: Stencil<W>.Estimate, _ right: Stencil<W>.Estimate) -> Bool {
    let (l, r) = (Double(left.value), Double(right.value))
    let gap = Swift.abs(l - r)
    return gap > 4 * Double(left.error + right.error)
      && gap > jumpThreshold * Swift.max(Swift.abs(l), Swift.abs(r), minimumFloor)
  }

  /// The relative size a jump must have to count: ten times the tolerance.
  var jumpThreshold: Double { 10 * tolerance.relative }

  /// The smallest floor the tolerance ever uses.
  var minimumFloor: Double { tolerance.floor * tolerance.minimumScale }

  /// Measures both one-sided slopes at every declared kink, checks that they differ, that the
  /// derivative on each side matches them, and that the value at the kink follows the
  /// declared convention.
  mutating func checkKinks() {
    for kink in activation.kinks where kink.location.isFinite {
      let k = W(kink.location)
      let (left, right) = oneSidedSlopes(at: k)
      let kT = T(kink.location)
      let analyticLeft = Double(activation.derivative(at: kT.nextDown))
      let analyticRight = Double(activation.derivative(at: kT.nextUp))
      let analyticAt = Double(activation.derivative(at: kT))
      let (l, r) = (Double(left.value), Double(right.value))
      let floor = self.floor(at: k)
      let confirmed = slopesDiffer(left, right)
      let holds: Bool
      switch kink.convention {
      case .leftLimit: holds = tolerance.error(analyticAt, l, floor: floor) <= tolerance.relative
      case .rightLimit: holds = tolerance.error(analyticAt, r, floor: floor) <= tolerance.relative
      case .average:
        holds = tolerance.error(analyticAt, (l + r) / 2, floor: floor) <= tolerance.relative
      case .between:
        let slack = tolerance.relative * Swift.max(Swift.abs(l), Swift.abs(r), floor)
        holds = analyticAt >= Swift.min(l, r) - slack && analyticAt <= Swift.max(l, r) + slack
      }
      kinkResults.append(
        KinkResult(
          location: kink.location, convention: kink.convention.description, leftSlope: l,
          rightSlope: r, analyticLeft: analyticLeft, analyticRight: analyticRight,
          analyticAtKink: analyticAt, confirmed: confirmed, conventionHolds: holds))
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
            "\(label): at the kink x = \(at) the derivative is \(format(analyticAt)), but the "
              + "declared convention is the \(kink.convention) (left slope \(format(l)), right "
              + "slope \(format(r)))"))
      }
      for (name, analytic, slope) in [("left", analyticLeft, l), ("right", analyticRight, r)] {
        let error = tolerance.error(analytic, slope, floor: floor)
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
}
