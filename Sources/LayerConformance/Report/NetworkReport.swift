import LayerCore

/// The outcome of a whole-network gradient check.
public struct NetworkReport: Sendable, Hashable, Codable {
  /// The scalar type, e.g. `"Double"`.
  public var scalar: String
  /// The strategy that ran: `full`, `full(≤N per tensor)` or `directional(n)`.
  public var strategy: String
  /// `‖a − n‖ / (‖a‖ + ‖n‖)` over all checked parameter entries (or directions).
  public var difference: Double
  /// The largest difference that passes.
  public var threshold: Double
  /// The number of parameter entries (or directions) compared.
  public var points: Int
  /// One summary per parameter tensor, named `"<layer index>.<name>"`, or one `direction`.
  public var tensors: [TensorSummary]
  /// The entries with the largest `|a − n|`.
  public var worst: [EntryResult]
  /// Everything that went wrong; empty when the check passed.
  public var problems: [Problem]
  /// The parameter entries (or directions) whose difference would have straddled a declared
  /// kink of a layer, and how each was differentiated instead.
  public var kinkEntries: [KinkEntry] = []

  /// How many parameter entries (or directions) came within a step of a declared kink.
  public var kinks: Int { kinkEntries.count }

  /// How many of them had kinks within reach on both sides and were not compared.
  public var unresolvableAtKinks: Int { kinkEntries.filter { $0.side == .unresolvable }.count }

  /// Whether something was compared, the difference is within the threshold and nothing else
  /// went wrong.
  public var passed: Bool { problems.isEmpty && points > 0 && difference <= threshold }
}

extension NetworkReport: CustomStringConvertible {
  /// A verdict line, the problems, the per-tensor breakdown and the worst entries.
  public var description: String {
    var lines = [
      "network [\(scalar)]: \(passed ? "passed" : "FAILED"): difference \(format(difference)) "
        + "(threshold \(format(threshold))) over \(points) parameter entries (\(strategy))"
    ]
    for problem in problems { lines.append("  - \(problem.message)") }
    lines += tensorLines(tensors)
    lines += kinkLines(kinkEntries)
    lines += worstLines(worst, measure: "|a - n|") { Swift.abs($0.analytic - $0.numeric) }
    return lines.joined(separator: "\n")
  }
}
