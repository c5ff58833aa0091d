import LayerConformance
import LayerKit
import XCTest

/// The XCTest entry point works from an XCTestCase, as in a package that has not moved to
/// Swift Testing.
final class XCTestIntegrationTests: XCTestCase {
  func testACorrectActivationPassesInBothScalarTypes() {
    let reports = XCTAssertCorrectDerivatives(of: LeakyReLU())
    XCTAssertEqual(reports.map(\.scalar), ["Float", "Double"])
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
