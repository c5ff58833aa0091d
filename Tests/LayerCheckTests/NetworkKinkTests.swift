import LayerConformance
import LayerKit
import Testing

/// A one-unit Dense layer `z = x·w + b` (w = 1, b = 0.5) on a batch of two, then `activation`
/// (a ReLU unless given), then `0.7·a + 0.1`, then mean squared error against 1: the ReLU
/// inputs are `x + 0.5`.
func kinkedNetwork<T: NetworkCheckScalar>(
  _: T.Type, inputs: [T], activation: (any Layer<T>)? = nil
) throws -> (layers: [any Layer<T>], input: Tensor<T>, target: Tensor<T>) {
  let dense = try Dense(
    weight: Tensor<T>(shape: [1, 1], scalars: [1]), bias: Tensor<T>(shape: [1], scalars: [0.5]))
  let output = try Dense(
    weight: Tensor<T>(shape: [1, 1], scalars: [0.7]), bias: Tensor<T>(shape: [1], scalars: [0.1]))
  let layers: [any Layer<T>] = [
    dense, activation ?? ActivationLayer(ReLU(), of: T.self), output,
  ]
  return (
    layers, try Tensor(shape: [2, 1], scalars: inputs), Tensor(shape: [2, 1], repeating: 1)
  )
}

@Suite("Kinks inside networks: watched through every later layer")
struct NetworkKinkTests {
  @Test(arguments: KinkScalars.all)
  func anEntryWithKinksWithinReachOnBothSidesIsUnresolvableNotAMismatch(_ scalar: ScalarKind)
    throws
  {
    if scalar == .float {
      try expectUnresolvable(Float.self)
    } else {
      try expectUnresolvable(Double.self)
    }
  }

  func expectUnresolvable<T: NetworkCheckScalar>(_: T.Type) throws {
    // ReLU inputs at ±h/100, h the step of the bias 0.5: moving the bias by ±h, or by ±h/4 or
    // ±h/16, pushes one of them across 0 either way.
    let near = FiniteDifference.step(at: T(0.5)) / 100
    let (layers, input, target) = try kinkedNetwork(T.self, inputs: [-0.5 + near, -0.5 - near])
    let report = NetworkChecker().check(
      layers: layers, loss: MeanSquaredError(), input: input, target: target)
    #expect(report.passed, "\(report)")
    #expect(report.unresolvableAtKinks >= 1, "\(report)")
    let bias = report.kinkEntries.first { $0.tensor == "0.bias" }
    #expect(bias?.side == .unresolvable, "\(report)")
    #expect(!report.tensors.contains { $0.name == "0.bias" && !$0.checkedEntries.isEmpty })
    #expect(report.description.contains("kinks: "))
  }

  @Test(arguments: KinkScalars.all)
  func aReLUInputExactlyOnItsKinkIsJudgedByTheConvention(_ scalar: ScalarKind) throws {
    if scalar == .float {
      try expectJudgedOnTheKink(Float.self)
    } else {
      try expectJudgedOnTheKink(Double.self)
    }
  }

  func expectJudgedOnTheKink<T: NetworkCheckScalar>(_: T.Type) throws {
    // ReLU inputs 0 and 0.8. Moving the bias up moves the first one right of 0, moving the
    // weight up moves it left (x = −0.5): the left limit the ReLU declares is the bias's left
    // slope but the weight's right slope.
    let (layers, input, target) = try kinkedNetwork(T.self, inputs: [-0.5, 0.3])
    for strategy in [Strategy.everyEntry, .directional(count: 3)] {
      let report = NetworkChecker(strategy: strategy).check(
        layers: layers, loss: MeanSquaredError(), input: input, target: target)
      #expect(report.passed, "\(report)")
      #expect(report.kinks >= 1 && report.unresolvableAtKinks == 0, "\(report)")
      #expect(report.kinkEntries.allSatisfy { $0.side == .both }, "\(report)")
    }
    let full = NetworkChecker().check(
      layers: layers, loss: MeanSquaredError(), input: input, target: target)
    #expect(full.kinkEntries.map(\.tensor) == ["0.weight", "0.bias"])
    // The same network whose ReLU returns 0.5 at 0 (declared: the left limit 0) fails.
    let (wrong, _, _) = try kinkedNetwork(
      T.self, inputs: [-0.5, 0.3], activation: OneSidedMutant<T>(bug: .halfAtTheKink))
    for strategy in [Strategy.everyEntry, .directional(count: 3)] {
      let report = NetworkChecker(strategy: strategy).check(
        layers: wrong, loss: MeanSquaredError(), input: input, target: target)
      #expect(!report.passed && report.problems.contains { $0.kind == .gradientMismatch })
    }
  }

  @Test(arguments: KinkScalars.all)
  func aReLUNetworkPassesOverManySeedsAndCatchesAOneSidedBug(_ scalar: ScalarKind) throws {
    if scalar == .float {
      try expectReLUNetworks(Float.self)
    } else {
      try expectReLUNetworks(Double.self)
    }
  }

  func expectReLUNetworks<T: NetworkCheckScalar>(_: T.Type) throws {
    var kinks = 0
    for seed in 0..<50 {
      var random = RandomSource(seed: UInt64(seed))
      // Dense 3 → 4, ReLU, Dense 4 → 1, with inputs near 0 so that ReLU inputs near 0 are
      // common in Float, whose steps are large.
      let first = try Dense<T>(inputSize: 3, outputSize: 4, random: &random)
      let second = try Dense<T>(inputSize: 4, outputSize: 1, random: &random)
      let input = try Tensor(
        shape: [2, 3], scalars: (0..<6).map { _ in T(0.02 * (2 * random.nextUnit() - 1)) })
      let target = try Tensor<T>(shape: [2, 1], scalars: [0.3, -0.2])
      for strategy in [Strategy.everyEntry, .directional(count: 2)] {
        for activation in [ReLU() as any Activation, LeakyReLU(negativeSlope: 0.2)] {
          func layer<A: Activation>(_ a: A) -> any Layer<T> { ActivationLayer(a, of: T.self) }
          let report = NetworkChecker(strategy: strategy, seed: UInt64(seed)).check(
            layers: [first, layer(activation), second], loss: MeanSquaredError(), input: input,
            target: target)
          #expect(report.passed, "seed \(seed): \(report)")
          kinks += report.kinks
          // The stacked watch of the fast path sees the same kinks as plain recomputation.
          let plain = NetworkChecker(
            options: CheckOptions(strategy: strategy, seed: UInt64(seed)), useFastPath: false
          ).check(
            layers: [first, layer(activation), second], loss: MeanSquaredError(), input: input,
            target: target)
          #expect(plain.kinkEntries == report.kinkEntries, "seed \(seed)")
        }
      }
      let wrong = NetworkChecker(strategy: .everyEntry, seed: UInt64(seed)).check(
        layers: [first, OneSidedMutant<T>(bug: .leaky03For02), second],
        loss: MeanSquaredError(), input: input, target: target)
      // Wrong only left of 0: caught unless no ReLU input of that seed is negative.
      let negative = try first.forward(input, mode: .inference, random: &random).output.scalars
        .contains { $0 < 0 }
      #expect(wrong.passed == !negative, "seed \(seed): \(wrong)")
    }
    print("network kink sweep [\(T.scalarName)]: 200 checks, \(kinks) kink entries")
  }
}
