import LayerConformance

/// A whole-network gradient check run by ``SGDTrainer`` in the middle of training, on the
/// minibatch of one step, before that step's update.
public struct MidTrainingCheck: Sendable, Hashable, Codable {
  /// The 1-based step (counted from the start of training) whose batch was checked.
  public var step: Int
  /// The 1-based epoch of that step.
  public var epoch: Int
  /// The names of the layers, in network order, as the check saw them.
  public var layerNames: [String]
  /// The checker's full report: verdict, per-tensor differences, worst entries, problems.
  public var report: NetworkReport

  /// Bundles a report with where in training it was made.
  public init(step: Int, epoch: Int, layerNames: [String], report: NetworkReport) {
    self.step = step
    self.epoch = epoch
    self.layerNames = layerNames
    self.report = report
  }

  /// Whether the check passed.
  public var passed: Bool { report.passed }

  /// One entry per parameter tensor, with the layer it belongs to.
  public var tensors: [TensorDifference] {
    report.tensors.map { summary in
      let index = summary.name.split(separator: ".", maxSplits: 1).first.flatMap { Int($0) }
      let name =
        index.flatMap { layerNames.indices.contains($0) ? layerNames[$0] : nil } ?? "?"
      let parameter = summary.name.split(separator: ".", maxSplits: 1).last.map(String.init)
      return TensorDifference(
        tensor: summary.name, layerIndex: index ?? -1, layerName: name,
        parameter: parameter ?? summary.name, difference: summary.difference,
        threshold: report.threshold)
    }
  }

  /// The tensors whose difference exceeds the threshold.
  public var failingTensors: [TensorDifference] { tensors.filter { !$0.passed } }

  /// The layers whose backward pass may be wrong, by index: a wrong backward pass spoils the
  /// gradients of every parameter before it and none after it, so the culprit lies between
  /// the last layer with a failing tensor and the next layer with parameters (exclusive).
  /// Empty when the check passed.
  public var suspectLayers: [Int] {
    guard let last = failingTensors.map(\.layerIndex).max() else { return [] }
    let next = tensors.map(\.layerIndex).filter { $0 > last }.min() ?? layerNames.count
    return Array(last..<next)
  }

  /// A verdict line, then one line per tensor and the suspect layers.
  public var summary: String {
    var lines = [
      "check at epoch \(epoch), step \(step): \(passed ? "passed" : "FAILED"), "
        + "difference \(report.difference) (threshold \(report.threshold))"
    ]
    for tensor in tensors { lines.append("  \(tensor)") }
    if !passed {
      let suspects = suspectLayers.map { "\($0) (\(layerNames[$0]))" }
      lines.append("  suspect layers: \(suspects.joined(separator: ", "))")
      for problem in report.problems { lines.append("  - \(problem.message)") }
    }
    return lines.joined(separator: "\n")
  }
}

/// The gradient-check difference of one parameter tensor, with its layer.
public struct TensorDifference: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The tensor's name in the report, `"<layer index>.<parameter>"`, e.g. `"0.weight"`.
  public var tensor: String
  /// The index of the layer in the network (-1 if the name carries none).
  public var layerIndex: Int
  /// The layer's name, e.g. `"Dense"`.
  public var layerName: String
  /// The parameter's name within the layer, e.g. `"weight"`.
  public var parameter: String
  /// `‖a − n‖ / (‖a‖ + ‖n‖)` over the tensor's entries.
  public var difference: Double
  /// The largest difference that passes.
  public var threshold: Double

  /// Whether the tensor's difference is within the threshold.
  public var passed: Bool { difference <= threshold }

  /// E.g. `layer 0 (Dense) weight: difference 0.41 FAILED`.
  public var description: String {
    "layer \(layerIndex) (\(layerName)) \(parameter): difference \(difference)"
      + (passed ? "" : " FAILED")
  }
}
