/// How the input gradient of a recurrent layer fared at one time step: the checked entries
/// `input[b, t, f]` of every sequence `b` and feature `f` at step `t`.
///
/// A backpropagation through time that drops the recurrent term is right at the last step and
/// wrong at every earlier one; these summaries show that shape, and the input's
/// ``Problem/Kind/gradientMismatch`` message names it ("wrong from t = 7 backwards").
public struct TimeStepSummary: Sendable, Hashable, Codable {
  /// The time step, from 0.
  public var step: Int
  /// The number of input entries checked at this step (0 when subsampling skipped it).
  public var entries: Int
  /// The largest error over those entries.
  public var maxRelativeError: Double
  /// The largest |gradient| the backward pass returned over those entries: it shows a
  /// gradient vanishing or exploding along the sequence, far below what a finite difference
  /// resolves.
  public var largestGradient: Double
  /// The largest |numeric gradient| over those entries (the reference's magnitude; 0 where
  /// the gradient is below the rounding of the objective).
  public var largestReference: Double

  /// A summary of one time step.
  public init(
    step: Int, entries: Int, maxRelativeError: Double, largestGradient: Double,
    largestReference: Double
  ) {
    self.step = step
    self.entries = entries
    self.maxRelativeError = maxRelativeError
    self.largestGradient = largestGradient
    self.largestReference = largestReference
  }

  /// One summary per time step of an input of shape `[batch, time, features]`, from the
  /// checked input entries `results`; empty for any other rank.
  static func steps(_ results: [EntryResult], inputShape shape: [Int]) -> [TimeStepSummary] {
    guard shape.count == 3, shape[1] > 0, shape[2] > 0 else { return [] }
    let (time, features) = (shape[1], shape[2])
    var steps = (0..<time).map {
      TimeStepSummary(
        step: $0, entries: 0, maxRelativeError: 0, largestGradient: 0, largestReference: 0)
    }
    for result in results {
      let t = (result.index / features) % time
      steps[t].entries += 1
      if !(steps[t].maxRelativeError >= result.error) { steps[t].maxRelativeError = result.error }
      let (analytic, numeric) = (Swift.abs(result.analytic), Swift.abs(result.numeric))
      if !(steps[t].largestGradient >= analytic) { steps[t].largestGradient = analytic }
      if !(steps[t].largestReference >= numeric) { steps[t].largestReference = numeric }
    }
    return steps
  }

  /// Where along time the input gradient fails `tolerance`, as a phrase: "wrong at 8 of 10
  /// time steps: wrong from t = 7 backwards (worst t = 2)" when it is right at the late steps
  /// and wrong at every checked step up to some t₀, "wrong at every time step", or the list
  /// of failing steps; `nil` when no step fails.
  ///
  /// A passing step whose ``largestReference`` is at most `resolution` (the tolerance times
  /// the floor: even a zero analytic gradient passes there) says nothing, so it takes no part
  /// in the pattern and the phrase names it as unresolved: the early steps of a vanishing
  /// gradient, the late steps of an exploding one (whose objective's rounding exceeds them).
  static func extent(
    of steps: [TimeStepSummary], tolerance: Double, resolution: Double = 0
  ) -> String? {
    let checked = steps.filter { $0.entries > 0 }
    func fails(_ step: TimeStepSummary) -> Bool { !(step.maxRelativeError <= tolerance) }
    let failing = checked.filter(fails)
    guard let last = failing.last,
      let worst = failing.max(by: { !($0.maxRelativeError >= $1.maxRelativeError) })
    else { return nil }
    let unresolved = checked.filter { !fails($0) && !($0.largestReference > resolution) }
    let informative = checked.filter { fails($0) || $0.largestReference > resolution }
    let shape: String
    if failing.count == informative.count {
      shape = unresolved.isEmpty ? "wrong at every time step" : "wrong at every resolved time step"
    } else if failing.count >= 2,
      informative.filter({ $0.step <= last.step }).count == failing.count
    {
      shape = "wrong from t = \(last.step) backwards"
    } else {
      shape = "wrong at t = \(ranges(failing.map(\.step)))"
    }
    let note =
      unresolved.isEmpty
      ? ""
      : "; t = \(ranges(unresolved.map(\.step))) unresolved: every |numeric gradient| there is "
        + "at most \(format(resolution, digits: 2)), the check's resolution"
    return "wrong at \(failing.count) of \(checked.count) time steps: \(shape) "
      + "(worst t = \(worst.step)\(note))"
  }

  /// Sorted steps as runs: `0–3, 7, 9`.
  static func ranges(_ steps: [Int]) -> String {
    var runs: [String] = []
    var start = 0
    while start < steps.count {
      var end = start
      while end + 1 < steps.count && steps[end + 1] == steps[end] + 1 { end += 1 }
      runs.append(end == start ? "\(steps[start])" : "\(steps[start])–\(steps[end])")
      start = end + 1
    }
    return runs.joined(separator: ", ")
  }
}

/// One line on the input gradient along time: how many steps fail and how many are below
/// `resolution` (see ``TimeStepSummary/extent(of:tolerance:resolution:)``), the worst step, and
/// the backward pass's gradient at the first and last checked steps.
func timeStepLines(_ steps: [TimeStepSummary], tolerance: Double, resolution: Double) -> [String] {
  let checked = steps.filter { $0.entries > 0 }
  guard let first = checked.first, let last = checked.last,
    let worst = checked.max(by: { !($0.maxRelativeError >= $1.maxRelativeError) })
  else { return [] }
  let failing = checked.filter { !($0.maxRelativeError <= tolerance) }.count
  let unresolved = checked.filter {
    $0.maxRelativeError <= tolerance && !($0.largestReference > resolution)
  }.count
  return [
    "    input along time: \(checked.count) of \(steps.count) steps checked, \(failing) "
      + "failing, \(unresolved) below the resolution \(format(resolution, digits: 2)); worst error "
      + "\(format(worst.maxRelativeError)) at t = \(worst.step); largest |gradient| "
      + "\(format(first.largestGradient)) at t = \(first.step), \(format(last.largestGradient)) at "
      + "t = \(last.step)"
  ]
}
