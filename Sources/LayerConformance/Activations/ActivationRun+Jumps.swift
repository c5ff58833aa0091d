import LayerCore

/// Declared jumps: where they may be, what is measured at each, and how stencils keep off them.
///
/// A stencil must not even touch a jump's location, because f there is the limit from one side
/// at most. So the slopes beside a jump are one-sided stencils anchored a few ulps away from it,
/// and the two limits of f are read there too.
extension ActivationRun {
  /// The interval a stencil around x may cover: up to the nearest barrier on each side,
  /// inclusive for a kink or a domain bound, exclusive for a declared jump.
  func reach(around x: W) -> (left: W, right: W) {
    var left = barriers.last { $0 < x } ?? -W.infinity
    var right = barriers.first { $0 > x } ?? W.infinity
    if jumpBarriers.contains(left) { left = left.nextUp }
    if jumpBarriers.contains(right) { right = right.nextDown }
    return (left, right)
  }

  /// Whether c lies within the located width (plus 1e-9 · max(1, |j|)) of a declared jump.
  func isDeclaredJump(near c: Double, width: Double) -> Bool {
    activation.jumps.contains {
      Swift.abs($0.location - c) <= 2 * width + 1e-9 * Swift.max(1, Swift.abs($0.location))
    }
  }

  /// Unusable jump declarations: not finite, outside the domain, or at a declared kink (a jump
  /// already lets the slope change).
  mutating func checkJumpDeclarations() {
    for jump in activation.jumps where !jump.location.isFinite || !jump.value.isFinite {
      problems.append(
        Problem(
          .invalidDeclaration,
          "\(label): declared \(jump), but a jump's location and value must be finite"))
    }
    for jump in activation.jumps
    where jump.location.isFinite && !activation.domain.contains(jump.location) {
      problems.append(
        Problem(
          .invalidDeclaration, "\(label): declared \(jump) outside the domain \(activation.domain)")
      )
    }
    for jump in activation.jumps
    where activation.kinks.contains(where: { $0.location == jump.location }) {
      problems.append(
        Problem(
          .invalidDeclaration,
          "\(label): declared both a kink and a \(jump); declare the jump only (a jump may "
            + "change the slope too)"))
    }
  }

  /// The limits of f and of its slope on both sides of the jump at k, by one-sided Richardson
  /// stencils anchored four ulps (of max(1, |k|)) away from k, pointing away from it and
  /// staying clear of the other barriers.
  func sides(ofJumpAt k: W) -> (
    leftLimit: W, rightLimit: W, left: Stencil<W>.Estimate, right: Stencil<W>.Estimate
  ) {
    let offset = 4 * W.ulpOfOne * Swift.max(1, Swift.abs(k))
    let (a, b) = (k - offset, k + offset)
    var h = Stencil<W>.oneSidedStep(at: k)
    if let previous = barriers.last(where: { $0 < k }) { h = Swift.min(h, (a - previous) / 3) }
    if let next = barriers.first(where: { $0 > k }) { h = Swift.min(h, (next - b) / 3) }
    let stencil = Stencil<W>(f)
    let left = stencil.richardson(at: a, step: h, side: .backward)
    let right = stencil.richardson(at: b, step: h, side: .forward)
    // The limits, extrapolated back over the offset by the slopes.
    return (f(a) + offset * left.value, f(b) - offset * right.value, left, right)
  }

  /// The smallest gap between the two limits that counts as a jump at k: a thousand ulps of the
  /// wide type, relative to max(|left|, |right|, 1), plus what the slopes' errors contribute
  /// over the four-ulp extrapolation. Both limits are computed in the wide type, so a jump far
  /// below the resolution of `T` (Hardshrink's 1e-6 at λ = 1e-6, in `Float`) is still seen; a
  /// continuous function's limits agree to a few ulps.
  func jumpResolution(
    at k: W, _ leftLimit: W, _ rightLimit: W, _ left: Stencil<W>.Estimate,
    _ right: Stencil<W>.Estimate
  ) -> Double {
    let scale = Swift.max(Swift.abs(Double(leftLimit)), Swift.abs(Double(rightLimit)), 1)
    let offset = 4 * Double(W.ulpOfOne) * Swift.max(1, Swift.abs(Double(k)))
    return 1000 * Double(W.ulpOfOne) * scale
      + 4 * offset * Double(Swift.abs(left.error) + Swift.abs(right.error))
  }

  /// Measures every declared jump: that f really jumps there (else `jumpNotFound`), that
  /// f(location) in `T` is the declared value (`jumpValue`), that the derivative there follows
  /// the declared convention (`jumpConvention`), and that the derivative just left and just
  /// right of it matches the slope on that side (`derivativeMismatch`).
  mutating func checkJumps() {
    for jump in activation.jumps where jump.location.isFinite && jump.value.isFinite {
      let k = W(jump.location)
      let kT = T(jump.location)
      let (leftLimit, rightLimit, left, right) = sides(ofJumpAt: k)
      let (lo, hi) = (Double(leftLimit), Double(rightLimit))
      let (l, r) = (Double(left.value), Double(right.value))
      let valueAt = Double(activation.value(at: kT))
      let analyticLeft = Double(activation.derivative(at: kT.nextDown))
      let analyticRight = Double(activation.derivative(at: kT.nextUp))
      let analyticAt = Double(activation.derivative(at: kT))
      let at = format(jump.location)
      let gap = Swift.abs(hi - lo)
      let threshold = jumpResolution(at: k, leftLimit, rightLimit, left, right)
      let confirmed = gap.isFinite && gap > threshold
      let valueError = tolerance.error(valueAt, jump.value, floor: tolerance.floor)
      let valueHolds = valueError <= tolerance.relative
      let floor = self.floor(at: k)
      let (holds, conventionError) = follows(
        analyticAt, jump.derivative, left: l, right: r, floor: floor)
      jumpResults.append(
        JumpResult(
          location: jump.location, declaredValue: jump.value, valueAtJump: valueAt,
          leftLimit: lo, rightLimit: hi, convention: jump.derivative.description, leftSlope: l,
          rightSlope: r, analyticLeft: analyticLeft, analyticRight: analyticRight,
          analyticAtJump: analyticAt, confirmed: confirmed, valueHolds: valueHolds,
          conventionHolds: holds))
      if !confirmed {
        problems.append(
          Problem(
            .jumpNotFound, at: jump.location,
            "\(label): declared \(jump), but the function does not jump there (left limit "
              + "\(format(lo)), right limit \(format(hi)), difference \(format(gap)) <= "
              + "threshold \(format(threshold)))"))
      }
      if !valueHolds {
        problems.append(
          Problem(
            .jumpValue, at: jump.location,
            "\(label): at the jump x = \(at) the value is \(format(valueAt)), but the declared "
              + "value is \(format(jump.value)) (relative error \(format(valueError)) > tolerance "
              + "\(format(tolerance.relative)); left limit \(format(lo)), right limit "
              + "\(format(hi)))"))
      }
      if !holds {
        problems.append(
          Problem(
            .jumpConvention, at: jump.location,
            "\(label): at the jump x = \(at) the derivative is \(format(analyticAt)), but the "
              + "declared convention is the \(jump.derivative) (left slope \(format(l)), right "
              + "slope \(format(r)); relative error \(format(conventionError)) > tolerance "
              + "\(format(tolerance.relative)))"))
      }
      for (name, analytic, slope) in [("left", analyticLeft, l), ("right", analyticRight, r)] {
        let error = tolerance.error(analytic, slope, floor: floor)
        if error > tolerance.relative {
          problems.append(
            Problem(
              .derivativeMismatch, at: jump.location,
              "\(label): just \(name) of the jump x = \(at) the derivative is "
                + "\(format(analytic)), but the \(name) slope is \(format(slope)) "
                + "(relative error \(format(error)) > tolerance \(format(tolerance.relative)))"))
        }
      }
    }
  }

  /// Whether `analytic` follows `convention` given the one-sided slopes, and its relative
  /// error (for `.between`, the distance outside the interval relative to the larger slope).
  func follows(
    _ analytic: Double, _ convention: Kink.Convention, left l: Double, right r: Double,
    floor: Double
  ) -> (holds: Bool, error: Double) {
    let error: Double
    switch convention {
    case .leftLimit: error = tolerance.error(analytic, l, floor: floor)
    case .rightLimit: error = tolerance.error(analytic, r, floor: floor)
    case .average: error = tolerance.error(analytic, (l + r) / 2, floor: floor)
    case .between:
      let outside = Swift.max(Swift.min(l, r) - analytic, analytic - Swift.max(l, r), 0)
      error = analytic.isNaN ? .infinity : outside / Swift.max(Swift.abs(l), Swift.abs(r), floor)
    }
    return (error <= tolerance.relative, error)
  }
}
