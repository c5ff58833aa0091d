import LayerConformance
import LayerKit
import XCTest

/// The XCTest entry point works from an XCTestCase, as in a package that has not moved to
/// Swift Testing.
final class XCTestIntegrationTests: XCTestCase {
  func testACorrectActivationPassesInEveryScalarType() {
    let reports = XCTAssertCorrectDerivatives(of: LeakyReLU())
    XCTAssertEqual(reports.map(\.scalar), ScalarKind.allCases.map(\.rawValue))
    XCTAssertTrue(reports.allSatisfy(\.passed))
    XCTAssertEqual(reports.first?.runs.count, 4, "every negativeSlope variant is checked")
  }

  func testTheReportsOfAWrongActivationNameWhatIsWrong() {
    // XCTAssertCorrectDerivatives would fail this test, so check the reports it is built on.
    let report = ActivationChecker().checkAllVariants(ReLUDerivativeIsMaxXZero(), as: .float)
    XCTAssertFalse(report.passed)
    XCTAssertTrue(report.description.contains("ReLU [Float]: FAILED"))
  }
}

/// The XCTest entry points of the layer and network checks.
final class XCTestLayerIntegrationTests: XCTestCase {
  func testACorrectLayerPassesInEveryScalarType() {
    let reports = XCTAssertCorrectGradients(of: DenseBlueprint())
    XCTAssertEqual(reports.map(\.scalar), ScalarKind.allCases.map(\.rawValue))
    XCTAssertTrue(reports.allSatisfy(\.passed))
  }

  func testACorrectNetworkPasses() throws {
    var random = RandomSource(seed: 3)
    let layers: [any Layer<Double>] = [
      try Dense<Double>(inputSize: 3, outputSize: 2, random: &random),
      ActivationLayer(Sigmoid(), of: Double.self),
    ]
    let input = try Tensor<Double>(shape: [2, 3], scalars: [0.1, -0.2, 0.3, 0.4, 0.5, -0.6])
    let target = try Tensor<Double>(shape: [2, 2], scalars: [1, 0, 0, 1])
    let report = XCTAssertCorrectGradients(
      ofNetwork: layers, loss: MeanSquaredError(), input: input, target: target)
    XCTAssertEqual(report.points, 8)
  }
}
