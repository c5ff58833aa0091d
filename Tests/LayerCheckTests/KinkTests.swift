import LayerConformance
import LayerKit
import Testing

/// The layers with a kink at 0 that the sweep checks.
enum KinkedLayer: String, CaseIterable, Sendable, CustomTestStringConvertible {
  case relu = "ActivationLayer(ReLU)"
  case leakyReLU = "ActivationLayer(LeakyReLU(0.2))"
  case l1Penalty = "L1Penalty"

  var testDescription: String { rawValue }

  /// The layer in `T`, its reference in `T.Wide`, and the input, with `values` as the input
  /// (activations) or the weight (the penalty).
  func make<T: CheckableScalar>(_ values: [T]) throws -> (
    any Layer<T>, any Layer<T.Wide>, Tensor<T>
  ) {
    let tensor = try Tensor(shape: [2, values.count / 2], scalars: values)
    let wide = try Tensor(shape: tensor.shape, scalars: values.map { T.Wide($0) })
    switch self {
    case .relu:
      return (ActivationLayer(ReLU(), of: T.self), ActivationLayer(ReLU(), of: T.Wide.self), tensor)
    case .leakyReLU:
      let leaky = LeakyReLU(negativeSlope: 0.2)
      return (ActivationLayer(leaky, of: T.self), ActivationLayer(leaky, of: T.Wide.self), tensor)
    case .l1Penalty:
      return (
        PenaltyLayer(L1Penalty(), weight: tensor), PenaltyLayer(L1Penalty(), weight: wide),
        Tensor(shape: [1, 2], repeating: 0.5)
      )
    }
  }
}

/// Values around the kink at 0, entry `i` of kind `i % 4`: exactly on it, within 1e-7 of it,
/// within three reference steps of it (where a central difference straddles it), anywhere in
/// [-1, 1).
func valuesNearKinks<T: CheckableScalar>(_: T.Type, count: Int, _ random: inout RandomSource) -> [T]
{
  let reach = 3 * Double(FiniteDifference.step(at: T.Wide(0)))
  return (0..<count).map { i in
    let sign: Double = random.nextUnit() < 0.5 ? -1 : 1
    let u = random.nextUnit()
    switch i % 4 {
    case 0: return 0
    case 1: return T(sign * u * 1e-7)
    case 2: return T(sign * u * reach)
    default: return T(2 * u - 1)
    }
  }
}

@Suite("Kinks inside layers: never straddled, one-sided bugs still caught")
struct KinkTests {
  static let seeds = 1000

  @Test(arguments: KinkedLayer.allCases, KinkScalars.all)
  func sweepOfSeedsNearKinksHasNoFalseAlarm(_ kind: KinkedLayer, _ scalar: ScalarKind) throws {
    if scalar == .float {
      try sweep(kind, Float.self)
    } else {
      try sweep(kind, Double.self)
    }
  }

  func sweep<T: CheckableScalar>(_ kind: KinkedLayer, _: T.Type) throws {
    var falseAlarms: [LayerReport] = []
    var sides: [KinkEntry.Side: Int] = [:]
    var checks = 0
    for seed in 0..<Self.seeds {
      var random = RandomSource(seed: UInt64(seed))
      let (layer, reference, input) = try kind.make(valuesNearKinks(T.self, count: 8, &random))
      for strategy in [Strategy.everyEntry, .directional(count: 2)] {
        let report = LayerChecker(strategy: strategy, seed: UInt64(seed)).check(
          layer, reference: reference, input: input, name: kind.rawValue)
        checks += 1
        if !report.passed { falseAlarms.append(report) }
        for entry in report.kinkEntries { sides[entry.side, default: 0] += 1 }
      }
    }
    let exercised = sides.values.reduce(0, +)
    print(
      "kink sweep \(kind.rawValue) [\(T.scalarName)]: \(checks) checks, \(falseAlarms.count) "
        + "false alarms, \(exercised) kink entries (left \(sides[.left] ?? 0), right "
        + "\(sides[.right] ?? 0), on the kink \(sides[.both] ?? 0), unresolvable "
        + "\(sides[.unresolvable] ?? 0))")
    #expect(falseAlarms.isEmpty, "\(falseAlarms.count) false alarms; first: \(falseAlarms.first!)")
    // Per check: two entries on the kink, two within 1e-7 and a third of the two within three
    // steps are within reach (about 4.7); none is ever unresolvable.
    #expect(exercised >= checks * 4)
    #expect(sides[.both, default: 0] >= checks * 2 && sides[.unresolvable] == nil)
  }

  /// The mutants, each with its input (or weight) placed within 1e-7 of the kink: on it, just
  /// left and just right of it in turn.
  enum Mutant: String, CaseIterable, Sendable {
    case slope09OnTheRight, slope01OnTheLeft, halfAtTheKink, leaky03For02, l1HalfOnTheNegativeSide
  }

  @Test(arguments: Mutant.allCases, KinkScalars.all)
  func mutantWrongOnlyNearTheKinkIsCaught(_ mutant: Mutant, _ scalar: ScalarKind) throws {
    if scalar == .float {
      try expectCaught(mutant, Float.self)
    } else {
      try expectCaught(mutant, Double.self)
    }
  }

  func expectCaught<T: CheckableScalar>(_ mutant: Mutant, _: T.Type) throws {
    var caught = 0
    var runs = 0
    for seed in 0..<20 {
      var random = RandomSource(seed: UInt64(seed))
      let values = (0..<6).map { i in T([0, 1e-7, -1e-7][i % 3] * (0.1 + 0.9 * random.nextUnit())) }
      let tensor = try Tensor(shape: [2, 3], scalars: values)
      let wide = try Tensor(shape: [2, 3], scalars: values.map { T.Wide($0) })
      let layer: any Layer<T>
      let reference: any Layer<T.Wide>
      var input = tensor
      if let bug = OneSidedBug(rawValue: mutant.rawValue) {
        (layer, reference) = (OneSidedMutant<T>(bug: bug), OneSidedMutant<T.Wide>(bug: bug))
      } else {
        layer = PenaltyLayer(HalfNegativeL1(), weight: tensor)
        reference = PenaltyLayer(HalfNegativeL1(), weight: wide)
        input = Tensor(shape: [1, 2], repeating: 0.5)
      }
      for strategy in [Strategy.everyEntry, .directional(count: 2)] {
        let report = LayerChecker(strategy: strategy, seed: UInt64(seed)).check(
          layer, reference: reference, input: input, name: mutant.rawValue)
        runs += 1
        if !report.passed && report.problems.contains(where: { $0.kind == .gradientMismatch }) {
          caught += 1
        }
        #expect(report.kinks >= 4, "\(report)")
      }
    }
    print("kink mutant \(mutant.rawValue) [\(T.scalarName)]: caught in \(caught) of \(runs) runs")
    #expect(caught == runs)
  }

  @Test func theRegistryRunPlacesEntriesOnAndBesideKinks() throws {
    let report = LayerChecker().check(PenaltyBlueprint(L1Penalty()), as: Double.self)
    #expect(report.passed, "\(report)")
    #expect(report.kinkEntries.map(\.side) == [.both, .right, .left], "\(report)")
    #expect(report.kinkEntries.map(\.tensor) == ["weight", "weight", "weight"])
    #expect(report.description.contains("kinks: 3 entries within a step of a declared kink"))
    let relu = LayerChecker().check(ActivationLayerBlueprint(ReLU()), as: Float.self)
    #expect(relu.passed && relu.kinks == 3, "\(relu)")
    let dense = LayerChecker().check(DenseBlueprint(), as: Double.self)
    #expect(dense.passed && dense.kinks == 0)
  }

  @Test func aCentralDifferenceWouldHaveFailedWhereTheKitGoesOneSided() throws {
    // ReLU at 1e-7 in Float: the reference step in Double is about 6e-6, so the central
    // difference averages the slopes 0 and 1.
    let x: Double = 1e-7
    let central = FiniteDifference.central(at: x) { Swift.max($0, 0) }
    let right = FiniteDifference.secondOrder(at: x, side: .right) { Swift.max($0, 0) }
    #expect(Swift.abs(central - 0.5) < 0.1)
    #expect(right == 1)
  }

  @Test func theOneSidedDifferenceIsSecondOrderOnEitherSide() {
    let f = { (x: Double) in x * x * x }
    for side in [FiniteDifference.Side.left, .right] {
      let coarse = Swift.abs(FiniteDifference.secondOrder(at: 1, step: 1e-2, side: side, f) - 3)
      let fine = Swift.abs(FiniteDifference.secondOrder(at: 1, step: 5e-3, side: side, f) - 3)
      #expect(coarse / fine > 3.5 && coarse / fine < 4.5, "\(side): \(coarse) \(fine)")
    }
    // Exact for a quadratic, and each side sees only its own slope.
    #expect(FiniteDifference.secondOrder(at: 2, step: 0.25, side: .left) { $0 * $0 } == 4)
    #expect(FiniteDifference.secondOrder(at: 0, step: 0.25, side: .left) { Swift.abs($0) } == -1)
    #expect(FiniteDifference.secondOrder(at: 0, step: 0.25, side: .right) { Swift.abs($0) } == 1)
  }
}

/// The scalar types of the kink sweeps: `Float` and `Double`. Half precision is not swept here:
/// its inputs cannot lie within 1e-7 of a kink except at it, and its network checks need
/// ``NetworkCheckScalar``, which `ScalarKind.type` does not promise.
enum KinkScalars {
  static let all: [ScalarKind] = [.float, .double]
}
