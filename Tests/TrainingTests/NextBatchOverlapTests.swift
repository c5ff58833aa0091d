import Initializers
import LayerConformance
import LayerCore
import LayerKit
import Testing

@testable import Training

/// The trainer gathers each next batch on the spare core during a step; that overlap changes no
/// bit of the result.
struct NextBatchOverlapTests {
  /// A 128-50-10 network on batches of 64 (whose products are split over the cores): the
  /// trainer's parameters and step costs equal those of a plain loop that gathers every batch
  /// when its step begins and never passes work to `alongside`.
  @Test func trainerMatchesAPlainLoop() throws {
    var random = RandomSource(seed: 21)
    let count = 150  // 2 full batches and a partial one per epoch
    let inputs = (0..<(count * 128)).map { _ in Float(2 * random.nextUnit() - 1) }
    let labels = (0..<count).map { _ in Int(random.nextUnit() * 10) % 10 }
    let data = try TrainingData(
      inputs: Tensor(shape: [count, 128], scalars: inputs), targets: try oneHot(labels))
    let start = try mlp(Float.self, sizes: [128, 50, 10], rule: .he, seed: 4) { _ in
      ActivationLayer(ReLU(), of: Float.self)
    }
    let trainer = SGDTrainer(learningRate: 0.01, batchSize: 64, epochs: 3, shuffleSeed: 9)
    var trained = start
    let history = try trainer.train(&trained, loss: BinaryCrossEntropy(), data: data)

    var plain = start
    var costs: [Double] = []
    var order = Array(0..<count)
    var shuffle = RandomSource(seed: 9)
    var layerRandom = RandomSource(seed: 9 ^ 0x5EED_D20F_0000_0001)
    for _ in 0..<3 {
      SGDTrainer.shuffle(&order, random: &shuffle)
      for lower in stride(from: 0, to: count, by: 64) {
        let batch = data.rows(order[lower..<min(lower + 64, count)])
        let (cost, _, gradients) = try SGDTrainer.costAndGradients(
          plain, loss: BinaryCrossEntropy(), batch: batch, random: &layerRandom)
        costs.append(Double(cost))
        try SGDTrainer.update(&plain, gradients: gradients, rate: 0.01)
      }
    }
    #expect(history.stepCosts == costs)
    #expect(parameters(trained) == parameters(plain))
  }

  /// `alongside` has run when `costAndGradients` returns, and the results are those without it
  /// (the first layer's products, 64×128·128×20, are split over the cores).
  @Test func alongsideWorkIsDoneOnReturn() throws {
    final class Flag: @unchecked Sendable { var value = 0 }
    var random = RandomSource(seed: 2)
    let inputs = (0..<(64 * 128)).map { _ in Float(2 * random.nextUnit() - 1) }
    let batch = (
      inputs: try Tensor(shape: [64, 128], scalars: inputs),
      targets: try oneHot((0..<64).map { $0 % 10 })
    )
    let layers = try mlp(Float.self, sizes: [128, 20, 10], rule: .he, seed: 1) { _ in
      ActivationLayer(ReLU(), of: Float.self)
    }
    for round in 0..<5 {
      let flag = Flag()
      var r1 = RandomSource(seed: 5)
      var r2 = RandomSource(seed: 5)
      let with = try SGDTrainer.costAndGradients(
        layers, loss: BinaryCrossEntropy(), batch: batch, random: &r1,
        alongside: { @Sendable in flag.value = round + 1 })
      #expect(flag.value == round + 1)
      let without = try SGDTrainer.costAndGradients(
        layers, loss: BinaryCrossEntropy(), batch: batch, random: &r2)
      #expect(with.cost == without.cost)
      #expect(with.gradients == without.gradients)
    }
  }
}

/// One-hot rows of 10 classes.
private func oneHot(_ labels: [Int]) throws -> Tensor<Float> {
  try Tensor(
    shape: [labels.count, 10], scalars: labels.flatMap { l in (0..<10).map { $0 == l ? 1 : 0 } })
}
