import LayerCore

/// Why training stopped with an error.
public enum TrainingError: Error, Sendable, CustomStringConvertible {
  /// The cost of a minibatch was NaN or infinite. `epoch` and `step` are 1-based; `step`
  /// counts from the start of training and `stepInEpoch` from the start of the epoch.
  /// `history` holds everything recorded before (including the non-finite step cost).
  case diverged(epoch: Int, step: Int, stepInEpoch: Int, cost: Double, history: TrainingHistory)
  /// A setting of the trainer is unusable (a batch size below 1, a learning rate that is not
  /// finite and positive, ...).
  case invalidConfiguration(String)
  /// The inputs and targets do not fit together.
  case invalidData(String)
  /// A layer or the loss threw, at the given 1-based epoch and step.
  case layer(LayerError, epoch: Int, step: Int)

  /// One line, e.g. `training diverged at epoch 2, step 9 (step 4 of the epoch): the cost is
  /// nan`.
  public var description: String {
    switch self {
    case .diverged(let epoch, let step, let stepInEpoch, let cost, _):
      "training diverged at epoch \(epoch), step \(step) (step \(stepInEpoch) of the epoch): "
        + "the cost is \(cost); lower the learning rate or use a scaled initializer"
    case .invalidConfiguration(let reason): "invalid trainer settings: \(reason)"
    case .invalidData(let reason): "invalid training data: \(reason)"
    case .layer(let error, let epoch, let step): "at epoch \(epoch), step \(step): \(error)"
    }
  }
}
