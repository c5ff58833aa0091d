import LayerCore

/// Discovery of non-smooth points nobody declared.
///
/// Over a fine grid of the sampled range (spacing ``SamplePlan/scanStep``) the run looks for
/// cells where a sequence jumps far more than it changes two cells away:
/// - the dual-number derivative of f: a kink in the function;
/// - the trapezoid residual f(b) - f(a) - (b - a)(f'(a) + f'(b))/2: a jump in the function;
/// - the hand-written derivative: a switch of the derivative.
///
/// Each suspect cell is narrowed by bisection (keeping the half where the sequence changes
/// more) to a width of about 1e-10 · max(1, |x|). A smooth function's change vanishes as the
/// cell shrinks; a true jump does not. What is found at a declared kink or jump is not reported:
/// the kink and jump checks measure those.
extension ActivationRun {
  mutating func scanForNonSmoothPoints() {
    let grid = scanGrid()
    guard grid.count >= 5 else { return }
    let dualSlopes = grid.map { Double(dual($0)) }
    let values = grid.map { Double(f($0)) }
    let analytic = grid.map { Double(activation.derivative(at: T($0))) }
    var functionKinks: [Double] = []
    let run = self  // an immutable copy for the bisection closures

    // Kinks in f: the dual derivative jumps.
    for (a, b) in suspectCells(dualSlopes, grid: grid) {
      guard let (lo, hi) = bisect(a, b, { Double(run.dual($0)) }) else { continue }
      let c = Double(lo + (hi - lo) / 2)
      let width = Double(hi - lo)
      if isDeclaredKink(near: c, width: width) || isDeclaredJump(near: c, width: width) {
        continue
      }
      let (left, right) = slopes(around: lo, hi)
      guard slopesDiffer(left, right) else { continue }  // only the dual saw it
      functionKinks.append(c)
      let located: String = format(width)
      let leftSlope: String = format(Double(left.value))
      let rightSlope: String = format(Double(right.value))
      let message: String =
        "\(label): undeclared kink at x = \(format(c)) (located to ±\(located)): slope "
        + "\(leftSlope) on the left, \(rightSlope) on the right; declare it with "
        + "Kink(at: \(format(c)), convention: ...)"
      problems.append(Problem(.undeclaredKink, at: c, message))
    }

    // Jumps in f: the trapezoid residual spikes.
    var residuals: [Double] = []
    for i in 0..<grid.count - 1 {
      let width = Double(grid[i + 1] - grid[i])
      let trapezoid: Double = width * (dualSlopes[i] + dualSlopes[i + 1]) / 2
      residuals.append(values[i + 1] - values[i] - trapezoid)
    }
    for (a, b) in suspectCells(residuals, grid: grid, cellValues: true) {
      guard let (lo, hi) = bisect(a, b, nil) else { continue }
      if isDeclaredJump(near: Double(lo + (hi - lo) / 2), width: Double(hi - lo)) { continue }
      let fl = Double(f(lo))
      let fh = Double(f(hi))
      let slopeLo: Double = Swift.abs(Double(dual(lo)))
      let slopeHi: Double = Swift.abs(Double(dual(hi)))
      let expected: Double = 1e3 * Swift.max(slopeLo, slopeHi) * Double(hi - lo)
      let noise: Double = jumpThreshold * Swift.max(Swift.abs(fl), 1)
      guard Swift.abs(fh - fl) > expected + noise else { continue }
      let c = Double(lo + (hi - lo) / 2)
      problems.append(
        Problem(
          .discontinuity, at: c,
          "\(label): the function jumps at x = \(format(c)): from \(format(fl)) to \(format(fh)) "
            + "across an interval of width \(format(Double(hi - lo)))"))
    }

    // Switches of the hand-written derivative where f is smooth.
    for (a, b) in suspectCells(analytic, grid: grid) {
      guard let (lo, hi) = bisect(a, b, { Double(run.activation.derivative(at: T($0))) }, inT: true)
      else { continue }
      let c = Double(lo + (hi - lo) / 2)
      let width = Double(hi - lo)
      if isDeclaredKink(near: c, width: width) || isDeclaredJump(near: c, width: width)
        || functionKinks.contains(where: { Swift.abs($0 - c) <= 2 * width + 1e-9 })
      {
        continue
      }
      let (left, right) = slopes(around: lo, hi)
      if slopesDiffer(left, right) { continue }  // a kink the dual scan could not see
      let dl: String = format(Double(activation.derivative(at: T(lo))))
      let dh: String = format(Double(activation.derivative(at: T(hi))))
      let slope: String = format(Double(left.value))
      let message: String =
        "\(label): the derivative jumps at x = \(format(c)) from \(dl) to \(dh), but the "
        + "function is smooth there (slope \(slope) on both sides)"
      problems.append(Problem(.derivativeMismatch, at: c, message))
    }
  }

  /// The scan grid in `W`: multiples of the scan step across the plan's range, in the domain.
  func scanGrid() -> [W] {
    let step = plan.scanStep
    let first = (plan.range.lowerBound / step).rounded(.up)
    let last = (plan.range.upperBound / step).rounded(.down)
    guard first <= last else { return [] }
    return stride(from: first, through: last, by: 1).map { W($0 * step) }
      .filter { activation.domain.contains(Double($0)) }
  }

  /// Cells (as grid intervals) where `sequence` changes by far more than two cells away.
  /// With `cellValues`, the sequence already holds one value per cell.
  func suspectCells(_ sequence: [Double], grid: [W], cellValues: Bool = false) -> [(W, W)] {
    let changes: [Double] =
      cellValues
      ? sequence.map { Swift.abs($0) }
      : (0..<sequence.count - 1).map { Swift.abs(sequence[$0 + 1] - sequence[$0]) }
    var flagged: [Int] = []
    for i in changes.indices {
      let neighbours = [i - 2, i + 2].filter { changes.indices.contains($0) }.map { changes[$0] }
      let reference = neighbours.max() ?? 0
      let magnitude: Double
      if cellValues {
        magnitude = Swift.max(1, Swift.abs(Double(f(grid[i]))))
      } else {
        magnitude = Swift.max(
          Swift.abs(sequence[i]), Swift.abs(sequence[i + 1]), minimumFloor)
      }
      let change = changes[i]
      guard change.isFinite else { continue }
      if change > 4 * reference + jumpThreshold * magnitude { flagged.append(i) }
    }
    // Merge runs of adjacent cells into one interval.
    var intervals: [(W, W)] = []
    var start: Int?
    for (position, i) in flagged.enumerated() {
      if start == nil { start = i }
      let next = position + 1 < flagged.count ? flagged[position + 1] : nil
      if next != i + 1, let s = start {
        intervals.append((grid[s], grid[Swift.min(i + 1, grid.count - 1)]))
        start = nil
      }
    }
    return intervals
  }

  /// Narrows [a, b] around the jump of `sequence` (or, with `nil`, of the trapezoid residual
  /// of f) to a width of about 1e-10 · max(1, |x|); `nil` if the change vanished on the way.
  func bisect(_ a: W, _ b: W, _ sequence: ((W) -> Double)?, inT: Bool = false) -> (W, W)? {
    func change(_ lo: W, _ hi: W) -> Double {
      if let sequence { return Swift.abs(sequence(hi) - sequence(lo)) }
      let rise = Double(f(hi) - f(lo))
      let trapezoid: Double = Double(hi - lo) * (Double(dual(lo)) + Double(dual(hi))) / 2
      return Swift.abs(rise - trapezoid)
    }
    var (lo, hi) = (a, b)
    for _ in 0..<80 {
      let width = hi - lo
      if Double(width) <= 1e-10 * Swift.max(1, Swift.abs(Double(lo))) { break }
      var mid = lo + width / 2
      if inT {
        let (tLo, tMid, tHi) = (T(lo), T(mid), T(hi))
        if tLo.nextUp >= tHi { break }
        if tMid <= tLo || tMid >= tHi { mid = W(tLo.nextUp) } else { mid = W(tMid) }
      }
      if change(lo, mid) >= change(mid, hi) { hi = mid } else { lo = mid }
    }
    guard let sequence else { return (lo, hi) }
    let (sl, sh) = (sequence(lo), sequence(hi))
    let jump = Swift.abs(sh - sl)
    let scale = Swift.max(Swift.abs(sl), Swift.abs(sh), minimumFloor)
    return jump > jumpThreshold * scale ? (lo, hi) : nil
  }

  /// One-sided slopes left of `lo` and right of `hi` (the bracket of a located point).
  func slopes(around lo: W, _ hi: W) -> (Stencil<W>.Estimate, Stencil<W>.Estimate) {
    let stencil = Stencil<W>(f)
    let h = Stencil<W>.oneSidedStep(at: lo) / 16
    return (
      stencil.richardson(at: lo, step: h, side: .backward),
      stencil.richardson(at: hi, step: h, side: .forward)
    )
  }

  /// Whether c lies within the located width (plus 1e-9 · max(1, |k|)) of a declared kink.
  func isDeclaredKink(near c: Double, width: Double) -> Bool {
    activation.kinks.contains {
      Swift.abs($0.location - c) <= 2 * width + 1e-9 * Swift.max(1, Swift.abs($0.location))
    }
  }
}
