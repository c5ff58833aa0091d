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
  /// The largest |numeric gradient| over those entries: the reference's magnitude, which
  /// shows a gradient vanishing or exploding along the sequence.
  public var largestGradient: Double

  /// A summary of one time step.
  public init(step: Int, entries: Int, maxRelativeError: Double, largestGradient: Double) {
    self.step = step
    self.entries = entries
    self.maxRelativeError = maxRelativeError
    self.largestGradient = largestGradient
  }

  /// One summary per time step of an input of shape `[batch, time, features]`, from the
  /// checked input entries `results`; empty for any other rank.
  static func steps(_ results: [EntryResult], inputShape shape: [Int]) -> [TimeStepSummary] {
    guard shape.count == 3, shape[1] > 0, shape[2] > 0 else { return [] }
    let (time, features) = (shape[1], shape[2])
    var steps = (0..<time).map {
      TimeStepSummary(step: $0, entries: 0, maxRelativeError: 0, largestGradient: 0)
    }
    for result in results {
      let t = (result.index / features) % time
      steps[t].entries += 1
      if !(steps[t].maxRelativeError >= result.error) { steps[t].maxRelativeError = result.error }
      let magnitude = Swift.abs(result.numeric)
      if !(steps[t].largestGradient >= magnitude) { steps[t].largestGradient = magnitude }
    }
    return steps
  }

  /// Where along time the input gradient fails `tolerance`, as a phrase: "wrong at 8 of 10
  /// time steps: wrong from t = 7 backwards (worst t = 2)" when it is right at the late steps
  /// and wrong at every checked step up to some t₀, "wrong at every time step", or the list
  /// of failing steps; `nil` when no step fails.
  static func extent(of steps: [TimeStepSummary], tolerance: Double) -> String? {
    let checked = steps.filter { $0.entries > 0 }
    let failing = checked.filter { !($0.maxRelativeError <= tolerance) }
    guard let last = failing.last,
      let worst = failing.max(by: { !($0.maxRelativeError >= $1.maxRelativeError) })
    else { return nil }
    let shape: String
    if failing.count == checked.count {
      shape = "wrong at every time step"
    } else if failing.count >= 2, checked.prefix(while: { $0.step <= last.step }).count
      == failing.count
    {
      shape = "wrong from t = \(last.step) backwards"
    } else {
      shape = "wrong at t = \(ranges(failing.map(\.step)))"
    }
    return "wrong at \(failing.count) of \(checked.count) time steps: \(shape) "
      + "(worst t = \(worst.step))"
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

/// One line on the input gradient along time: the worst step, the gradient's magnitude at
/// the first and last checked steps, and how many steps fail.
func timeStepLines(_ steps: [TimeStepSummary], tolerance: Double) -> [String] {
  let checked = steps.filter { $0.entries > 0 }
  guard let first = checked.first, let last = checked.last,
    let worst = checked.max(by: { !($0.maxRelativeError >= $1.maxRelativeError) })
  else { return [] }
  let failing = checked.filter { !($0.maxRelativeError <= tolerance) }.count
  return [
    "    input along time: \(checked.count) of \(steps.count) steps checked, \(failing) "
      + "failing, worst error \(format(worst.maxRelativeError)) at t = \(worst.step); "
      + "largest |gradient| \(format(first.largestGradient)) at t = \(first.step), "
      + "\(format(last.largestGradient)) at t = \(last.step)"
  ]
}
