import Initializers
import LayerConformance
import LayerKit
import Testing
import Training

struct TrainerTests {
  /// A 2-8-1 tanh network learns XOR to 100% with full-batch SGD, and the cost falls.
  @Test func xorLearnsToFullAccuracy() throws {
    var layers = try mlp(Double.self, sizes: [2, 8, 1], rule: .xavier, seed: 5) { _ in
      ActivationLayer(Tanh(), of: Double.self)
    }
    let trainer = SGDTrainer(learningRate: 0.5, batchSize: 4, epochs: 600, shuffleSeed: 1)
    let history = try trainer.train(&layers, loss: BinaryCrossEntropy(), data: xorData())
    #expect(history.epochs.count == 600)
    #expect(history.stepCosts.count == 600)
    #expect(history.epochCosts.last! < 0.1 * history.epochCosts.first!)
    #expect(history.trainAccuracies.last == 1)
    #expect(try trainer.accuracy(of: layers, on: xorData(), loss: BinaryCrossEntropy()) == 1)
  }

  /// On three noisy blobs, minibatches of 16 with a ReLU network and softmax cross-entropy:
  /// the epoch cost falls by more than half and the held-out accuracy is high.
  @Test func lossDecreasesOnNoisyBlobs() throws {
    let data = try blobs(Float.self, perClass: 60, noise: 0.5, seed: 11)
    let test = try blobs(Float.self, perClass: 30, noise: 0.5, seed: 12)
    var layers = try mlp(Float.self, sizes: [2, 16, 3], rule: .he, seed: 2) { _ in
      ActivationLayer(ReLU(), of: Float.self)
    }
    let trainer = SGDTrainer(learningRate: 0.1, batchSize: 16, epochs: 15, shuffleSeed: 3)
    var epochsSeen = 0
    var stepsSeen = 0
    let history = try trainer.train(
      &layers, loss: SoftmaxCrossEntropy(), data: data, test: test
    ) { event in
      switch event {
      case .epoch: epochsSeen += 1
      case .step(_, _, _, let perEpoch, _):
        stepsSeen += 1
        #expect(perEpoch == 12)
      case .check: Issue.record("no checks were asked for")
      }
    }
    #expect(epochsSeen == 15 && stepsSeen == 15 * 12)
    #expect(history.stepCosts.count == 15 * 12)
    #expect(history.epochCosts.last! < 0.5 * history.epochCosts.first!, "\(history.epochCosts)")
    #expect(history.testAccuracies.count == 15)
    #expect(history.testAccuracies.last! > 0.9, "\(history.testAccuracies)")
    #expect(history.trainAccuracies.last! > 0.9)
  }

  /// The same seeds give bit-identical parameters and costs; another shuffle seed does not.
  @Test func deterministicBySeed() throws {
    let data = try blobs(Double.self, perClass: 20, noise: 0.6, seed: 4)
    func run(_ seed: UInt64) throws -> ([ParameterSet<Double>], [Double]) {
      var layers = try mlp(Double.self, sizes: [2, 6, 3], rule: .bengio, seed: 8) { _ in
        try! Dropout<Double>(keepProbability: 0.9)
      }
      let history = try SGDTrainer(
        learningRate: 0.2, batchSize: 7, epochs: 3, shuffleSeed: seed
      ).train(&layers, loss: SoftmaxCrossEntropy(), data: data)
      return (parameters(layers), history.stepCosts)
    }
    let (a, costsA) = try run(1)
    let (b, costsB) = try run(1)
    let (c, _) = try run(2)
    #expect(a == b && costsA == costsB)
    #expect(a != c)
  }

  /// Training with a gradient check every 3 steps ends with the very same bits as training
  /// without.
  @Test func checksDoNotPerturbTraining() throws {
    let data = try blobs(Double.self, perClass: 10, noise: 0.5, seed: 6)
    func run(checkEvery: Int?) throws -> ([ParameterSet<Double>], TrainingHistory) {
      var layers = try mlp(Double.self, sizes: [2, 5, 4, 3], rule: .he, seed: 3) { k in
        k == 1
          ? ActivationLayer(Tanh(), of: Double.self) as any Layer<Double>
          : try! Dropout<Double>(keepProbability: 0.8)
      }
      let history = try SGDTrainer(
        learningRate: 0.3, batchSize: 8, epochs: 4, shuffleSeed: 5, checkEvery: checkEvery
      ).train(&layers, loss: SoftmaxCrossEntropy(), data: data)
      return (parameters(layers), history)
    }
    let (plain, plainHistory) = try run(checkEvery: nil)
    let (checked, checkedHistory) = try run(checkEvery: 3)
    #expect(plain == checked)
    #expect(plainHistory.stepCosts == checkedHistory.stepCosts)
    #expect(plainHistory.checks.isEmpty)
    #expect(checkedHistory.checks.map(\.step) == [3, 6, 9, 12, 15])
    #expect(checkedHistory.failedChecks.isEmpty, "\(checkedHistory.checks.map(\.summary))")
  }

  /// The seed's uniform [0, 1) initialization with a large learning rate blows the squared
  /// error up to infinity; training stops with the epoch and the step. (The layers are linear:
  /// with ReLU the first overshoot leaves every unit dead, and the cost finite.)
  @Test func uniformInitializationDiverges() throws {
    var layers = try mlp(Double.self, sizes: [2, 32, 32, 1], rule: .uniform, seed: 1) { _ in
      ActivationLayer(Identity(), of: Double.self)
    }
    let trainer = SGDTrainer(learningRate: 1, batchSize: 2, epochs: 50, shuffleSeed: 1)
    let data = try xorData(Double.self)
    do throws(TrainingError) {
      _ = try trainer.train(&layers, loss: MeanSquaredError(), data: data)
      Issue.record("training did not diverge")
    } catch {
      guard case .diverged(let epoch, let step, let inEpoch, let cost, let history) = error else {
        Issue.record("unexpected error \(error)")
        return
      }
      #expect(!cost.isFinite)
      #expect(step == 2 * (epoch - 1) + inEpoch)
      #expect(history.stepCosts.count == step)
      #expect(history.epochs.count == epoch - 1)
      #expect(
        error.description.hasPrefix(
          "training diverged at epoch \(epoch), step \(step) (step \(inEpoch) of the epoch)"))
    }
  }

  /// A NaN in the data makes the very first cost NaN.
  @Test func forcedNaNStopsAtTheFirstStep() throws {
    var layers = try mlp(Float.self, sizes: [2, 3, 1], rule: .xavier, seed: 1) { _ in
      ActivationLayer(Tanh(), of: Float.self)
    }
    let data = try TrainingData(
      inputs: Tensor<Float>(shape: [2, 2], scalars: [0, .nan, 1, 1]),
      targets: Tensor(shape: [2, 1], scalars: [0, 1]))
    #expect {
      _ = try SGDTrainer(learningRate: 0.1, batchSize: 2, epochs: 3)
        .train(&layers, loss: BinaryCrossEntropy(), data: data)
    } throws: { error in
      "\(error)".hasPrefix(
        "training diverged at epoch 1, step 1 (step 1 of the epoch): the cost is nan")
    }
  }

  @Test func unusableSettingsAndDataAreRejected() throws {
    var layers = try mlp(Double.self, sizes: [2, 1], rule: .he, seed: 1) { _ in
      ActivationLayer(Tanh(), of: Double.self)
    }
    for trainer in [
      SGDTrainer(learningRate: 0, batchSize: 1, epochs: 1),
      SGDTrainer(learningRate: 0.1, batchSize: 0, epochs: 1),
      SGDTrainer(learningRate: 0.1, batchSize: 1, epochs: 1, checkEvery: 0),
    ] {
      #expect(throws: TrainingError.self) {
        try trainer.train(&layers, loss: BinaryCrossEntropy(), data: xorData())
      }
    }
    #expect(throws: TrainingError.self) {
      try TrainingData<Double>(inputs: Tensor(zeros: [3, 2]), targets: Tensor(zeros: [2, 1]))
    }
  }
}

struct SequentialTrainingTests {
  /// Training a `Sequential` updates it in place exactly as training its array of layers.
  @Test func sequentialTrainsLikeItsLayers() throws {
    let layers = try mlp(Double.self, sizes: [2, 4, 1], rule: .xavier, seed: 7) { _ in
      ActivationLayer(Tanh(), of: Double.self)
    }
    let trainer = SGDTrainer(learningRate: 0.3, batchSize: 3, epochs: 5, shuffleSeed: 9)
    var array = layers
    let arrayHistory = try trainer.train(&array, loss: BinaryCrossEntropy(), data: xorData())
    var network = try Sequential<Double>(layers)
    let networkHistory = try trainer.train(&network, loss: BinaryCrossEntropy(), data: xorData())
    #expect(try network.parameters == Sequential<Double>(array).parameters)
    #expect(try network.parameters != Sequential<Double>(layers).parameters)
    #expect(arrayHistory.stepCosts == networkHistory.stepCosts)
    #expect(networkHistory.stepCosts.count == 5 * 2)
  }
}
