import Foundation

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

  /// Where a text is placed relative to its x coordinate (SVG's `text-anchor`).
  enum Anchor: String {
    case start, middle, end
  }

  mutating func text(
    _ text: String, x: Double, y: Double, size: Int, color: String, anchor: Anchor = .start
  ) {
    let escaped = text.replacingOccurrences(of: "&", with: "&amp;")
      .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    let anchored = anchor == .start ? "" : " text-anchor=\"\(anchor.rawValue)\""
    body.append(
      "<text x=\"\(n(x))\" y=\"\(n(y))\" font-family=\"sans-serif\" font-size=\"\(size)\" "
        + "fill=\"\(color)\"\(anchored)>\(escaped)</text>")
  }

  /// The frame, the zero line, round ticks on both axes (see ``SVGPlot/niceTicks(in:about:)``)
  /// and the panel's label.
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
    for tick in SVGPlot.niceTicks(in: panel.xRange, about: 6) {
      let (x, y) = panel.point(tick, panel.yRange.lowerBound)
      tickMark(x, y, x, y + 4)
      text(format(tick), x: x, y: y + 15, size: 10, color: "#57606a", anchor: .middle)
    }
    for tick in SVGPlot.niceTicks(in: panel.yRange, about: 6) {
      let (x, y) = panel.point(panel.xRange.lowerBound, tick)
      tickMark(x - 4, y, x, y)
      text(format(tick), x: x - 6, y: y + 3.5, size: 10, color: "#57606a", anchor: .end)
    }
    text(label, x: f.x + 6, y: f.y + 16, size: 12, color: "#24292f")
  }

  /// A short grey stroke from (x0, y0) to (x1, y1), in picture coordinates.
  private mutating func tickMark(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) {
    body.append(
      "<path d=\"M\(n(x0)),\(n(y0))L\(n(x1)),\(n(y1))\" stroke=\"#8c959f\"/>")
  }

  mutating func verticalLine(_ panel: Panel, at x: Double, color: String, dashed: Bool) {
    let (px, top) = panel.point(x, panel.yRange.upperBound)
    let (_, bottom) = panel.point(x, panel.yRange.lowerBound)
    body.append(
      "<line x1=\"\(n(px))\" y1=\"\(n(top))\" x2=\"\(n(px))\" y2=\"\(n(bottom))\" "
        + "stroke=\"\(color)\"\(dashed ? " stroke-dasharray=\"5,4\"" : "")/>")
  }

  /// A translucent band over the whole height of `panel`, from `interval.lowerBound` to
  /// `interval.upperBound` in data coordinates.
  mutating func band(_ panel: Panel, _ interval: ClosedRange<Double>, color: String) {
    let (x0, top) = panel.point(interval.lowerBound, panel.yRange.upperBound)
    let (x1, bottom) = panel.point(interval.upperBound, panel.yRange.lowerBound)
    body.append(
      "<rect x=\"\(n(x0))\" y=\"\(n(top))\" width=\"\(n(Swift.max(x1 - x0, 1)))\" "
        + "height=\"\(n(bottom - top))\" fill=\"\(color)\" fill-opacity=\"0.15\"/>")
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
