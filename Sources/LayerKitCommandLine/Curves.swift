import Foundation

/// The `--curves` chart of `layerkit train`: an SVG with two panels, the cost per epoch and
/// the train accuracy per epoch, one polyline per run (one run, or one per initializer).
struct Curves {
  /// One named run: its cost and train accuracy per epoch (a diverged run may be short).
  struct Series {
    var name: String
    var costs: [Double]
    var accuracies: [Double]
  }

  static let colors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"]

  /// Checks that `path` can be written before any training: its folder must exist.
  static func validate(_ path: String) throws(UsageError) {
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory),
      isDirectory.boolValue
    else {
      throw UsageError("--curves: no folder '\(folder)' to write '\(path)' into", showsUsage: false)
    }
  }

  /// Writes the chart of `series` to `path`.
  static func write(_ series: [Series], to path: String) throws(UsageError) {
    do {
      try Data(render(series).utf8).write(to: URL(fileURLWithPath: path))
    } catch {
      throw UsageError("--curves: cannot write '\(path)' (\(error))", showsUsage: false)
    }
  }

  /// The SVG text: the cost panel on top, the accuracy panel below, and a legend.
  static func render(_ series: [Series]) -> String {
    let width = 640.0
    let height = 220.0
    var svg = """
      <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" \
      height="\(Int(2 * height + 40))" font-family="sans-serif" font-size="12">
      <rect width="100%" height="100%" fill="white"/>

      """
    let finite = { (values: [Double]) in values.filter(\.isFinite) }
    let panels: [(String, [[Double]], Double)] = [
      ("cost", series.map { finite($0.costs) }, 0),
      ("train accuracy", series.map(\.accuracies), height),
    ]
    let epochs = max(series.map { max($0.costs.count, $0.accuracies.count) }.max() ?? 1, 2)
    for (title, curves, top) in panels {
      let all = curves.flatMap { $0 }
      var low = all.min() ?? 0
      var high = all.max() ?? 1
      if high - low < 1e-12 { (low, high) = (low - 0.5, high + 0.5) }
      let (left, right, upper, lower) = (60.0, width - 20, top + 25, top + height - 25)
      svg += "<text x=\"\(left)\" y=\"\(top + 15)\">\(title)</text>\n"
      svg += "<rect x=\"\(left)\" y=\"\(upper)\" width=\"\(right - left)\" "
      svg += "height=\"\(lower - upper)\" fill=\"none\" stroke=\"#999\"/>\n"
      for (value, y) in [(high, upper + 4), (low, lower)] {
        svg += "<text x=\"4\" y=\"\(y)\">\(String(format: "%.4g", value))</text>\n"
      }
      for (index, values) in curves.enumerated() where !values.isEmpty {
        let points = values.enumerated().map { epoch, value in
          let x = left + (right - left) * Double(epoch) / Double(epochs - 1)
          let y = lower - (lower - upper) * (value - low) / (high - low)
          return String(format: "%.1f,%.1f", x, y)
        }
        svg += "<polyline fill=\"none\" stroke=\"\(colors[index % colors.count])\" "
        svg += "stroke-width=\"1.5\" points=\"\(points.joined(separator: " "))\"/>\n"
      }
    }
    for (index, run) in series.enumerated() {
      let x = 60 + 95 * Double(index)
      svg += "<text x=\"\(x)\" y=\"\(2 * height + 30)\" fill=\"\(colors[index % colors.count])\">"
      svg += "\(run.name)</text>\n"
    }
    return svg + "</svg>\n"
  }
}
