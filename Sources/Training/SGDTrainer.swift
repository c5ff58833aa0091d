import LayerConformance
import LayerCore
import SequentialLayer

/// Minibatch stochastic gradient descent: every step updates each parameter by
/// `θ ← θ − learningRate · ∂cost/∂θ` on one minibatch.
///
/// Each epoch visits the examples once, in an order shuffled by a ``RandomSource`` seeded with
/// ``shuffleSeed`` (Fisher–Yates; the last batch of an epoch may be smaller). Stochastic
/// layers (dropout) draw from a second source seeded with `shuffleSeed ^ 0x5EED_D20F_0000_0001`.
/// The same seeds, data and starting parameters give bit-identical results.
///
/// With ``checkEvery`` set, every N-th step first runs ``checker`` on the whole network and
/// loss at that step's batch and records a ``MidTrainingCheck``; the check works on a copy and
/// draws from its own seed, so it changes no parameter and no random stream.
///
/// ```swift
/// let trainer = SGDTrainer(learningRate: 0.5, batchSize: 4, epochs: 500, shuffleSeed: 1)
/// let history = try trainer.train(
///   &layers, loss: BinaryCrossEntropy(), data: TrainingData(inputs: x, targets: y))
/// print(history.epochCosts.last!, history.trainAccuracies.last!)
/// ```
public struct SGDTrainer: Sendable {
  /// The step size, positive and finite.
  public var learningRate: Double
  /// The number of examples per step, at least 1.
  public var batchSize: Int
  /// The number of passes over the training data.
  public var epochs: Int
  /// The seed of the example order (and, derived from it, of dropout masks).
  public var shuffleSeed: UInt64
  /// Run a gradient check every this many steps (counted from the start of training); `nil`
  /// for none.
  public var checkEvery: Int?
  /// Whether the first failed check ends training (recorded in
  /// ``TrainingHistory/stoppedEarly``) instead of training on.
  public var stopOnFailedCheck: Bool
  /// The checker the hook runs. Every entry by default; choose a directional or sampled
  /// strategy for large networks.
  public var checker: NetworkChecker
  /// How predictions are scored.
  public var accuracy: AccuracyRule

  /// A trainer with the given settings.
  public init(
    learningRate: Double, batchSize: Int, epochs: Int, shuffleSeed: UInt64 = 0,
    checkEvery: Int? = nil, stopOnFailedCheck: Bool = false,
    checker: NetworkChecker = NetworkChecker(), accuracy: AccuracyRule = .automatic
  ) {
    self.learningRate = learningRate
    self.batchSize = batchSize
    self.epochs = epochs
    self.shuffleSeed = shuffleSeed
    self.checkEvery = checkEvery
    self.stopOnFailedCheck = stopOnFailedCheck
    self.checker = checker
    self.accuracy = accuracy
  }

  /// Trains `layers` (applied in order, then `loss`) on `data`, updating them in place.
  ///
  /// - Parameters:
  ///   - layers: The network; its parameters are updated in place, also when training throws.
  ///   - loss: The cost of the last layer's output against the targets.
  ///   - data: The training set.
  ///   - test: A test set, scored after every epoch.
  ///   - progress: Called after every step, check and epoch.
  /// - Returns: The costs, accuracies and checks.
  /// - Throws: ``TrainingError/diverged(epoch:step:stepInEpoch:cost:history:)`` when a cost is
  ///   NaN or infinite, ``TrainingError/invalidConfiguration(_:)`` for unusable settings, or
  ///   ``TrainingError/layer(_:epoch:step:)`` when a layer or the loss throws.
  @inlinable
  public func train<T: NetworkCheckScalar>(
    _ layers: inout [any Layer<T>], loss: any Loss, data: TrainingData<T>,
    test: TrainingData<T>? = nil, progress: (TrainingEvent) -> Void = { _ in }
  ) throws(TrainingError) -> TrainingHistory {
    try validate()
    var history = TrainingHistory()
    var order = Array(0..<data.count)
    var shuffle = RandomSource(seed: shuffleSeed)
    var layerRandom = RandomSource(seed: shuffleSeed ^ 0x5EED_D20F_0000_0001)
    let stepsPerEpoch = (data.count + batchSize - 1) / batchSize
    let rate = T(learningRate)
    let clock = ContinuousClock()
    let next = PendingBatch<T>()
    var step = 0
    for epoch in 1...max(epochs, 1) where epochs > 0 {
      let start = clock.now
      Self.shuffle(&order, random: &shuffle)
      var costSum = 0.0
      var correct = 0
      for stepInEpoch in 1...stepsPerEpoch {
        step += 1
        let lower = (stepInEpoch - 1) * batchSize
        let batch = next.take() ?? data.rows(order[lower..<min(lower + batchSize, data.count)])
        let rows = batch.inputs.shape[0]
        // The next batch of the epoch is gathered on the spare core during this step.
        let following = order[
          min(lower + batchSize, data.count)..<min(lower + 2 * batchSize, data.count)]
        var gatherNext: (@Sendable () -> Void)?
        if !following.isEmpty {
          gatherNext = { @Sendable [next] in next.store(data.rows(following)) }
        }
        let (cost, output, gradients): (T, Tensor<T>, [ParameterSet<T>])
        do {
          (cost, output, gradients) = try Self.costAndGradients(
            layers, loss: loss, batch: batch, random: &layerRandom, alongside: gatherNext)
        } catch { throw .layer(error, epoch: epoch, step: step) }
        history.stepCosts.append(Double(cost))
        guard cost.isFinite else {
          throw .diverged(
            epoch: epoch, step: step, stepInEpoch: stepInEpoch, cost: Double(cost),
            history: history)
        }
        costSum += Double(cost) * Double(rows)
        correct += accuracy.correct(output, batch.targets, loss: loss)
        if let every = checkEvery, step % every == 0 {
          let report = checker.check(
            layers: layers, loss: loss, input: batch.inputs, target: batch.targets)
          let check = MidTrainingCheck(
            step: step, epoch: epoch, layerNames: layers.map(\.name), report: report)
          history.checks.append(check)
          progress(.check(check))
          if !check.passed && stopOnFailedCheck {
            history.stoppedEarly =
              "the gradient check at epoch \(epoch), step \(step) failed, before its update"
            return history
          }
        }
        do { try Self.update(&layers, gradients: gradients, rate: rate) } catch {
          throw .layer(error, epoch: epoch, step: step)
        }
        progress(
          .step(
            epoch: epoch, step: step, stepInEpoch: stepInEpoch, stepsPerEpoch: stepsPerEpoch,
            cost: Double(cost)))
      }
      var record = EpochRecord(
        epoch: epoch, cost: costSum / Double(data.count),
        trainAccuracy: Double(correct) / Double(data.count), testAccuracy: nil, seconds: 0)
      if let test {
        do { record.testAccuracy = try accuracy(of: layers, on: test, loss: loss) } catch {
          throw .layer(error, epoch: epoch, step: step)
        }
      }
      let elapsed = clock.now - start
      record.seconds =
        Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
      history.epochs.append(record)
      progress(.epoch(record))
    }
    return history
  }

  /// Trains the layers of `network`, as the method taking an array of layers does.
  ///
  /// - Throws: What that method throws; `network` keeps the parameters reached so far.
  @inlinable
  public func train<T: NetworkCheckScalar>(
    _ network: inout Sequential<T>, loss: any Loss, data: TrainingData<T>,
    test: TrainingData<T>? = nil, progress: (TrainingEvent) -> Void = { _ in }
  ) throws(TrainingError) -> TrainingHistory {
    var layers = network.layers
    defer { network.layers = layers }
    return try train(&layers, loss: loss, data: data, test: test, progress: progress)
  }

  /// Fisher–Yates: for `i` from the last index down to 1, swaps `i` with
  /// `⌊u · (i + 1)⌋` for a fresh uniform `u` (written out so that the order does not depend on
  /// the standard library's shuffle).
  @usableFromInline
  static func shuffle(_ order: inout [Int], random: inout RandomSource) {
    for i in order.indices.reversed() where i > 0 {
      let j = min(Int(random.nextUnit() * Double(i + 1)), i)
      order.swapAt(i, j)
    }
  }

  @usableFromInline
  func validate() throws(TrainingError) {
    guard learningRate.isFinite, learningRate > 0 else {
      throw .invalidConfiguration("the learning rate must be positive, got \(learningRate)")
    }
    guard batchSize >= 1 else {
      throw .invalidConfiguration("the batch size must be at least 1, got \(batchSize)")
    }
    guard epochs >= 0 else {
      throw .invalidConfiguration("the number of epochs must not be negative, got \(epochs)")
    }
    if let every = checkEvery, every < 1 {
      throw .invalidConfiguration("checkEvery must be at least 1, got \(every)")
    }
  }
}
