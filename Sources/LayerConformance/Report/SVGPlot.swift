import Foundation
import LayerCore

/// A self-contained SVG picture of an activation: the function in the upper panel; the
/// hand-written derivative (line) and the numeric reference (dots) in the lower panel; declared
/// kinks as dashed vertical lines; failing points as red circles.
public enum SVGPlot {
  /// Renders `activation` over `range`, marking every failing point of `reports`.
  public static func render(
    _ activation: some Activation, reports: [ActivationReport], range: ClosedRange<Double> = -6...6
  ) -> String {
    let samples = 481
    let xs = (0..<samples).map {
      range.lowerBound + (range.upperBound - range.lowerBound) * Double($0) / Double(samples - 1)
    }
    let values = xs.map { activation.value(at: $0) }
    let analytic = xs.map { activation.derivative(at: $0) }
    let dots = stride(from: 0, to: samples, by: 12).map { xs[$0] }
    let numeric = dots.map { NumericDerivative.estimate(of: activation, at: $0, by: .dual) }
    let failures = reports.flatMap { report in
      report.worstPoints.filter { !$0.passed }.map { ($0.x, $0.analytic) }
        + report.problems.compactMap { problem in
          problem.x.map { ($0, activation.derivative(at: $0)) }
        }
    }.filter { range.contains($0.0) && $0.1.isFinite }
    let passed = reports.allSatisfy(\.passed)

    let width = 760.0
    let panelHeight = 230.0
    let left = 60.0
    let right = 20.0
    var svg = Canvas(width: width, height: 2 * panelHeight + 90)
    let scalars = Set(reports.map(\.scalar)).sorted().joined(separator: ", ")
    svg.text(
      "\(activation) [\(scalars)]: \(passed ? "passed" : "FAILED")", x: left, y: 24, size: 16,
      color: passed ? "#1a7f37" : "#cf222e")
    let top = Panel(
      frame: (left, 40, width - left - right, panelHeight - 20), xRange: range,
      yRange: bounds(values))
    let bottom = Panel(
      frame: (left, 40 + panelHeight + 20, width - left - right, panelHeight - 20), xRange: range,
      yRange: bounds(analytic + numeric + failures.map(\.1)))
    for (panel, label) in [(top, "f(x)"), (bottom, "f'(x)")] {
      svg.axes(panel, label: label)
      for kink in activation.kinks where range.contains(kink.location) {
        svg.verticalLine(panel, at: kink.location, color: "#8250df", dashed: true)
      }
    }
    svg.polyline(top, zip(xs, values).map { ($0, $1) }, color: "#0969da")
    svg.polyline(bottom, zip(xs, analytic).map { ($0, $1) }, color: "#0969da")
    for (x, y) in zip(dots, numeric) { svg.circle(bottom, x, y, radius: 2.5, color: "#57606a") }
    for (x, y) in failures { svg.circle(bottom, x, y, radius: 6, color: "#cf222e", filled: false) }
    let legendY = 2 * panelHeight + 75
    svg.text("— analytic derivative", x: left, y: legendY, size: 12, color: "#0969da")
    svg.text("• numeric (dual numbers)", x: left + 170, y: legendY, size: 12, color: "#57606a")
    svg.text("┆ declared kink", x: left + 350, y: legendY, size: 12, color: "#8250df")
    svg.text("○ failing point", x: left + 480, y: legendY, size: 12, color: "#cf222e")
    return svg.finish()
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

/// A rectangle of the picture with its data ranges.
struct Panel {
  var frame: (x: Double, y: Double, width: Double, height: Double)
  var xRange: ClosedRange<Double>
  var yRange: ClosedRange<Double>

  func point(_ x: Double, _ y: Double) -> (Double, Double) {
    let u = (x - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound)
    let v = (y - yRange.lowerBound) / (yRange.upperBound - yRange.lowerBound)
    return (frame.x + u * frame.width, frame.y + (1 - v) * frame.height)
  }
}

/// Accumulates SVG elements.
struct Canvas {
  var body: [String] = []
  let width: Double
  let height: Double

  init(width: Double, height: Double) {
    self.width = width
    self.height = height
    body.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>")
  }

  mutating func text(_ text: String, x: Double, y: Double, size: Int, color: String) {
    let escaped = text.replacingOccurrences(of: "&", with: "&amp;")
      .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    body.append(
      "<text x=\"\(n(x))\" y=\"\(n(y))\" font-family=\"sans-serif\" font-size=\"\(size)\" "
        + "fill=\"\(color)\">\(escaped)</text>")
  }

  mutating func axes(_ panel: Panel, label: String) {
    let f = panel.frame
    body.append(
      "<rect x=\"\(n(f.x))\" y=\"\(n(f.y))\" width=\"\(n(f.width))\" height=\"\(n(f.height))\" "
        + "fill=\"none\" stroke=\"#d0d7de\"/>")
    if panel.yRange.contains(0) {
      let (x0, y0) = panel.point(panel.xRange.lowerBound, 0)
      let (x1, _) = panel.point(panel.xRange.upperBound, 0)
      body.append(
        "<line x1=\"\(n(x0))\" y1=\"\(n(y0))\" x2=\"\(n(x1))\" y2=\"\(n(y0))\" stroke=\"#afb8c1\"/>"
      )
    }
    for tick in stride(from: panel.xRange.lowerBound, through: panel.xRange.upperBound, by: 2) {
      let (x, y) = panel.point(tick, panel.yRange.lowerBound)
      text(format(tick), x: x - 6, y: y + 14, size: 10, color: "#57606a")
    }
    for fraction in [0.0, 0.5, 1.0] {
      let value =
        panel.yRange.lowerBound + fraction * (panel.yRange.upperBound - panel.yRange.lowerBound)
      let (_, y) = panel.point(panel.xRange.lowerBound, value)
      text(String(format: "%.3g", value), x: 4, y: y + 4, size: 10, color: "#57606a")
    }
    text(label, x: f.x + 6, y: f.y + 16, size: 12, color: "#24292f")
  }

  mutating func verticalLine(_ panel: Panel, at x: Double, color: String, dashed: Bool) {
    let (px, top) = panel.point(x, panel.yRange.upperBound)
    let (_, bottom) = panel.point(x, panel.yRange.lowerBound)
    body.append(
      "<line x1=\"\(n(px))\" y1=\"\(n(top))\" x2=\"\(n(px))\" y2=\"\(n(bottom))\" "
        + "stroke=\"\(color)\"\(dashed ? " stroke-dasharray=\"5,4\"" : "")/>")
  }

  mutating func polyline(_ panel: Panel, _ points: [(Double, Double)], color: String) {
    // Break the line at non-finite values.
    var segment: [String] = []
    func flush() {
      if segment.count > 1 {
        body.append(
          "<polyline points=\"\(segment.joined(separator: " "))\" fill=\"none\" "
            + "stroke=\"\(color)\" stroke-width=\"2\"/>")
      }
      segment = []
    }
    for (x, y) in points {
      guard y.isFinite else {
        flush()
        continue
      }
      let (px, py) = panel.point(x, y)
      segment.append("\(n(px)),\(n(py))")
    }
    flush()
  }

  mutating func circle(
    _ panel: Panel, _ x: Double, _ y: Double, radius: Double, color: String, filled: Bool = true
  ) {
    guard y.isFinite else { return }
    let (px, py) = panel.point(x, y)
    let paint =
      filled ? "fill=\"\(color)\"" : "fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\""
    body.append("<circle cx=\"\(n(px))\" cy=\"\(n(py))\" r=\"\(n(radius))\" \(paint)/>")
  }

  func finish() -> String {
    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(n(width))\" height=\"\(n(height))\" "
      + "viewBox=\"0 0 \(n(width)) \(n(height))\">\n" + body.joined(separator: "\n") + "\n</svg>\n"
  }

  func n(_ value: Double) -> String {
    String((value * 10).rounded() / 10)
  }
}
