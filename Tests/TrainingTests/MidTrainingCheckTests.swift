import Initializers
import LayerConformance
import LayerKit
import Testing
import Training

struct MidTrainingCheckTests {
  /// Dense(2→6), ReLU, Dense(6→1) on XOR with BCE; `relu` is the ReLU layer to use.
  func network(relu: any Layer<Double>) throws -> [any Layer<Double>] {
    try mlp(Double.self, sizes: [2, 6, 1], rule: .he, seed: 4) { _ in relu }
  }

  /// The seed's ReLU bug, `dZ = dA * max(Z, 0)`, is caught by the hook in the middle of
  /// training: the check on step 5's batch fails, names the Dense weight and bias before the
  /// ReLU as wrong and the Dense after it as right, and points at the ReLU.
  @Test func brokenReLUBackwardPassIsCaughtMidTraining() throws {
    var layers = try network(relu: BuggyReLU<Double>())
    let trainer = SGDTrainer(
      learningRate: 0.1, batchSize: 4, epochs: 12, shuffleSeed: 2, checkEvery: 5)
    var reported: [MidTrainingCheck] = []
    let history = try trainer.train(&layers, loss: BinaryCrossEntropy(), data: xorData()) {
      if case .check(let check) = $0 { reported.append(check) }
    }
    #expect(history.epochs.count == 12, "the default is to train on after a failed check")
    #expect(history.checks.map(\.step) == [5, 10])
    #expect(reported == history.checks)
    let check = try #require(history.failedChecks.first)
    #expect(check.step == 5 && check.epoch == 5)
    #expect(check.failingTensors.map(\.tensor) == ["0.weight", "0.bias"])
    #expect(check.failingTensors.allSatisfy { $0.layerName == "Dense" })
    #expect(check.tensors.filter(\.passed).map(\.tensor) == ["2.weight", "2.bias"])
    #expect(check.suspectLayers == [0, 1])
    #expect(check.summary.contains("layer 0 (Dense) weight"))
    #expect(check.summary.contains("suspect layers: 0 (Dense), 1 (BuggyReLU)"))
    #expect(check.report.problems.contains { $0.kind == .gradientMismatch })
  }

  /// With `stopOnFailedCheck`, training ends at the failed check, before that step's update.
  @Test func stopOnTheFirstFailedCheck() throws {
    var layers = try network(relu: BuggyReLU<Double>())
    let trainer = SGDTrainer(
      learningRate: 0.1, batchSize: 4, epochs: 12, shuffleSeed: 2, checkEvery: 3,
      stopOnFailedCheck: true)
    let history = try trainer.train(&layers, loss: BinaryCrossEntropy(), data: xorData())
    #expect(history.checks.count == 1)
    #expect(history.epochs.count == 2)
    #expect(history.stepCosts.count == 3)
    #expect(history.stoppedEarly?.contains("epoch 3, step 3") == true)
  }

  /// The same network with the correct ReLU passes every mid-training check, kinks included.
  @Test func correctNetworkPassesEveryCheck() throws {
    var layers = try network(relu: ActivationLayer(ReLU(), of: Double.self))
    let trainer = SGDTrainer(
      learningRate: 0.1, batchSize: 4, epochs: 12, shuffleSeed: 2, checkEvery: 2)
    let history = try trainer.train(&layers, loss: BinaryCrossEntropy(), data: xorData())
    #expect(history.checks.count == 6)
    #expect(history.failedChecks.isEmpty, "\(history.checks.map(\.summary))")
    #expect(history.checks.allSatisfy { $0.suspectLayers.isEmpty && $0.tensors.count == 4 })
  }
}
