import Foundation
import LayerCore

/// A self-contained SVG picture of an activation: the function in the upper panel; the
/// hand-written derivative (line) and the numeric reference (dots) in the lower panel; declared
/// kinks as dashed vertical lines; declared jumps as dotted orange lines, with the curves broken
/// there and the declared value as a dot; failing points as red circles over red bands.
///
/// The plot finds the failing points itself: at every sample it applies the check's own
/// judgement, so every region where the derivative is wrong is shaded, not only the few worst
/// points a report lists.
public enum SVGPlot {
  /// How many points the curves are sampled at, and the derivative is checked at.
  static let samples = 481

  /// The colour of failure markers and bands.
  static let failureColor = "#cf222e"

  /// The colour of declared jumps.
  static let jumpColor = "#bc4c00"

  /// Renders `activation` over `range` (a range that is empty or not finite is replaced by the
  /// default −6…6).
  ///
  /// At each of the plot's samples the hand-written derivative is judged by the check itself,
  /// in every scalar type the reports name; every failing sample is circled in red and each
  /// run of failing samples shaded in the derivative panel. The failing points that `reports`
  /// list are circled as well.
  public static func render(
    _ activation: some Activation, reports: [ActivationReport], range: ClosedRange<Double> = -6...6
  ) -> String {
    let usable = range.lowerBound.isFinite && range.upperBound.isFinite
    let range = usable && range.upperBound > range.lowerBound ? range : -6...6
    let xs = sampleGrid(range)
    let values = xs.map { activation.value(at: $0) }
    let analytic = xs.map { activation.derivative(at: $0) }
    let dots = stride(from: 0, to: samples, by: 12).map { xs[$0] }
    let numeric = dots.map { NumericDerivative.estimate(of: activation, at: $0, by: .dual) }
    let failing = failingSamples(of: activation, at: xs, scalars: reports.map(\.scalar))
    let bands = failingIntervals(failing, of: xs)
    // Every failing sample, then the points the reports list that are not among them.
    var marked = Set(failing.map { xs[$0] })
    let sampled = failing.map { (xs[$0], markerHeight(activation, at: xs[$0])) }
    var listed: [(Double, Double)] = []
    for report in reports {
      let points =
        report.worstPoints.filter { !$0.passed }.map(\.x) + report.problems.compactMap(\.x)
      for x in points where range.contains(x) && marked.insert(x).inserted {
        listed.append((x, markerHeight(activation, at: x)))
      }
    }
    let passed = reports.allSatisfy(\.passed)

    let width = 760.0
    let panelHeight = 230.0
    let left = 60.0
    let right = 20.0
    let jumps = activation.jumps.filter { range.contains($0.location) }
    var svg = Canvas(width: width, height: 2 * panelHeight + 90 + (jumps.isEmpty ? 0 : 16))
    let scalars = Set(reports.map(\.scalar)).sorted().joined(separator: ", ")
    let summary =
      failing.isEmpty
      ? "" : "; derivative wrong at \(failing.count) of \(samples) samples"
    svg.text(
      "\(activation) [\(scalars)]: \(passed ? "passed" : "FAILED")\(summary)", x: left, y: 24,
      size: 16, color: passed && failing.isEmpty ? "#1a7f37" : failureColor)
    let top = Panel(
      frame: (left, 40, width - left - right, panelHeight - 20), xRange: range,
      yRange: bounds(values))
    let bottom = Panel(
      frame: (left, 40 + panelHeight + 20, width - left - right, panelHeight - 20), xRange: range,
      yRange: bounds(analytic + numeric + (sampled + listed).map(\.1)))
    for band in bands { svg.band(bottom, band, color: failureColor) }
    for (panel, label) in [(top, "f(x)"), (bottom, "f'(x)")] {
      svg.axes(panel, label: label)
      for kink in activation.kinks where range.contains(kink.location) {
        svg.verticalLine(panel, at: kink.location, color: "#8250df", dashed: true)
      }
      for jump in jumps {
        svg.verticalLine(panel, at: jump.location, color: jumpColor, dashed: true)
      }
    }
    // The failing samples under the curves, so that a dense run hides neither; the reports'
    // points on top.
    for (x, y) in sampled {
      svg.circle(bottom, x, y, radius: 3, color: failureColor, filled: false)
    }
    let cuts = jumps.map(\.location)
    svg.polyline(top, broken(xs, values, at: cuts), color: "#0969da")
    svg.polyline(bottom, broken(xs, analytic, at: cuts), color: "#0969da")
    for jump in jumps { svg.circle(top, jump.location, jump.value, radius: 4, color: jumpColor) }
    for (x, y) in zip(dots, numeric) { svg.circle(bottom, x, y, radius: 2.5, color: "#57606a") }
    for (x, y) in listed { svg.circle(bottom, x, y, radius: 6, color: failureColor, filled: false) }
    let legendY = 2 * panelHeight + 75
    svg.text("— analytic derivative", x: left, y: legendY, size: 12, color: "#0969da")
    svg.text("• numeric (dual numbers)", x: left + 145, y: legendY, size: 12, color: "#57606a")
    svg.text("┆ declared kink", x: left + 320, y: legendY, size: 12, color: "#8250df")
    svg.text("○ failing point", x: left + 435, y: legendY, size: 12, color: failureColor)
    svg.text("▮ failing interval", x: left + 545, y: legendY, size: 12, color: failureColor)
    if !jumps.isEmpty {
      svg.text(
        "┆ declared jump (• its declared value)", x: left, y: legendY + 16, size: 12,
        color: jumpColor)
    }
    return svg.finish()
  }

  /// The points (x, y) with a NaN inserted wherever consecutive samples reach across (or onto)
  /// a declared jump, so that the curve is drawn without a false vertical segment there.
  static func broken(_ xs: [Double], _ ys: [Double], at cuts: [Double]) -> [(Double, Double)] {
    var points: [(Double, Double)] = []
    for i in xs.indices {
      if i > 0, cuts.contains(where: { xs[i - 1] <= $0 && $0 <= xs[i] }) {
        points.append((xs[i], .nan))
      }
      points.append((xs[i], ys[i]))
    }
    return points
  }

  /// `samples` equally spaced points from the lower to the upper bound of `range`.
  static func sampleGrid(_ range: ClosedRange<Double>) -> [Double] {
    let span = range.upperBound - range.lowerBound
    return (0..<samples).map { range.lowerBound + span * Double($0) / Double(samples - 1) }
  }

  /// The indices of the points `xs` where the check itself judges the hand-written derivative
  /// of `activation` wrong, in any scalar type of `scalars` (`Double` when there is none):
  /// the same judgement, references and tolerance as ``ActivationChecker``, so the plot marks
  /// exactly what the check would fail. Points outside the domain, at a declared kink (judged
  /// by the kink check), or where the value is not finite are not marked.
  static func failingSamples(
    of activation: some Activation, at xs: [Double], scalars: [String]
  ) -> [Int] {
    let kinds = Set(scalars.compactMap(ScalarKind.init(rawValue:)))
    let failsIn: [(Double) -> Bool] =
      (kinds.isEmpty ? [.double] : kinds.sorted { $0.rawValue < $1.rawValue })
      .map { kind in judgedWrong(activation, as: kind.type) }
    return xs.indices.filter { i in
      activation.domain.contains(xs[i]) && failsIn.contains { $0(xs[i]) }
    }
  }

  /// Whether the check in `T` judges the derivative at a point wrong.
  static func judgedWrong<T: CheckableScalar, A: Activation>(
    _ activation: A, as _: T.Type
  ) -> (Double) -> Bool {
    let run = ActivationRun<T, A>(activation: activation, plan: SamplePlan())
    return { x in
      switch run.judge(at: T(x)) {
      case .nonFiniteDerivative: true
      case .compared(let result, _, _): !result.passed
      case .notJudged, .nonFiniteValue: false
      }
    }
  }

  /// The x-intervals covered by runs of consecutive failing samples, each widened by half a
  /// sample spacing on both sides (within the sampled range), so that a lone failing sample
  /// gets a band too.
  static func failingIntervals(_ failing: [Int], of xs: [Double]) -> [ClosedRange<Double>] {
    guard let first = xs.first, let last = xs.last else { return [] }
    let half = xs.count > 1 ? (xs[1] - xs[0]) / 2 : 0
    var runs: [(start: Int, end: Int)] = []
    for i in failing.sorted() {
      if let run = runs.last, run.end == i - 1 {
        runs[runs.count - 1].end = i
      } else {
        runs.append((i, i))
      }
    }
    return runs.map { Swift.max(xs[$0.start] - half, first)...Swift.min(xs[$0.end] + half, last) }
  }

  /// Where to circle a failing point: at the hand-written derivative, or at the exact one where
  /// the hand-written derivative is not finite.
  static func markerHeight(_ activation: some Activation, at x: Double) -> Double {
    let analytic: Double = activation.derivative(at: x)
    return analytic.isFinite
      ? analytic : NumericDerivative.estimate(of: activation, at: x, by: .dual)
  }

  /// Round tick values in `range`: the integer multiples of a step of 1, 2 or 5 × 10^k that lie
  /// in the range, with the step whose tick count is nearest `count` (the larger step on a
  /// tie). A range of zero width gives its one point; a non-finite one, no ticks.
  static func niceTicks(in range: ClosedRange<Double>, about count: Int) -> [Double] {
    let (low, high) = (range.lowerBound, range.upperBound)
    guard low.isFinite, high.isFinite else { return [] }
    guard high > low else { return [low] }
    let exponent = Int(log10((high - low) / Double(Swift.max(count, 1))).rounded(.down))
    var best: [Double]?
    for k in stride(from: exponent + 1, through: exponent - 1, by: -1) {
      for mantissa in [5.0, 2, 1] {
        let ticks = multiples(of: mantissa, exponent: k, in: range)
        if let current = best, Swift.abs(current.count - count) <= Swift.abs(ticks.count - count) {
          continue
        }
        best = ticks
      }
    }
    return best ?? []
  }

  /// The integer multiples of `mantissa` × 10^`exponent` in `range`, each computed as an
  /// integer times or divided by an exact power of ten so that it prints without noise.
  static func multiples(
    of mantissa: Double, exponent: Int, in range: ClosedRange<Double>
  ) -> [Double] {
    let power = pow(10, Double(Swift.abs(exponent)))
    let scale = { (multiple: Double) in exponent < 0 ? multiple / power : multiple * power }
    let step = scale(mantissa)
    let first = (range.lowerBound / step).rounded(.up)
    let last = (range.upperBound / step).rounded(.down)
    guard first <= last else { return [] }
    return stride(from: first, through: last, by: 1).map { scale($0 * mantissa) + 0 }
      .filter(range.contains)
  }

  static func bounds(_ values: [Double]) -> ClosedRange<Double> {
    let finite = values.filter(\.isFinite)
    guard var low = finite.min(), var high = finite.max() else { return -1...1 }
    if high - low < 1e-12 {
      low -= 1
      high += 1
    }
    let margin = (high - low) * 0.08
    return (low - margin)...(high + margin)
  }
}
