import Foundation
import LayerConformance
import LayerKit

/// One row of `layerkit check` for a registered layer in one scalar type: the layer kit's
/// report, with the columns the activation rows have (`kinks` is always 0 for a layer).
struct LayerRow: Encodable {
  /// The layer kit's report.
  var report: LayerCheckReport
  /// The wall-clock time of the check.
  var seconds: Double

  /// Whether the layer passed.
  var passed: Bool { report.passed }

  enum CodingKeys: String, CodingKey {
    case kind, component, scalar, passed, points, maxRelativeError, kinks, kinksConfirmed
    case problems, seconds, mode, tensors
  }

  /// The fields of an activation row (`component`, `scalar`, `passed`, `points`,
  /// `maxRelativeError`, `kinks`, `kinksConfirmed`, `problems`, `seconds`), plus `kind`
  /// (`"layer"`), `mode` and the per-tensor summaries.
  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode("layer", forKey: .kind)
    try container.encode(report.component, forKey: .component)
    try container.encode(report.scalar, forKey: .scalar)
    try container.encode(passed, forKey: .passed)
    try container.encode(report.points, forKey: .points)
    try container.encode(report.maxRelativeError, forKey: .maxRelativeError)
    try container.encode(0, forKey: .kinks)
    try container.encode(0, forKey: .kinksConfirmed)
    try container.encode(report.problems, forKey: .problems)
    try container.encode(seconds, forKey: .seconds)
    try container.encode(report.mode, forKey: .mode)
    try container.encode(report.tensors, forKey: .tensors)
  }
}

/// A row of the JSON report: an activation's or a layer's.
enum CheckRow: Encodable {
  case activation(ComponentReport)
  case layer(LayerRow)

  func encode(to encoder: any Encoder) throws {
    switch self {
    case .activation(let report): try report.encode(to: encoder)
    case .layer(let row): try row.encode(to: encoder)
    }
  }
}

extension CheckCommand {
  /// Layers with more input and parameter entries than this are checked in directional mode.
  static let directionalThreshold = 20_000

  /// The checker for `blueprint`: full mode with at most 256 entries per tensor (subsampled
  /// larger tensors still cover every tensor), or 4 random directions for a layer with more
  /// than ``directionalThreshold`` input and parameter entries, so the check stays fast in a
  /// debug build.
  static func layerChecker(for blueprint: any LayerBlueprint) -> LayerGradientChecker {
    var random = RandomSource(seed: 0)
    let parameters = (try? blueprint.makeLayer(of: Double.self, random: &random))?.parameters
    let entries = (parameters?.scalarCount ?? 0) + blueprint.sampleInputShape.reduce(1, *)
    return entries > directionalThreshold
      ? LayerGradientChecker(mode: .directional(count: 4))
      : LayerGradientChecker(mode: .full, entryLimit: 256)
  }

  /// Checks every layer of `registry` in every requested scalar type. When a layer was
  /// checked, the activation report's "nothing was checked" problem (raised because the
  /// selection holds no activation) is dropped: the layers were checked.
  func checkLayers(in registry: Registry, adjusting report: inout RegistryReport) -> [LayerRow] {
    var rows: [LayerRow] = []
    for blueprint in registry.layers {
      let checker = Self.layerChecker(for: blueprint)
      for scalar in scalars {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = checker.check(blueprint, as: scalar)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        rows.append(LayerRow(report: result, seconds: seconds))
      }
    }
    if registry.activations.isEmpty && rows.contains(where: { $0.report.points > 0 }) {
      report.problems.removeAll { $0.kind == .nothingChecked }
    }
    return rows
  }

  /// Whether everything checked passed and something was checked.
  func allPassed(_ report: RegistryReport, _ layers: [LayerRow]) -> Bool {
    report.problems.isEmpty && (!report.components.isEmpty || !layers.isEmpty)
      && report.components.allSatisfy(\.passed) && layers.allSatisfy(\.passed)
  }

  /// The activation rows followed by the layer rows, for `--format json`.
  func jsonRows(_ report: RegistryReport, _ layers: [LayerRow]) -> [CheckRow] {
    report.components.map(CheckRow.activation) + layers.map(CheckRow.layer)
  }

  /// The activation table, then the layer table; only the layer table when layers alone were
  /// selected.
  func tables(_ report: RegistryReport, _ layers: [LayerRow]) -> String {
    guard report.components.isEmpty, report.problems.isEmpty, !layers.isEmpty else {
      return table(report) + layerTable(layers)
    }
    return String(layerTable(layers).dropFirst(2))
  }

  /// The layer table: one row per layer and scalar type, then the failures in full.
  func layerTable(_ layers: [LayerRow]) -> String {
    guard !layers.isEmpty else { return "" }
    let header = [
      "layer", "scalar", "mode", "points", "worst rel. error", "kinks", "time (ms)", "verdict",
    ]
    var rows = [header]
    for row in layers {
      rows.append([
        row.report.component, row.report.scalar, row.report.mode, "\(row.report.points)",
        String(format: "%.3e", row.report.maxRelativeError), "0",
        String(format: "%.0f", row.seconds * 1000), row.passed ? "pass" : "FAIL",
      ])
    }
    let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
    var lines = rows.map { row in
      zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
        .joined(separator: "  ")
    }
    lines.insert(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "), at: 1)
    let failed = layers.filter { !$0.passed }
    lines.append("")
    lines.append(
      "\(layers.count - failed.count) passed, \(failed.count) failed (layers: gradients of "
        + "L = <R, layer(x)> w.r.t. the input and every parameter tensor; full mode checks at most "
        + "256 entries per tensor; tolerance: Float 1e-4, Double 1e-8 relative)")
    for row in failed {
      lines.append("")
      lines.append(row.report.description)
    }
    return "\n\n" + lines.joined(separator: "\n")
  }
}
