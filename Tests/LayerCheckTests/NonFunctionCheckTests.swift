import Foundation
import LayerConformance
import LayerKit
import Testing

/// The seed slides' helper, reproduced: a forward pass that reads fresh data per call is not a
/// function of its parameters, and the kit says so instead of reporting noise as a mismatch.
struct NonFunctionCheckTests {
  static let scalars: [ScalarKind] = [.float, .double]

  @Test(arguments: scalars)
  func freshDataPerCallIsReportedAsNotAFunction(_ scalar: ScalarKind) throws {
    let report = LayerChecker().check(FeederRecurrenceBlueprint(), as: scalar)
    #expect(!report.passed)
    #expect(report.problems.map(\.kind) == [.notAFunction], "\(report)")
    #expect(!report.problems.contains { $0.kind == .gradientMismatch })
    #expect(report.points == 0, "no gradient was compared")
    let message = try #require(report.problems.first).message
    #expect(message.contains("FeederRecurrence [\(scalar)]: not a function of its parameters"))
    #expect(message.contains("across calls") && message.contains("would be noise"))
    #expect(message.contains("no gradient mismatch is reported"))
    #expect(message.contains("fresh data drawn per call"))
    // The same recurrence fed its data as the input passes: the feeder was the only fault.
    let fixed = LayerChecker().check(
      LinearRecurrenceBlueprint(w: [0.9, -0.6, 0.4]), as: scalar)
    #expect(fixed.passed, "\(fixed)")
  }

  @Test(arguments: scalars)
  func aHiddenCallCounterIsReportedAsNotAFunction(_ scalar: ScalarKind) {
    for strategy in [Strategy.standard, .directional(count: 3)] {
      let report = LayerChecker(strategy: strategy).check(CountingScaleBlueprint(), as: scalar)
      #expect(report.problems.map(\.kind) == [.notAFunction], "\(report)")
    }
  }

  @Test func theNetworkCheckerDetectsItToo() throws {
    let counting = CountingScale<Double>(
      w: try Tensor(shape: [4], scalars: [0.5, -1.5, 2, 0.25]), counter: CallCounter())
    var random = RandomSource(seed: 5)
    let dense = try Dense<Double>(inputSize: 4, outputSize: 2, random: &random)
    let input = try Tensor<Double>(shape: [3, 4], scalars: (0..<12).map { Double($0) / 12 - 0.4 })
    let target = Tensor<Double>(zeros: [3, 2])
    for strategy in [Strategy.everyEntry, .directional(count: 3)] {
      let report = NetworkChecker(strategy: strategy).check(
        layers: [counting, dense], loss: MeanSquaredError(), input: input, target: target)
      #expect(report.problems.map(\.kind) == [.notAFunction], "\(report)")
      #expect(report.problems.first?.message.contains("network [Double]: not a function") == true)
      #expect(report.points == 0)
      let fixed = NetworkChecker(strategy: strategy).check(
        layers: [dense], loss: MeanSquaredError(), input: input, target: target)
      #expect(fixed.passed, "\(fixed)")
    }
  }

  @Test func theNewKindIsInTheTextAndJSONReports() throws {
    let report = LayerChecker().check(CountingScaleBlueprint(), as: Double.self)
    #expect(report.description.contains("FAILED"))
    #expect(report.description.contains("not a function of its parameters"))
    let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
    #expect(json.contains("\"kind\":\"notAFunction\""), "\(json)")
    let decoded = try JSONDecoder().decode(LayerReport.self, from: Data(json.utf8))
    #expect(decoded.problems == report.problems)
  }

  /// A stochastic layer re-seeded before every pass is a function of its parameters: dropout
  /// is not mistaken for fresh data, even when the gradient passes are not re-seeded.
  @Test func dropoutIsAFunctionOnceTheSeedIsFixed() {
    let report = LayerChecker(reseeds: false).check(DropoutBlueprint(), as: Double.self)
    #expect(!report.problems.contains { $0.kind == .notAFunction }, "\(report)")
    #expect(report.problems.contains { $0.kind == .gradientMismatch })
  }
}
