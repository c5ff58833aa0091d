import LayerCore

/// One checked entry of one tensor (or one direction, in directional mode).
public struct EntryResult: Sendable, Hashable, Codable {
  /// The tensor: `input`, a parameter name such as `weight`, or `direction` in directional mode.
  public var tensor: String
  /// The row-major index of the entry in its tensor (the direction number in directional mode).
  public var index: Int
  /// The hand-written (back-propagated) value.
  public var analytic: Double
  /// The central-difference estimate.
  public var numeric: Double
  /// `|analytic - numeric| / max(|analytic|, |numeric|, floor)`.
  public var error: Double

  /// A result for entry `index` of `tensor`.
  public init(tensor: String, index: Int, analytic: Double, numeric: Double, error: Double) {
    self.tensor = tensor
    self.index = index
    self.analytic = analytic
    self.numeric = numeric
    self.error = error
  }

  /// The comparison of `analytic` with `numeric` under `tolerance`, for entry `index` of
  /// `tensor`.
  init<A: BinaryFloatingPoint, N: BinaryFloatingPoint>(
    _ tensor: String, _ index: Int, analytic: A, numeric: N, tolerance: Tolerance
  ) {
    let (a, n) = (Double(analytic), Double(numeric))
    self.init(tensor: tensor, index: index, analytic: a, numeric: n, error: tolerance.error(a, n))
  }
}

/// How one tensor fared: how many entries it has, which were checked, and the agreement.
public struct TensorSummary: Sendable, Hashable, Codable {
  /// The tensor's name (`input`, `weight`, `0.bias`, ...).
  public var name: String
  /// The number of entries in the tensor.
  public var count: Int
  /// The row-major indices that were checked, in order; all of them in full mode.
  public var checkedEntries: [Int]
  /// The largest error over the checked entries.
  public var maxRelativeError: Double
  /// `‖a − n‖ / (‖a‖ + ‖n‖)` over the checked entries (0 when both are zero).
  public var difference: Double
  /// The floor this tensor's entries were judged with, when it was raised above the
  /// tolerance's by the tensor's scale (``Tolerance/floor(forTensorScale:)``); `nil` otherwise.
  public var floor: Double?

  /// A summary of one tensor.
  public init(
    name: String, count: Int, checkedEntries: [Int], maxRelativeError: Double, difference: Double
  ) {
    self.name = name
    self.count = count
    self.checkedEntries = checkedEntries
    self.maxRelativeError = maxRelativeError
    self.difference = difference
  }

  /// The summary of `entries` of a tensor of `count` entries.
  init(name: String, count: Int, entries: [EntryResult]) {
    self.init(
      name: name, count: count, checkedEntries: entries.map(\.index),
      maxRelativeError: entries.map(\.error).max() ?? 0,
      difference: normRatioDifference(entries.map(\.analytic), entries.map(\.numeric)))
  }
}

/// The outcome of checking one layer in one scalar type.
public struct LayerReport: Sendable, Hashable, Codable {
  /// The registered name.
  public var component: String
  /// The scalar type, e.g. `"Double"`.
  public var scalar: String
  /// The strategy that ran: `full`, `full(≤256 per tensor)` or `directional(n)`.
  public var strategy: String
  /// The number of entries (or directions) compared.
  public var points: Int
  /// The largest error over all compared entries.
  public var maxRelativeError: Double
  /// The tolerance each entry had to meet.
  public var tolerance: Tolerance
  /// One summary per checked tensor: the input first, then every parameter tensor.
  public var tensors: [TensorSummary]
  /// The five entries with the largest error.
  public var worst: [EntryResult]
  /// Everything that went wrong, each naming the layer, scalar type, tensor, entry, values,
  /// error and tolerance. Empty when the check passed.
  public var problems: [Problem]
  /// The statistical checks that ran, in order: empty for a deterministic layer; for a
  /// stochastic one the seed, distinct seeds and expectation checks (or the waiver), plus the
  /// kept fraction and inference identity of a ``/LayerCore/MaskingLayer``.
  public var statistics: [StatisticalCheck] = []
  /// How long the check took, in seconds.
  public var seconds: Double = 0
  /// The entries that lay within a step of a declared kink (see
  /// ``/LayerCore/PiecewiseSmoothLayer``), and how each was differentiated instead of
  /// straddling it.
  public var kinkEntries: [KinkEntry] = []
  /// For a ``/LayerCore/RecurrentLayer`` checked entry by entry: the input gradient per time
  /// step, from t = 0 (see ``TimeStepSummary``); empty otherwise.
  public var timeSteps: [TimeStepSummary] = []

  /// How many entries lay within a step of a declared kink.
  public var kinks: Int { kinkEntries.count }

  /// Whether something was compared and nothing went wrong.
  public var passed: Bool { problems.isEmpty && points > 0 }

  /// Which statistical checks ran and how they came out, e.g. `"seed ok, distinct seeds ok,
  /// expectation ok (736 draws, relative bias -2.100e-03)"`; empty for a deterministic layer.
  public var statisticsSummary: String {
    statistics.map { check in
      guard check.kind == .expectation, let bias = check.estimate else { return check.verdict }
      let draws = check.samples.map { "\($0) draws, " } ?? ""
      return "\(check.verdict) (\(draws)relative bias \(format(bias, digits: 3)))"
    }
    .joined(separator: ", ")
  }
}

extension LayerReport: CustomStringConvertible {
  /// A verdict line, the problems, the per-tensor table and the worst entries.
  public var description: String {
    var lines = [
      "\(component) [\(scalar)]: \(passed ? "passed" : "FAILED"): \(points) entries checked "
        + "(\(strategy)), worst relative error \(format(maxRelativeError)) (tolerance "
        + "\(format(tolerance.relative)), floor \(format(tolerance.floor)))"
    ]
    for problem in problems { lines.append("  - \(problem.message)") }
    if !statistics.isEmpty {
      lines.append("  statistics: \(statisticsSummary)")
      lines += statistics.map { "    \($0.kind.title): \($0.detail)" }
    }
    lines += tensorLines(tensors, floor: tolerance.floor)
    let inputFloor = tensors.first { $0.name == "input" }?.floor ?? tolerance.floor
    lines += timeStepLines(
      timeSteps, tolerance: tolerance.relative, resolution: tolerance.relative * inputFloor)
    lines += kinkLines(kinkEntries)
    lines += worstLines(worst, measure: "error") { $0.error }
    return lines.joined(separator: "\n")
  }
}

/// One line per tensor: how many entries were checked, the worst error and the difference, and
/// the tensor's floor where its scale raised it at least tenfold above `floor`.
func tensorLines(_ tensors: [TensorSummary], floor: Double = .infinity) -> [String] {
  tensors.map { tensor in
    "    \(tensor.name): \(tensor.checkedEntries.count)/\(tensor.count) entries, worst error "
      + "\(format(tensor.maxRelativeError)), difference \(format(tensor.difference))"
      + (tensor.floor.flatMap { $0 >= 10 * floor ? $0 : nil }.map {
        ", floor \(format($0, digits: 2)) (raised by the tensor's scale)"
      } ?? "")
  }
}

/// One line counting the entries near declared kinks by what was done, then the first few.
func kinkLines(_ entries: [KinkEntry]) -> [String] {
  guard !entries.isEmpty else { return [] }
  let counts = [KinkEntry.Side.left, .right, .both, .shorterStep, .unresolvable].map { side in
    entries.filter { $0.side == side }.count
  }
  return [
    "    kinks: \(entries.count) entries within a step of a declared kink (one-sided: "
      + "\(counts[0]) left, \(counts[1]) right; on the kink: \(counts[2]); shorter step: "
      + "\(counts[3]); unresolvable: \(counts[4]))"
  ]
    + entries.prefix(3).map { "    kink: \($0)" }
}

/// One line per entry: where it is, both values and `measure`.
func worstLines(
  _ entries: [EntryResult], measure: String, _ value: (EntryResult) -> Double
) -> [String] {
  entries.map { entry in
    "    worst: \(entry.tensor)[\(entry.index)] analytic \(format(entry.analytic)), numeric "
      + "\(format(entry.numeric)), \(measure) \(format(value(entry)))"
  }
}
