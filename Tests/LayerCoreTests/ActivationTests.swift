import LayerCore
import LayerKit
import Testing

struct ActivationTests {
  @Test(arguments: [-1000.0, -400, -356, -20, 0, 20, 356, 400, 1000])
  func tanhNeverOverflowsToNaN(_ x: Double) {
    let tanh = Tanh()
    #expect(tanh(x).isFinite && abs(tanh(x)) <= 1)
    #expect(tanh.derivative(at: x).isFinite && tanh.derivative(at: x) >= 0)
  }

  @Test func limitsAtInfinity() {
    #expect(Sigmoid()(-Double.infinity) == 0)
    #expect(Sigmoid()(Double.infinity) == 1)
    #expect(Sigmoid().derivative(at: Double.infinity) == 0)
    #expect(Tanh()(-Float.infinity) == -1)
    #expect(Tanh().derivative(at: -Float.infinity) == 0)
    #expect(ReLU()(-Double.infinity) == 0)
    #expect(ReLU()(Double.infinity) == .infinity)
    #expect(LeakyReLU(negativeSlope: 0)(-Double.infinity) == 0)
    #expect(LeakyReLU(negativeSlope: 0.5)(-Double.infinity) == -.infinity)
  }

  @Test func nanPropagates() {
    let activations: [any Activation] = [Sigmoid(), Tanh(), ReLU(), LeakyReLU()]
    for activation in activations {
      #expect(activation.value(at: Double.nan).isNaN, "\(activation)")
      #expect(activation.derivative(at: Float.nan).isNaN, "\(activation)")
    }
  }

  @Test func reluDerivativeAtZeroIsTheLeftLimit() {
    #expect(ReLU().derivative(at: 0.0) == 0)
    #expect(ReLU().kinks == [Kink(at: 0, convention: .leftLimit)])
    #expect(LeakyReLU(negativeSlope: 0.2).derivative(at: 0.0) == 0.2)
  }

  @Test func sigmoidDerivativeKeepsRelativeAccuracyInBothTails() {
    // σ'(±30) = e^-30 / (1 + e^-30)², from mpmath at 40 digits.
    let expected = 9.3576229688384233028e-14
    #expect(abs(Sigmoid().derivative(at: 30.0) / expected - 1) < 4e-16)
    #expect(abs(Sigmoid().derivative(at: -30.0) / expected - 1) < 4e-16)
  }

  @Test func leakyReLUParameter() throws {
    let leaky = LeakyReLU()
    #expect(leaky.negativeSlope == 0.01)
    #expect(leaky.description == "LeakyReLU(negativeSlope: 0.01)")
    #expect(try leaky.setting("negativeSlope", to: 0.2).negativeSlope == 0.2)
    #expect(throws: ComponentError.self) { try leaky.setting("slope", to: 0.2) }
    #expect(throws: ComponentError.self) { try leaky.setting("negativeSlope", to: .nan) }
    #expect(LeakyReLU(negativeSlope: 1).kinks.isEmpty)
    #expect(throws: ComponentError.self) { try ReLU().setting("anything", to: 1) }
  }
}

struct TensorAndLayerTests {
  @Test func tensorRejectsAMismatchedShape() {
    let error = #expect(throws: LayerError.self) {
      try Tensor<Double>(shape: [2, 3], scalars: [1, 2, 3])
    }
    #expect("\(error!)" == "a tensor of shape [2, 3] needs 6 elements, got 3")
  }

  @Test func tensorIsRowMajor() throws {
    let t = try Tensor<Float>(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
    #expect(t[1, 0] == 4)
    #expect(t[0, 2] == 3)
  }

  @Test func activationLayerAppliesElementwiseAndBackpropagates() throws {
    let layer = ActivationLayer(Tanh(), of: Double.self)
    var random = RandomSource(seed: 1)
    let input = try Tensor<Double>(shape: [2, 2], scalars: [-1, 0, 0.5, 2])
    let (output, cache) = try layer.forward(input, mode: .training, random: &random)
    // Tanh in Double runs on `DoubleLanes`: within 2 ULP of the scalar function.
    func close(_ a: [Double], _ b: [Double]) -> Bool {
      a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= 2 * $1.ulp }
    }
    #expect(close(output.scalars, input.scalars.map { Tanh()($0) }))
    let ones = Tensor<Double>(shape: [2, 2], repeating: 1)
    let gradients = try layer.backward(ones, cache: cache)
    #expect(close(gradients.input.scalars, input.scalars.map { Tanh().derivative(at: $0) }))
    #expect(gradients.parameters.count == 0)
  }

  @Test func activationLayerRejectsAGradientOfTheWrongShape() throws {
    let layer = ActivationLayer(ReLU(), of: Float.self)
    var random = RandomSource(seed: 1)
    let (_, cache) = try layer.forward(Tensor(zeros: [2, 3]), mode: .inference, random: &random)
    let error = #expect(throws: LayerError.self) {
      try layer.backward(Tensor(zeros: [3, 2]), cache: cache)
    }
    #expect("\(error!)" == "ReLU: expected shape [2, 3], got [3, 2]")
  }

  @Test func randomSourceIsReproducible() {
    var a = RandomSource(seed: 42)
    var b = RandomSource(seed: 42)
    var c = RandomSource(seed: 43)
    let first = (0..<8).map { _ in a.next() }
    #expect(first == (0..<8).map { _ in b.next() })
    #expect(first != (0..<8).map { _ in c.next() })
    let units = (0..<1000).map { _ in a.nextUnit() }
    #expect(units.allSatisfy { $0 >= 0 && $0 < 1 })
    #expect(abs(units.reduce(0, +) / 1000 - 0.5) < 0.05)
  }
}
