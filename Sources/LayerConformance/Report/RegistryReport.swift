import Foundation
import LayerCore

/// The outcome of checking every component of a registry: one row per component and scalar
/// type, activations and layers alike.
public struct RegistryReport: Sendable, Hashable {
  /// One checked component in one scalar type.
  public enum Row: Sendable, Hashable {
    /// An activation, over all its parameter variants.
    case activation(ActivationVariantsReport)
    /// A layer (a loss or penalty is checked as a layer).
    case layer(LayerReport)

    /// The registered name.
    public var component: String {
      switch self {
      case .activation(let report): report.component
      case .layer(let report): report.component
      }
    }

    /// The scalar type, e.g. `"Float"`.
    public var scalar: String {
      switch self {
      case .activation(let report): report.scalar
      case .layer(let report): report.scalar
      }
    }

    /// Whether the component passed.
    public var passed: Bool {
      switch self {
      case .activation(let report): report.passed
      case .layer(let report): report.passed
      }
    }

    /// The number of points or entries compared.
    public var points: Int {
      switch self {
      case .activation(let report): report.points
      case .layer(let report): report.points
      }
    }
  }

  /// The rows, in registry order.
  public var rows: [Row]
  /// Problems with the registry itself, such as nothing having been checked.
  public var problems: [Problem]

  /// Whether something was checked and everything passed.
  public var passed: Bool { problems.isEmpty && !rows.isEmpty && rows.allSatisfy(\.passed) }

  /// The activation rows.
  public var activations: [ActivationVariantsReport] {
    rows.compactMap { if case .activation(let report) = $0 { report } else { nil } }
  }

  /// The layer rows.
  public var layers: [LayerReport] {
    rows.compactMap { if case .layer(let report) = $0 { report } else { nil } }
  }
}

extension RegistryReport.Row: Encodable {
  enum CodingKeys: String, CodingKey {
    case kind
  }

  /// `kind` (`"activation"` or `"layer"`) and the fields of that kind's report only.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    switch self {
    case .activation(let report):
      try container.encode("activation", forKey: .kind)
      try report.encode(to: encoder)
    case .layer(let report):
      try container.encode("layer", forKey: .kind)
      try LayerRowFields(report).encode(to: encoder)
    }
  }
}

/// A layer row's JSON fields: the report's, with `passed`.
private struct LayerRowFields: Encodable {
  var report: LayerReport
  init(_ report: LayerReport) { self.report = report }

  enum CodingKeys: String, CodingKey {
    case component, scalar, passed, strategy, points, maxRelativeError, tolerance, tensors
    case worst, problems, statistics, seconds, kinks, kinkEntries, timeSteps
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(report.component, forKey: .component)
    try container.encode(report.scalar, forKey: .scalar)
    try container.encode(report.passed, forKey: .passed)
    try container.encode(report.strategy, forKey: .strategy)
    try container.encode(report.points, forKey: .points)
    try container.encode(report.maxRelativeError, forKey: .maxRelativeError)
    try container.encode(report.tolerance, forKey: .tolerance)
    try container.encode(report.tensors, forKey: .tensors)
    try container.encode(report.worst, forKey: .worst)
    try container.encode(report.problems, forKey: .problems)
    try container.encode(report.statistics, forKey: .statistics)
    try container.encode(report.seconds, forKey: .seconds)
    try container.encode(report.kinks, forKey: .kinks)
    try container.encode(report.kinkEntries, forKey: .kinkEntries)
    if !report.timeSteps.isEmpty { try container.encode(report.timeSteps, forKey: .timeSteps) }
  }
}

extension RegistryReport: CustomStringConvertible {
  /// The activation table, the layer table, a summary line, the registry's problems and the
  /// full report of every failing row.
  public var description: String {
    var sections: [String] = []
    if !activations.isEmpty { sections.append(activationTable.rendered) }
    if !layers.isEmpty { sections.append(layerTable.rendered) }
    let statistics = statisticsLines
    if !statistics.isEmpty { sections.append(statistics.joined(separator: "\n")) }
    let failed = rows.filter { !$0.passed }
    var summary = [
      "\(rows.count - failed.count) passed, \(failed.count) failed (activations: confirmed = "
        + "points where the two finite differences agreed with the dual numbers, kinks = "
        + "confirmed/declared; layers: gradients of L = <R, layer(x)> w.r.t. the input and every "
        + "parameter tensor, kinks = entries within a step of a declared kink; tolerance: "
        + "\(toleranceSummary) relative)"
    ]
    summary += problems.map { "error: \($0.message)" }
    sections.append(summary.joined(separator: "\n"))
    for row in failed {
      switch row {
      case .activation(let report): sections.append(report.description)
      case .layer(let report): sections.append(report.description)
      }
    }
    return sections.joined(separator: "\n\n")
  }

  /// One line per activation and scalar type.
  public var activationTable: TextTable {
    TextTable(
      header: [
        "activation", "scalar", "variants", "points", "confirmed", "worst rel. error", "kinks",
        "time (ms)", "verdict",
      ],
      rows: activations.map { report in
        [
          report.component, report.scalar, "\(report.runs.count)", "\(report.points)",
          "\(report.confirmedPoints)", format(report.maxRelativeError, digits: 3),
          "\(report.kinksConfirmed)/\(report.kinksDeclared)", milliseconds(report.seconds),
          report.passed ? "pass" : "FAIL",
        ]
      })
  }

  /// One line per layer and scalar type.
  public var layerTable: TextTable {
    TextTable(
      header: [
        "layer", "scalar", "strategy", "points", "worst rel. error", "kinks", "time (ms)",
        "verdict",
      ],
      rows: layers.map { report in
        [
          report.component, report.scalar, report.strategy, "\(report.points)",
          format(report.maxRelativeError, digits: 3), "\(report.kinks)",
          milliseconds(report.seconds),
          report.passed ? "pass" : "FAIL",
        ]
      })
  }

  /// One line per stochastic layer and scalar type naming the statistical checks that ran, e.g.
  /// `Dropout [Float] statistics: seed ok, distinct seeds ok, expectation ok (...), ...`.
  public var statisticsLines: [String] {
    layers.filter { !$0.statistics.isEmpty }.map { report in
      "\(report.component) [\(report.scalar)] statistics: \(report.statisticsSummary)"
    }
  }

  func milliseconds(_ seconds: Double) -> String { "\(Int((seconds * 1000).rounded()))" }
}

extension RegistryReport {
  /// The relative tolerance of every scalar type in the rows, in the order they appear, e.g.
  /// `Float 1e-4, Double 1e-8, Float16 7.8e-3`.
  var toleranceSummary: String {
    var names: [String] = []
    for row in rows where !names.contains(row.scalar) { names.append(row.scalar) }
    return names.compactMap { name in
      ScalarKind(named: name).map { "\(name) \(shortScientific($0.type.tolerance.relative))" }
    }.joined(separator: ", ")
  }
}

/// `x` in short scientific notation with at most two significant digits: `1e-4`, `7.8e-3`.
func shortScientific(_ x: Double) -> String {
  guard x > 0, x.isFinite else { return "\(x)" }
  var exponent = Int(Foundation.log10(x).rounded(.down))
  var mantissa = (x / Foundation.pow(10, Double(exponent)) * 10).rounded() / 10
  if mantissa >= 10 {
    mantissa /= 10
    exponent += 1
  }
  let digits = mantissa == mantissa.rounded() ? "\(Int(mantissa))" : "\(mantissa)"
  return "\(digits)e\(exponent)"
}
