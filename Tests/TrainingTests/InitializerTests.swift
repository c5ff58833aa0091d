import Initializers
import LayerConformance
import LayerKit
import Testing

struct InitializerTests {
  /// The mean and the standard deviation of 10⁵ weights (a 250 × 400 layer) are within five
  /// standard errors of each rule's formula.
  @Test(arguments: Initializer.allCases) func statisticsMatchTheFormula(_ rule: Initializer)
    throws
  {
    var random = RandomSource(seed: 42)
    let (nIn, nOut) = (250, 400)
    let w = rule.weights(nIn: nIn, nOut: nOut, of: Double.self, random: &random)
    let n = Double(w.count)
    #expect(w.count == 100_000)
    let mean = w.scalars.reduce(0, +) / n
    let std = (w.scalars.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)).squareRoot()
    let (expectedMean, expectedStd): (Double, Double) =
      switch rule {
      case .uniform: (0.5, (1.0 / 12).squareRoot())
      case .scaledUniform: (0.005, 0.01 * (1.0 / 12).squareRoot())
      case .gaussian: (0, 1)
      case .xavier: (0, 1 / Double(nIn).squareRoot())
      case .he: (0, (2 / Double(nIn)).squareRoot())
      case .bengio: (0, 1 / Double(nIn + nOut).squareRoot())
      }
    #expect(abs(mean - expectedMean) < 5 * expectedStd / n.squareRoot(), "mean \(mean)")
    #expect(abs(std - expectedStd) < 5 * expectedStd / (2 * n).squareRoot(), "std \(std)")
    if let declared = rule.standardDeviation(nIn: nIn, nOut: nOut) {
      #expect(abs(declared - expectedStd) < 1e-15)
    }
    if rule == .uniform || rule == .scaledUniform {
      #expect(w.scalars.allSatisfy { $0 >= 0 && $0 < (rule == .uniform ? 1 : 0.01) })
    }
  }

  /// Box–Muller gives Gaussian tails: about 4.55% of standard normal draws beyond ±2.
  @Test func gaussianTailsAreGaussian() {
    var random = RandomSource(seed: 3)
    let z = Initializer.standardNormals(count: 100_000, random: &random)
    let beyond = Double(z.filter { abs($0) > 2 }.count) / 1e5
    #expect(abs(beyond - 0.0455) < 0.003, "\(beyond)")
    #expect(Initializer.standardNormals(count: 7, random: &random).count == 7)
  }

  @Test func namesParseAndUnknownNamesListTheKnownOnes() throws {
    for rule in Initializer.allCases { #expect(try Initializer(named: rule.name) == rule) }
    #expect(try Initializer(named: "He") == .he)
    #expect(try Initializer(named: "uniform/100") == .scaledUniform)
    #expect(
      Initializer.allCases.map(\.name) == [
        "uniform", "uniform-0.01", "gaussian", "xavier", "he", "bengio",
      ])
    #expect(throws: InitializerError.self) { try Initializer(named: "lecun") }
    do {
      _ = try Initializer(named: "lecun")
    } catch {
      #expect(
        error.description
          == "unknown initializer \"lecun\"; known: uniform, uniform-0.01, gaussian, xavier, he, bengio"
      )
    }
  }

  /// Every Dense, also inside a Sequential, gets new weights and zero biases; the same seed
  /// gives the same weights; other layers are untouched.
  @Test func initializesEveryDenseOfANetwork() throws {
    var random = RandomSource(seed: 1)
    var dense = try Dense<Double>(inputSize: 3, outputSize: 4, random: &random)
    dense.bias = Tensor(shape: [4], repeating: 7)
    let inner = try Sequential<Double>([
      try Dense<Double>(inputSize: 4, outputSize: 2, random: &random),
      ActivationLayer(Tanh(), of: Double.self),
    ])
    var layers: [any Layer<Double>] = [dense, ActivationLayer(ReLU(), of: Double.self), inner]
    var seeded = RandomSource(seed: 9)
    #expect(Initializer.he.initialize(&layers, random: &seeded) == 2)
    let first = try #require(layers[0] as? Dense<Double>)
    #expect(first.bias.scalars == [0, 0, 0, 0])
    var again = RandomSource(seed: 9)
    #expect(first.weight == Initializer.he.weights(nIn: 3, nOut: 4, random: &again))
    let nested = try #require((layers[2] as? Sequential<Double>)?.layers[0] as? Dense<Double>)
    #expect(nested.weight == Initializer.he.weights(nIn: 4, nOut: 2, random: &again))
    #expect(nested.bias.scalars == [0, 0])
    #expect(layers[1] is ActivationLayer<ReLU, Double>)

    var network = try Sequential<Float>([
      try Initializer.xavier.dense(inputSize: 2, outputSize: 3, of: Float.self, random: &random)
    ])
    #expect(Initializer.uniform.initialize(&network, random: &random) == 1)
    let weights = try #require(network.layers[0] as? Dense<Float>).weight.scalars
    #expect(weights.allSatisfy { $0 >= 0 && $0 <= 1 })
  }
}
