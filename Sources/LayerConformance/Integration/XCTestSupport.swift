#if canImport(XCTest)
  import LayerCore
  import XCTest

  /// Checks `activation` (and each of its parameter variants) in every scalar type of
  /// `scalars`, and calls `XCTFail` with the full report for each scalar type that fails.
  ///
  /// ```swift
  /// final class SoftsignTests: XCTestCase {
  ///   func testDerivative() { XCTAssertCorrectDerivatives(of: Softsign()) }
  /// }
  /// ```
  @discardableResult
  public func XCTAssertCorrectDerivatives(
    of activation: some Activation,
    in scalars: [ScalarKind] = ScalarKind.allCases,
    checker: GradientChecker = GradientChecker(),
    file: StaticString = #filePath,
    line: UInt = #line
  ) -> [ComponentReport] {
    if scalars.isEmpty {
      XCTFail("no scalar type requested: nothing was checked", file: file, line: line)
    }
    let reports = scalars.map { checker.checkAllVariants(activation, as: $0) }
    for report in reports where !report.passed {
      XCTFail("\(report)", file: file, line: line)
    }
    return reports
  }
#endif
