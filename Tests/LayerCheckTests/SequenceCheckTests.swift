import Foundation
import LayerConformance
import LayerKit
import Testing

/// Recurrent layers through the layer kit: the initial state checked like an input, data owned
/// by the check, and the input gradient summarized along time.
struct SequenceCheckTests {
  static let scalars: [ScalarKind] = [.float, .double]

  static func linear(_ bug: RecurrenceBug = .none, time: Int = 6) -> LinearRecurrenceBlueprint {
    LinearRecurrenceBlueprint(w: [0.9, -0.7, 0.5], time: time, bug: bug)
  }

  @Test(arguments: scalars)
  func correctRecurrencesPassWithTheirInitialStateChecked(_ scalar: ScalarKind) {
    let linear = LayerChecker().check(Self.linear(), as: scalar)
    #expect(linear.passed, "\(linear)")
    #expect(linear.tensors.map(\.name) == ["input", "initialState", "w"])
    #expect(linear.tensors[1].count == 2 * 3 && linear.tensors[1].checkedEntries.count == 6)
    #expect(linear.timeSteps.map(\.step) == Array(0..<6))
    #expect(linear.timeSteps.allSatisfy { $0.entries == 2 * 3 })
    let elman = LayerChecker().check(ElmanFixtureBlueprint(), as: scalar)
    #expect(elman.passed, "\(elman)")
    #expect(elman.tensors.map(\.name) == ["input", "initialState", "W", "U", "b"])
  }

  @Test(arguments: scalars)
  func aDroppedInitialStateGradientFailsNamingInitialState(_ scalar: ScalarKind) throws {
    for blueprint in [
      Self.linear(.dropsInitialStateGradient) as any LayerBlueprint,
      ElmanFixtureBlueprint(bug: .dropsInitialStateGradient),
    ] {
      let report = LayerChecker().check(blueprint, as: scalar)
      #expect(!report.passed, "\(report)")
      let problem = try #require(report.problems.first { $0.kind == .gradientMismatch })
      #expect(problem.tensor == "initialState", "\(report)")
      #expect(problem.message.contains("initialState["), "\(problem)")
      #expect(report.problems.allSatisfy { $0.tensor == "initialState" }, "\(report)")
      // Directional mode sees it too: the state is part of every direction.
      let directional = LayerChecker(strategy: .directional(count: 3)).check(blueprint, as: scalar)
      #expect(!directional.passed, "\(directional)")
    }
  }

  /// The weight gradient that forgets g₀ · h₋₁ is right from a zero state: only a check from a
  /// non-zero initial state, as the kit's, can see it.
  @Test(arguments: scalars)
  func theCheckRunsFromANonZeroInitialState(_ scalar: ScalarKind) {
    let report = LayerChecker().check(Self.linear(.weightGradientIgnoresInitialState), as: scalar)
    #expect(!report.passed)
    #expect(report.problems.map(\.tensor) == ["w"], "\(report)")
  }

  /// The initial state is a tensor of the check: a parameter setter that is not exact is still
  /// caught on the layer's own parameter, and the messages never call the state a parameter.
  @Test func parametersNotRestoredStillWorksBesideTheState() throws {
    var blueprint = Self.linear()
    blueprint.driftsWhenSet = true
    let report = LayerChecker().check(blueprint, as: Double.self)
    let problem = try #require(report.problems.first { $0.kind == .parametersNotRestored })
    #expect(problem.tensor == "w" && problem.message.contains("parameter w["), "\(problem)")
    #expect(!report.problems.contains { $0.tensor == "initialState" }, "\(report)")
    #expect(!report.description.contains("parameter initialState"))
  }

  @Test func theCheckOwnsItsDataSameSeedSameReport() {
    let blueprint = ElmanFixtureBlueprint(bug: .dropsRecurrentTerm)
    var first = LayerChecker().check(blueprint, as: Double.self)
    var again = LayerChecker().check(blueprint, as: Double.self)
    (first.seconds, again.seconds) = (0, 0)
    #expect(first == again)
    let other = LayerChecker(strategy: .standard, seed: 7).check(blueprint, as: Double.self)
    #expect(other.worst != first.worst, "another seed draws another input and state")
  }

  @Test func theDirectEntryPointChecksTheInitialStateToo() throws {
    let w: [Double] = [0.8, -0.5]
    let layer = LinearRecurrence<Double>(
      w: try Tensor(shape: [2], scalars: w), bug: .dropsInitialStateGradient)
    let reference = LinearRecurrence<Double.Wide>(
      w: try Tensor(shape: [2], scalars: w.map { Double.Wide($0) }))
    var random = RandomSource(seed: 3)
    let input = try Tensor<Double>(
      shape: [1, 4, 2], scalars: (0..<8).map { _ in random.nextUnit() - 0.5 })
    let report = LayerChecker().check(layer, reference: reference, input: input, name: "direct")
    #expect(report.tensors.map(\.name) == ["input", "initialState", "w"])
    #expect(report.problems.map(\.tensor) == ["initialState"], "\(report)")
  }

  @Test(arguments: scalars)
  func aDroppedRecurrentTermIsWrongFromTheSecondLastStepBackwards(_ scalar: ScalarKind) throws {
    let report = LayerChecker().check(Self.linear(.dropsRecurrentTerm, time: 10), as: scalar)
    #expect(!report.passed)
    let steps = report.timeSteps
    #expect(steps.count == 10)
    #expect(steps.dropLast().allSatisfy { $0.maxRelativeError > report.tolerance.relative })
    #expect(try #require(steps.last).maxRelativeError <= report.tolerance.relative)
    let problem = try #require(
      report.problems.first { $0.kind == .gradientMismatch && $0.tensor == "input" })
    #expect(
      problem.message.contains(
        "input gradient wrong at 9 of 10 time steps: wrong from t = 8 backwards (worst t = "),
      "\(problem)")
    #expect(report.description.contains("input along time: 10 of 10 steps checked, 9 failing"))
    let elman = LayerChecker().check(
      ElmanFixtureBlueprint(time: 10, bug: .dropsRecurrentTerm), as: scalar)
    #expect(
      elman.problems.contains { $0.message.contains("wrong from t = 8 backwards") }, "\(elman)")
  }

  @Test(arguments: scalars)
  func aMistakeAtSomeStepsListsThem(_ scalar: ScalarKind) throws {
    let report = LayerChecker().check(Self.linear(.inputGradientDoubledAtSteps2And3), as: scalar)
    #expect(report.problems.map(\.tensor) == ["input"], "\(report)")
    let message = try #require(report.problems.first).message
    #expect(
      message.contains("input gradient wrong at 2 of 6 time steps: wrong at t = 2–3 (worst t = "))
    #expect(
      report.timeSteps.filter { $0.maxRelativeError > report.tolerance.relative }.map(\.step) == [
        2, 3,
      ])
  }

  @Test func theStepsAreReportedInJSON() throws {
    let report = LayerChecker().check(Self.linear(.dropsRecurrentTerm), as: Double.self)
    let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
    #expect(json.contains("\"timeSteps\":[{"))
    #expect(json.contains("\"largestGradient\""))
    let decoded = try JSONDecoder().decode(LayerReport.self, from: Data(json.utf8))
    #expect(decoded.timeSteps == report.timeSteps)
  }

  /// `layerkit check --format json` rows: a recurrent layer's row has `timeSteps`, a plain
  /// layer's has none.
  @Test func theRegistryRowsCarryTheSteps() throws {
    var registry = Registry()
    try registry.register(Self.linear())
    try registry.register(DenseBlueprint())
    let report = RegistryChecker().check(registry, scalars: [.double])
    #expect(report.passed, "\(report)")
    let data = try JSONEncoder().encode(report.rows)
    let rows = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    let steps = try #require(rows[0]["timeSteps"] as? [[String: Any]])
    #expect(steps.count == 6 && steps[0]["step"] as? Int == 0 && steps[0]["entries"] as? Int == 6)
    #expect(rows[1]["timeSteps"] == nil)
  }

  @Test func aPlainLayerHasNoTimeSteps() {
    let report = LayerChecker().check(DenseBlueprint(), as: Double.self)
    #expect(report.passed && report.timeSteps.isEmpty)
    #expect(!report.description.contains("along time"))
  }
}
