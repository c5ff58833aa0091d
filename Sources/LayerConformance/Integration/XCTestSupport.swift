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
    checker: ActivationChecker = ActivationChecker(),
    file: StaticString = #filePath,
    line: UInt = #line
  ) -> [ActivationVariantsReport] {
    if scalars.isEmpty {
      XCTFail("no scalar type requested: nothing was checked", file: file, line: line)
    }
    let reports = scalars.map { checker.checkAllVariants(activation, as: $0) }
    for report in reports where !report.passed {
      XCTFail("\(report)", file: file, line: line)
    }
    return reports
  }

  /// Checks the layer `blueprint` builds in every scalar type of `scalars`, and calls
  /// `XCTFail` with the full report for each scalar type that fails.
  ///
  /// ```swift
  /// final class ScaleTests: XCTestCase {
  ///   func testGradients() { XCTAssertCorrectGradients(of: ScaleBlueprint()) }
  /// }
  /// ```
  @discardableResult
  public func XCTAssertCorrectGradients(
    of blueprint: some LayerBlueprint,
    in scalars: [ScalarKind] = ScalarKind.allCases,
    checker: LayerChecker = LayerChecker(),
    file: StaticString = #filePath,
    line: UInt = #line
  ) -> [LayerReport] {
    if scalars.isEmpty {
      XCTFail("no scalar type requested: nothing was checked", file: file, line: line)
    }
    let reports = scalars.map { checker.check(blueprint, as: $0) }
    for report in reports where !report.passed {
      XCTFail("\(report)", file: file, line: line)
    }
    return reports
  }

  /// Checks the gradient of a whole network, `layers` followed by `loss`, and calls `XCTFail`
  /// with the full report if it fails.
  @discardableResult
  public func XCTAssertCorrectGradients<T: NetworkCheckScalar>(
    ofNetwork layers: [any Layer<T>],
    loss: any Loss,
    input: Tensor<T>,
    target: Tensor<T>,
    checker: NetworkChecker = NetworkChecker(),
    file: StaticString = #filePath,
    line: UInt = #line
  ) -> NetworkReport {
    let report = checker.check(layers: layers, loss: loss, input: input, target: target)
    if !report.passed { XCTFail("\(report)", file: file, line: line) }
    return report
  }
#endif
