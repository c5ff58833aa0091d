/// What one epoch of training measured.
public struct EpochRecord: Sendable, Hashable, Codable {
  /// The 1-based epoch.
  public var epoch: Int
  /// The mean of the epoch's minibatch costs, weighted by batch size (each taken before its
  /// step's update).
  public var cost: Double
  /// The fraction of training examples classified correctly after the epoch (inference mode).
  public var trainAccuracy: Double
  /// The fraction of test examples classified correctly after the epoch, when a test set was
  /// given.
  public var testAccuracy: Double?
  /// The wall-clock seconds of the epoch, including the evaluation and any checks.
  public var seconds: Double

  /// A record of one epoch.
  public init(
    epoch: Int, cost: Double, trainAccuracy: Double, testAccuracy: Double? = nil,
    seconds: Double = 0
  ) {
    self.epoch = epoch
    self.cost = cost
    self.trainAccuracy = trainAccuracy
    self.testAccuracy = testAccuracy
    self.seconds = seconds
  }
}

/// Everything ``SGDTrainer`` recorded.
public struct TrainingHistory: Sendable, Hashable, Codable {
  /// The cost of every minibatch, in step order, before its update.
  public var stepCosts: [Double] = []
  /// One record per completed epoch.
  public var epochs: [EpochRecord] = []
  /// The mid-training gradient checks, in step order.
  public var checks: [MidTrainingCheck] = []
  /// Why training ended early, or `nil` if it ran every epoch.
  public var stoppedEarly: String?

  /// An empty history.
  public init() {}

  /// The cost of each epoch (``EpochRecord/cost``).
  public var epochCosts: [Double] { epochs.map(\.cost) }

  /// The training accuracy after each epoch.
  public var trainAccuracies: [Double] { epochs.map(\.trainAccuracy) }

  /// The test accuracy after each epoch, when a test set was given.
  public var testAccuracies: [Double] { epochs.compactMap(\.testAccuracy) }

  /// The checks that failed.
  public var failedChecks: [MidTrainingCheck] { checks.filter { !$0.passed } }
}

/// What ``SGDTrainer`` reports to its progress callback.
public enum TrainingEvent: Sendable {
  /// A minibatch step finished: 1-based epoch, step (from the start of training), step within
  /// the epoch, the number of steps per epoch, and the batch's cost.
  case step(epoch: Int, step: Int, stepInEpoch: Int, stepsPerEpoch: Int, cost: Double)
  /// A mid-training gradient check finished.
  case check(MidTrainingCheck)
  /// An epoch finished.
  case epoch(EpochRecord)
}
