import Initializers
import LayerConformance
import LayerKit
import Testing
import Training

/// The training hooks of `Layer`: the parameter gradients without the input gradient, and the
/// descent step in place, against the full backward pass and the update through `parameters`.
struct DescentTests {
  /// A Dense 5 → 3 with Glorot weights and non-zero biases, a batch of 4 and an output gradient.
  static func denseCase<T: NetworkCheckScalar>(
    _: T.Type
  ) throws -> (Dense<T>, input: Tensor<T>, gradient: Tensor<T>) {
    var random = RandomSource(seed: 11)
    var dense = try Dense<T>(inputSize: 5, outputSize: 3, random: &random)
    dense.bias = try Tensor(shape: [3], scalars: [T(0.25), T(-0.5), T(0.125)])
    let input = try Tensor<T>(
      shape: [4, 5], scalars: (0..<20).map { _ in T(2 * random.nextUnit() - 1) })
    let gradient = try Tensor<T>(
      shape: [4, 3], scalars: (0..<12).map { _ in T(2 * random.nextUnit() - 1) })
    return (dense, input, gradient)
  }

  @Test func denseParameterGradientsAreTheBackwardPasses() throws {
    let (dense, input, gradient) = try Self.denseCase(Float.self)
    let full = try dense.backward(gradient, cache: input)
    #expect(try dense.parameterGradients(gradient, cache: input) == full.parameters)
    let (wide, x, g) = try Self.denseCase(Double.self)
    #expect(
      try wide.parameterGradients(g, erasedCache: x) == wide.backward(g, cache: x).parameters)
    let short = try Tensor<Double>(shape: [3, 3], scalars: Array(repeating: 0, count: 9))
    #expect(throws: LayerError.self) { try wide.parameterGradients(short, cache: x) }
  }

  @Test func denseDescendsInPlaceLikeTheGenericUpdate() throws {
    let (dense, input, gradient) = try Self.denseCase(Double.self)
    let gradients = try dense.backward(gradient, cache: input).parameters
    var fast = dense
    try fast.descend(along: gradients, rate: 0.3)
    var generic = dense
    try generic.descendThroughParameters(along: gradients, rate: 0.3)
    #expect(fast.parameters == generic.parameters)
    #expect(
      fast.weight.scalars[4] == dense.weight.scalars[4] - 0.3 * gradients.tensors[0].scalars[4])
    #expect(fast.bias.scalars[2] == dense.bias.scalars[2] - 0.3 * gradients.tensors[1].scalars[2])
    #expect(fast.weight != dense.weight)
  }

  @Test func descentRejectsForeignGradientsAndLeavesTheLayer() throws {
    let (dense, _, _) = try Self.denseCase(Float.self)
    var layer = dense
    let renamed = ParameterSet([("bias", dense.bias), ("weight", dense.weight)])
    #expect(throws: LayerError.self) { try layer.descend(along: renamed, rate: 1) }
    let wrongShape = ParameterSet([
      ("weight", dense.weight), ("bias", Tensor<Float>(zeros: [2])),
    ])
    #expect(throws: LayerError.self) { try layer.descend(along: wrongShape, rate: 1) }
    #expect(layer.parameters == dense.parameters)
  }

  @Test func stepGradientsEqualTheFullBackwardChain() throws {
    var random = RandomSource(seed: 4)
    let layers = try mlp(Double.self, sizes: [3, 4, 2], rule: .he, seed: 5) { _ in
      ActivationLayer(Tanh(), of: Double.self)
    }
    let inputs = try Tensor<Double>(
      shape: [6, 3], scalars: (0..<18).map { _ in 2 * random.nextUnit() - 1 })
    let targets = try Tensor<Double>(
      shape: [6, 2], scalars: (0..<12).map { Double($0 % 2) })
    var stepRandom = RandomSource(seed: 9)
    let step = try SGDTrainer.costAndGradients(
      layers, loss: BinaryCrossEntropy(), batch: (inputs, targets), random: &stepRandom)
    // The same chain by hand, every layer through its full backward pass.
    var x = inputs
    var caches: [any Sendable] = []
    for layer in layers {
      let (y, cache) = try layer.forward(x, mode: .training, random: &random)
      caches.append(cache)
      x = y
    }
    var g = try BinaryCrossEntropy().gradient(x, target: targets)
    var expected = [ParameterSet<Double>](repeating: ParameterSet(), count: layers.count)
    for index in layers.indices.reversed() {
      let result = try layers[index].backward(g, erasedCache: caches[index])
      expected[index] = result.parameters
      g = result.input
    }
    #expect(step.gradients == expected)
    #expect(step.output == x)
  }

  @Test func updateDescendsEveryLayer() throws {
    var layers = try mlp(Float.self, sizes: [3, 4, 2], rule: .xavier, seed: 6) { _ in
      ActivationLayer(ReLU(), of: Float.self)
    }
    let before = layers.map { $0.parameters }
    let gradients = before.map { set in
      ParameterSet(zip(set.names, set.tensors).map { ($0, $1.map { _ in Float(0.5) }) })
    }
    try SGDTrainer.update(&layers, gradients: gradients, rate: 0.25)
    for index in layers.indices {
      let after = layers[index].parameters
      for (old, new) in zip(before[index].tensors, after.tensors) {
        #expect(new.scalars == old.scalars.map { $0 - 0.25 * 0.5 })
      }
    }
  }
}
